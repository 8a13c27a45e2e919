"""Rule-set administration: drafts edited and validated in place, published versions read-only.

Registers the admin classes of ``content`` (questions, rules, obligations ...) and
``versions`` (frameworks and versions, with the upload, diff and publish tools).
"""

from . import content, versions  # noqa: F401  (registration happens on import)

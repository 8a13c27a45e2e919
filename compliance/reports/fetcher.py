"""The only way WeasyPrint may load a resource: the project's own static files.

Report templates refer to them as ``static-file:css/report.css`` (see the ``report_static``
template tag). Anything else (http, https, file, data, ftp, a path outside the static
directories) is refused, so a report never reaches the network or the server's disk.
``rendering.StaticFilesFetcher`` hands WeasyPrint what ``resolve_static`` allows.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

SCHEME = "static-file:"
ALLOWED_SUFFIXES = {".css", ".svg", ".png", ".jpg", ".jpeg", ".woff", ".woff2", ".ttf", ".otf"}


class ResourceRefused(ValueError):
    """WeasyPrint logs this and leaves the resource out."""


def static_url(path: str) -> str:
    return f"{SCHEME}{path}"


def resolve_static(url: str) -> Path:
    """The file behind a ``static-file:`` URL; raises ResourceRefused for anything else."""
    if not url.startswith(SCHEME):
        raise ResourceRefused(f"only the project's static files may be loaded, not {url[:80]!r}")
    path = url[len(SCHEME):]
    if not path or "\\" in path or "\x00" in path or "?" in path or "#" in path or "%" in path:
        raise ResourceRefused(f"not a plain static path: {path[:80]!r}")
    normal = posixpath.normpath(path)
    if normal != path or normal.startswith(("/", "../")) or normal == ".." or ":" in normal:
        raise ResourceRefused(f"not a plain static path: {path[:80]!r}")
    if Path(normal).suffix.lower() not in ALLOWED_SUFFIXES:
        raise ResourceRefused(f"not a style sheet, image or font: {path[:80]!r}")
    found = finders.find(normal)  # the finders join safely inside their own directories
    if found:
        return Path(found)
    for root in _static_roots():  # collected files (a deployment without the source static dirs)
        candidate = (root / normal).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    raise ResourceRefused(f"no such static file: {path[:80]!r}")


def _static_roots() -> list[Path]:
    return [Path(settings.STATIC_ROOT).resolve()] if settings.STATIC_ROOT else []

"""Rendered HTML kept in this process, the least recently used dropped first.

Whoever keeps HTML here keys it by everything the HTML shows, so a kept entry is never stale: a change
makes a new key, and the old entry ages out. Per process on purpose: nothing to invalidate across
servers or deploys (a new release starts with empty processes).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.utils.safestring import SafeString


class KeptHtml:
    def __init__(self, *, limit: int) -> None:
        self.limit = limit
        self._entries: OrderedDict[Hashable, SafeString] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> SafeString | None:
        with self._lock:
            html = self._entries.get(key)
            if html is not None:
                self._entries.move_to_end(key)
            return html

    def keep(self, key: Hashable, html: str) -> SafeString:
        kept = SafeString(html)
        with self._lock:
            self._entries[key] = kept
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)
        return kept

    def get_or_render(self, key: Hashable, render: Callable[[], str]) -> SafeString:
        """The HTML kept under ``key``, else ``render()``'s output, kept from now on."""
        html = self.get(key)
        return html if html is not None else self.keep(key, render())

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

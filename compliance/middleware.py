"""Bounds on what a request may carry, checked before any view or query sees it.

Each refusal is a 400 (or 404 for ids no row can have) with a short page saying what was wrong (in the language
of the language cookie or Accept-Language: this runs before sessions and LocaleMiddleware), instead of
a database error deeper down: PostgreSQL refuses NUL characters in text, SQLite refuses integers of 2^63
and above, and SQLite refuses expression trees over 1,000 deep (the admin's search builds one per word).
"""

from __future__ import annotations

from django.http import Http404, HttpResponseBadRequest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1  # the largest value of a 64-bit primary key
MAX_SEARCH_WORDS = 20
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")  # fields only; uploaded files may hold NULs


def _bad_request(message: str) -> HttpResponseBadRequest:
    title = escape(_("Bad request"))
    return HttpResponseBadRequest(f'<!doctype html><html lang="{translation.get_language()}"><title>{title}</title>'
                                  f"<h1>{title}</h1><p>{escape(message)}</p>")


class RequestBoundsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal is not None:
            with translation.override(translation.get_language_from_request(request)):
                return _bad_request(str(refusal()))
        return self.get_response(request)

    @staticmethod
    def _refusal(request):
        """What is wrong with the request, as a function giving the message (called in the reader's language)."""
        if "\x00" in request.path or any("\x00" in key or any("\x00" in v for v in values)
                                         for key, values in request.GET.lists()):
            return lambda: _("The address contains a NUL character, which no page accepts.")
        if request.method == "POST" and request.content_type in FORM_TYPES and any(
                "\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists()):
            return lambda: _("The form contains a NUL character, which no field accepts. Nothing was saved.")
        query = request.GET.get("q", "")
        if request.path.startswith("/admin/") and len(query.split()) > MAX_SEARCH_WORDS:
            return lambda: _("Search with at most %(count)d words.") % {"count": MAX_SEARCH_WORDS}
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None  # the API answers such ids with its own JSON 404 (compliance/api/access.py)
        if any(isinstance(value, int) and not -MAX_ID <= value <= MAX_ID
               for value in [*view_args, *view_kwargs.values()]):
            raise Http404("No such object.")
        return None

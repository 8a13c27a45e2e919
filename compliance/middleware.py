"""Bounds on what a request may carry, checked before any view or query sees it.

Each refusal is a 400 (or 404 for ids no row can have) with a short page saying what was wrong, instead of
a database error deeper down: PostgreSQL refuses NUL characters in text, SQLite refuses integers of 2^63
and above, and SQLite refuses expression trees over 1,000 deep (the admin's search builds one per word).
"""

from __future__ import annotations

from django.http import Http404, HttpResponseBadRequest
from django.utils.html import escape

MAX_ID = 2**63 - 1  # the largest value of a 64-bit primary key
MAX_SEARCH_WORDS = 20
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")  # fields only; uploaded files may hold NULs


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(f"<!doctype html><title>Bad request</title><h1>Bad request</h1><p>{escape(message)}</p>")


class RequestBoundsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or any("\x00" in v for v in values)
                                         for key, values in request.GET.lists()):
            return _bad_request("The address contains a NUL character, which no page accepts.")
        if request.method == "POST" and request.content_type in FORM_TYPES and any(
                "\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists()):
            return _bad_request("The form contains a NUL character, which no field accepts. Nothing was saved.")
        query = request.GET.get("q", "")
        if request.path.startswith("/admin/") and len(query.split()) > MAX_SEARCH_WORDS:
            return _bad_request(f"Search with at most {MAX_SEARCH_WORDS} words.")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith("/api/"):
            return None  # the API answers such ids with its own JSON 404 (compliance/api/access.py)
        if any(isinstance(value, int) and not -MAX_ID <= value <= MAX_ID
               for value in [*view_args, *view_kwargs.values()]):
            raise Http404("No such object.")
        return None

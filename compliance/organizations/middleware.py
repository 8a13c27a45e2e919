"""A signed-in user's saved interface language, applied on every request."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from .selectors import saved_language

# The session keeps the profile's language (read at sign-in, or on the first request of a session that
# predates it) so pages cost no extra query; the switcher updates both (views/language.py).
SESSION_LANGUAGE = "profile_language"
SESSION_LANGUAGE_USER = "profile_language_user"


def remember_in_session(request, *, language: str) -> None:
    request.session[SESSION_LANGUAGE] = language
    request.session[SESSION_LANGUAGE_USER] = request.user.pk


def apply_saved_language_at_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LANGUAGE] = saved_language(user_id=user.pk)
        request.session[SESSION_LANGUAGE_USER] = user.pk


class UserLanguageMiddleware:
    """After LocaleMiddleware (cookie, Accept-Language) and authentication: the profile's language wins,
    so the choice follows the user to every browser they sign in on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            if request.session.get(SESSION_LANGUAGE_USER) != request.user.pk:
                remember_in_session(request, language=saved_language(user_id=request.user.pk))
            language = request.session.get(SESSION_LANGUAGE, "")
            if language and language != request.LANGUAGE_CODE:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)

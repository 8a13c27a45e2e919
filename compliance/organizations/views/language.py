"""The language switcher: Django's set_language (cookie), plus the signed-in user's profile."""

from django.conf import settings
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .. import services
from ..middleware import remember_in_session


@require_POST
def set_language(request):
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.save_language(user=request.user, language=language)
        remember_in_session(request, language=language)
    return django_set_language(request)

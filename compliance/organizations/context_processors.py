from .models import Membership


def current_organization(request):
    """The organization chosen in this session, and the user's memberships, for the navigation.

    Read once per request: every template rendered with the request (panels, fragments) runs this.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(request, "_current_organization", None)
    if cached is not None:
        return cached
    memberships = list(Membership.objects.filter(user_id=user.pk).select_related("organization"))
    chosen_id = request.session.get("organization_id")
    current = next((m for m in memberships if m.organization_id == chosen_id), memberships[0] if memberships else None)
    request._current_organization = context = {
        "memberships": memberships, "current_membership": current,
        "current_organization": current.organization if current else None}
    return context

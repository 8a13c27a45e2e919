from django.urls import path

from .views import accounts, invitations, language, members, organizations

app_name = "organizations"
urlpatterns = [
    path("language/", language.set_language, name="set_language"),
    path("accounts/signup/", accounts.sign_up, name="signup"),
    path("accounts/signup/sent/", accounts.sign_up_sent, name="signup_sent"),
    path("accounts/signup/confirm/<str:token>/", accounts.sign_up_confirm, name="signup_confirm"),
    path("organizations/new/", organizations.create_organization, name="create"),
    path("organizations/switch/", organizations.switch_organization, name="switch"),
    path("organization/settings/", organizations.organization_settings, name="settings"),
    path("organization/members/", members.members, name="members"),
    path("organization/members/<int:pk>/role/", members.change_role, name="change_role"),
    path("organization/members/<int:pk>/remove/", members.remove_member, name="remove_member"),
    path("organization/invitations/", members.invite, name="invite"),
    path("organization/invitations/<int:pk>/revoke/", members.revoke_invitation, name="revoke_invitation"),
    path("invitations/<slug:token>/", invitations.accept_invitation, name="accept_invitation"),
    path("invitations/<slug:token>/signup/", invitations.invited_sign_up, name="invited_signup"),
]

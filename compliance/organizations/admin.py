from django.contrib import admin

from .models import Invitation, Membership, Organization
from .services import note_portfolio_change


class PortfolioChangeAdmin(admin.ModelAdmin):
    """For rows the portfolio pages show: an edit or deletion here leaves no newer timestamp behind (the app's
    services set them, and the app deletes none of these rows), so it is counted as a portfolio change and the
    pages' kept content is rendered again (compliance.gaps.kept_pages)."""

    organization_path = "organization_id"

    def _note(self, organization_ids) -> None:
        for organization_id in set(organization_ids):
            note_portfolio_change(organization_id=organization_id)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._note(self.model.objects.filter(pk=obj.pk).values_list(self.organization_path, flat=True))

    def delete_model(self, request, obj):
        organization_ids = list(self.model.objects.filter(pk=obj.pk).values_list(self.organization_path, flat=True))
        super().delete_model(request, obj)
        self._note(organization_ids)

    def delete_queryset(self, request, queryset):
        organization_ids = list(queryset.values_list(self.organization_path, flat=True))
        super().delete_queryset(request, queryset)
        self._note(organization_ids)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "organization__name")
    list_select_related = ("user", "organization")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organization", "role", "created_at", "accepted_at")
    search_fields = ("email", "organization__name")
    list_select_related = ("organization",)
    exclude = ("token",)

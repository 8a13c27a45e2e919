from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from compliance.organizations.admin import PortfolioChangeAdmin

from .models import Action, ActionLink, GapItem


@admin.register(GapItem)
class GapItemAdmin(PortfolioChangeAdmin, SimpleHistoryAdmin):
    list_display = ("assessment", "framework_code", "obligation_code", "status", "owner", "due_date", "updated_at")
    list_filter = ("status", "framework_code")
    search_fields = ("obligation_code", "owner", "assessment__system__name")
    list_select_related = ("assessment__system",)
    raw_id_fields = ("organization", "assessment", "assignee", "updated_by", "status_set_by")


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organization", "status", "assignee", "due_date", "updated_at")
    list_filter = ("status",)
    search_fields = ("title",)
    list_select_related = ("organization", "assignee")
    raw_id_fields = ("organization", "assignee", "created_by", "updated_by")


@admin.register(ActionLink)
class ActionLinkAdmin(SimpleHistoryAdmin):
    list_display = ("action", "gap_item", "linked_by", "linked_at")
    list_select_related = ("action", "gap_item", "linked_by")
    raw_id_fields = ("organization", "action", "gap_item", "linked_by")

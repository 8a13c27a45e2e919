from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GapItem


@admin.register(GapItem)
class GapItemAdmin(SimpleHistoryAdmin):
    list_display = ("assessment", "framework_code", "obligation_code", "status", "owner", "due_date", "updated_at")
    list_filter = ("status", "framework_code")
    search_fields = ("obligation_code", "owner", "assessment__system__name")
    list_select_related = ("assessment__system",)
    raw_id_fields = ("organization", "assessment", "updated_by")

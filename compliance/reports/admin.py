from django.contrib import admin

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("pk", "assessment", "status", "page_count", "attempts", "created_at", "finished_at")
    list_filter = ("status",)
    search_fields = ("assessment__system__name", "state_hash")
    list_select_related = ("assessment__system",)
    raw_id_fields = ("organization", "assessment", "requested_by")
    readonly_fields = ("state_hash", "rule_set_versions", "file", "page_count", "attempts", "error",
                       "created_at", "started_at", "finished_at")

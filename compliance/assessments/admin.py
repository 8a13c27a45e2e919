from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from compliance.organizations.admin import PortfolioChangeAdmin

from .models import AISystem, Answer, Assessment, PinnedVersion


@admin.register(AISystem)
class AISystemAdmin(PortfolioChangeAdmin):
    list_display = ("name", "organization", "lifecycle_stage", "updated_at")
    list_filter = ("lifecycle_stage",)
    search_fields = ("name", "organization__name")
    list_select_related = ("organization",)


class PinnedVersionInline(admin.TabularInline):
    model = PinnedVersion
    extra = 0
    readonly_fields = ("framework", "version", "pinned_at")
    can_delete = False


@admin.register(Assessment)
class AssessmentAdmin(PortfolioChangeAdmin):
    list_display = ("system", "organization", "as_of", "updated_at")
    search_fields = ("system__name", "organization__name")
    list_select_related = ("system", "organization")
    inlines = [PinnedVersionInline]


@admin.register(Answer)
class AnswerAdmin(PortfolioChangeAdmin, SimpleHistoryAdmin):
    organization_path = "assessment__organization_id"
    list_display = ("question_code", "assessment", "updated_at")
    search_fields = ("question_code",)
    list_select_related = ("assessment__system",)

from django.contrib import admin
from django.db.models import Count

from .models import Framework, RuleSetVersion


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "jurisdiction")
    search_fields = ("code", "name")


@admin.register(RuleSetVersion)
class RuleSetVersionAdmin(admin.ModelAdmin):
    list_display = ("framework", "label", "status", "in_force_from", "in_force_until", "question_count",
                    "rule_count", "obligation_count")
    list_filter = ("framework", "status")
    readonly_fields = ("content_hash", "published_at", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("framework").annotate(
            n_questions=Count("questions", distinct=True), n_rules=Count("rules", distinct=True),
            n_obligations=Count("obligations", distinct=True))

    @admin.display(description="Questions", ordering="n_questions")
    def question_count(self, obj):
        return obj.n_questions

    @admin.display(description="Rules", ordering="n_rules")
    def rule_count(self, obj):
        return obj.n_rules

    @admin.display(description="Obligations", ordering="n_obligations")
    def obligation_count(self, obj):
        return obj.n_obligations

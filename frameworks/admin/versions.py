"""Admin for frameworks and their rule-set versions."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from ..models import ClassificationRule, Framework, Obligation, Question, RuleSetVersion
from ..publishing import hooks as publication_hooks
from .content import (
    CrosswalkInline,
    DraftOnlyPermissionsMixin,
    ReadOnlyHistoryMixin,
    RoleInline,
    SectionInline,
    TierInline,
)
from .forms import VersionForm
from .validation import ValidatedDraftAdminMixin
from .views import VersionToolsMixin


def _count(model) -> Coalesce:
    """Children per version as a subquery (joining three child tables at once would multiply rows)."""
    counts = (model.objects.filter(version=OuterRef("pk")).order_by().values("version")
              .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class VersionInlineList(admin.TabularInline):
    """A read-only list of versions on the framework page, linking to each."""

    model = RuleSetVersion
    fields = ("label", "status", "in_force_from", "in_force_until", "published_at")
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    """Read-only: name and description are part of every version's content, so they change only via the loader."""

    list_display = ("code", "name", "jurisdiction", "version_in_force", "version_count")
    search_fields = ("code", "name")
    inlines = [VersionInlineList]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_versions=Count("versions"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Versions", ordering="n_versions")
    def version_count(self, obj):
        return obj.n_versions

    @admin.display(description="Newest published")
    def version_in_force(self, obj):
        version = obj.versions.filter(status=RuleSetVersion.Status.PUBLISHED).order_by("-in_force_from").first()
        return version.label if version else "—"


@admin.register(RuleSetVersion)
class RuleSetVersionAdmin(VersionToolsMixin, ReadOnlyHistoryMixin, DraftOnlyPermissionsMixin, ValidatedDraftAdminMixin,
                          SimpleHistoryAdmin):
    form = VersionForm
    change_form_template = "admin/frameworks/rulesetversion/change_form.html"
    list_display = ("label", "framework_code", "status_badge", "in_force", "source_summary", "content_counts")
    list_display_links = ("label",)
    list_filter = ("framework", "status")
    search_fields = ("label", "title", "framework__name")
    inlines = [SectionInline, RoleInline, TierInline, CrosswalkInline]
    fieldsets = (
        (None, {"fields": ("framework", "label", "title", "status")}),
        ("In force", {"fields": ("in_force_from", "in_force_until", "last_reviewed")}),
        ("Sources and notes", {"fields": ("sources", "notes")}),
        ("Format 2: market, named conditions and exceptions, answer mappings",
         {"fields": ("format", "market", "out_of_scope_reason", "supersedes", "shared_questions", "definitions",
                     "exceptions", "answer_mappings"), "classes": ("collapse",)}),
        ("Record", {"fields": ("content_hash", "published_at", "created_at"), "classes": ("collapse",)}),
    )

    def owning_version(self, obj) -> RuleSetVersion:
        return obj

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("framework").annotate(
            n_questions=_count(Question), n_rules=_count(ClassificationRule), n_obligations=_count(Obligation))

    def get_readonly_fields(self, request, obj=None):
        return ("framework", "status", "content_hash", "published_at", "created_at", "source_links", "format",
                "shared_questions")

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.is_draft:
            return self.fieldsets
        # Published: the sources as links rather than the JSON an editor writes.
        return [(name, {**options, "fields": tuple("source_links" if f == "sources" else f for f in options["fields"])})
                for name, options in self.fieldsets]

    def add_view(self, request, form_url="", extra_context=None):
        # A version is born from a file or from another version, never empty.
        return HttpResponseRedirect(reverse("admin:frameworks_rulesetversion_upload"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        version = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if version is not None:
            context.update(
                questions=version.questions.select_related("section").order_by("position"),
                rules=version.rules.order_by("position"),
                obligations=version.obligations.order_by("position"),
                can_publish=self.can_publish(request) and version.is_draft,
                can_add=self.has_add_permission(request),
                publication=publication_hooks().latest(version=version),
                is_draft=version.is_draft,
            )
        return super().change_view(request, object_id, form_url, context)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        return obj.get_status_display()

    @admin.display(description="In force", ordering="in_force_from")
    def in_force(self, obj):
        until = f"{obj.in_force_until:%Y-%m-%d}" if obj.in_force_until else "open-ended"
        return format_html("{} →<br>{}", f"{obj.in_force_from:%Y-%m-%d}", until)

    @admin.display(description="Content")
    def content_counts(self, obj):
        return format_html("{} questions<br>{} rules<br>{} obligations", obj.n_questions, obj.n_rules, obj.n_obligations)

    @admin.display(description="Framework", ordering="framework__code")
    def framework_code(self, obj):
        return obj.framework.code

    @admin.display(description="Source documents")
    def source_summary(self, obj):
        """The first source, shortened, and how many more there are (the list has little room)."""
        sources = [s for s in obj.sources if isinstance(s, dict)]
        if not sources:
            return "—"
        first = Truncator(str(sources[0].get("title") or "(untitled)")).chars(32)
        return f"{first} (+{len(sources) - 1} more)" if len(sources) > 1 else first

    def source_documents(self, obj):
        items = []
        for source in (s for s in obj.sources if isinstance(s, dict)):
            title, url = Truncator(str(source.get("title") or "(untitled)")).chars(60), str(source.get("url") or "")
            # Only web addresses become links, so a typed-in javascript: URL stays text.
            items.append(format_html('<a href="{}" rel="noopener">{}</a>', url, title)
                         if url.startswith(("https://", "http://")) else title)
        return format_html_join(mark_safe("<br>"), "{}", ((item,) for item in items)) or "—"

    @admin.display(description="Source documents")
    def source_links(self, obj):
        return self.source_documents(obj)

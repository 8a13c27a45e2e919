"""Admin for the content of a version: questions with their choices, rules, obligations ...

Each item is edited on its own page (questions with their choices inline); the version
page holds the short lists (sections, roles, tiers, crosswalk links) inline and links
to the rest. Only drafts can change; published and retired content is shown read-only.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    Choice,
    ClassificationRule,
    CrosswalkLink,
    Obligation,
    Question,
    Role,
    RuleSetVersion,
    Section,
    Tier,
)
from .forms import DraftContentForm, ObligationForm, QuestionForm, RuleForm
from .validation import ProblemsInlineMixin, ValidatedDraftAdminMixin


def is_draft(version: RuleSetVersion | None) -> bool:
    return version is None or version.status == RuleSetVersion.Status.DRAFT


class ReadOnlyHistoryMixin:
    """History is for reading: reverting would skip the whole-version validation, or touch published content."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied("Past states can be viewed, not restored; edit the draft instead.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class DraftOnlyPermissionsMixin:
    """Change and delete only while the owning version is a draft; no bulk delete action."""

    def owning_version(self, obj) -> RuleSetVersion:
        return obj.version

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or is_draft(self.owning_version(obj)))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or is_draft(self.owning_version(obj)))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class VersionContentAdmin(ReadOnlyHistoryMixin, DraftOnlyPermissionsMixin, ValidatedDraftAdminMixin,
                          SimpleHistoryAdmin):
    """Base admin of one kind of version content."""

    form = DraftContentForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ("version__framework", "version__status", "version")
    search_fields: tuple[str, ...] = ("code",)
    list_select_related = ("version__framework",)

    def has_module_permission(self, request):
        # Reached from the version page; kept out of the admin index to keep it short.
        return False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["version"] if obj is not None else fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form = type(form.__name__, (form,), {"version": self.owning_version(obj)})
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        version = self.owning_version(obj) if obj is not None else None
        if version is not None:
            context["owning_version"] = version
            context["owning_version_url"] = reverse("admin:frameworks_rulesetversion_change", args=[version.pk])
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def response_post_save_change(self, request, obj):
        return self._back_to_version(request, obj) or super().response_post_save_change(request, obj)

    def response_post_save_add(self, request, obj):
        return self._back_to_version(request, obj) or super().response_post_save_add(request, obj)

    def _back_to_version(self, request, obj):
        if "_continue" in request.POST or "_addanother" in request.POST:
            return None
        return HttpResponseRedirect(reverse("admin:frameworks_rulesetversion_change", args=[self.owning_version(obj).pk]))


class VersionInline(ProblemsInlineMixin, admin.TabularInline):
    """Inline rows on the version page: editable only while the version is a draft."""

    extra = 0
    form = DraftContentForm

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and is_draft(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and is_draft(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_draft(obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form = type(formset.form.__name__, (formset.form,), {"version": obj})
        return formset


class SectionInline(VersionInline):
    model = Section
    fields = ("position", "code", "title", "description")
    classes = ("collapse",)


class RoleInline(VersionInline):
    model = Role
    fields = ("position", "code", "label", "local_label", "description", "citation")
    classes = ("collapse",)


class TierInline(VersionInline):
    model = Tier
    fields = ("position", "code", "label", "local_label", "rank", "description", "citation", "prohibits_use")
    classes = ("collapse",)


class CrosswalkInline(VersionInline):
    model = CrosswalkLink
    fields = ("position", "obligation_code", "target_framework", "target_obligation", "kind", "note")
    verbose_name_plural = "Crosswalk links to other frameworks"
    classes = ("collapse",)


class ChoiceInline(ProblemsInlineMixin, admin.TabularInline):
    model = Choice
    fields = ("position", "code", "label", "help")
    extra = 0
    form = DraftContentForm

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or is_draft(obj.version))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or is_draft(obj.version))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or is_draft(obj.version))


@admin.register(Question)
class QuestionAdmin(VersionContentAdmin):
    form = QuestionForm
    inlines = [ChoiceInline]
    list_display = ("code", "prompt", "type", "section", "version")
    search_fields = ("code", "prompt")



@admin.register(ClassificationRule)
class RuleAdmin(VersionContentAdmin):
    form = RuleForm
    list_display = ("code", "assign_kind", "assign_value", "precedence", "citation", "version")
    search_fields = ("code", "citation", "explanation")


@admin.register(Obligation)
class ObligationAdmin(VersionContentAdmin):
    form = ObligationForm
    list_display = ("code", "title", "citation", "confidence", "version")
    search_fields = ("code", "title", "citation")
    fieldsets = (
        (None, {"fields": ("version", "position", "code", "title", "local_title", "summary", "nature")}),
        ("Source", {"fields": ("citation", "source_url", "confidence")}),
        ("Who and when", {"fields": ("roles", "tiers", "when", "unless", "applies_from", "applies_until", "deadline",
                                     "applies_despite_ban")}),
        ("Consequences and evidence", {"fields": ("penalty", "evidence")}),
    )


@admin.register(Section)
class SectionAdmin(VersionContentAdmin):
    list_display = ("code", "title", "version")
    fields = ("version", "position", "code", "title", "description")


@admin.register(Role)
class RoleAdmin(VersionContentAdmin):
    list_display = ("code", "label", "version")
    fields = ("version", "position", "code", "label", "local_label", "description", "citation")


@admin.register(Tier)
class TierAdmin(VersionContentAdmin):
    list_display = ("code", "label", "rank", "version")
    fields = ("version", "position", "code", "label", "local_label", "rank", "description", "citation", "prohibits_use")


@admin.register(CrosswalkLink)
class CrosswalkLinkAdmin(VersionContentAdmin):
    list_display = ("obligation_code", "target_framework", "target_obligation", "kind", "version")
    fields = ("version", "position", "obligation_code", "target_framework", "target_obligation", "kind", "note")
    search_fields = ("obligation_code", "target_obligation")

"""The version tools of the admin: upload, download, new draft, diff, publish, change history.

Each view checks the admin permission it needs: view for reading, add for new drafts,
and the separate ``frameworks.publish_rulesetversion`` for publishing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify

from .. import translations as tr
from ..diff import diff_documents
from ..models import RuleSetVersion
from ..publishing import hooks as publication_hooks
from ..ruleset import Problem, RuleSetInvalid, compile_document
from ..selectors import compiled_ruleset, latest_published
from ..serialization import version_document
from ..services import create_draft_from, export_yaml, import_yaml_as_draft, replacement_problems, set_translations
from ..translation_files import dump
from ..yamlio import parse_yaml
from .forms import NewDraftForm, UploadForm, suggested_label
from .history import version_changes
from .validation import version_problems

PUBLISH_PERMISSION = "frameworks.publish_rulesetversion"


def _translation_problems(text: str, language: str, translates: str) -> list:
    """The pasted YAML: parsed safely, checked against the translation schema and its header."""
    try:
        document = parse_yaml(text, "text")
    except RuleSetInvalid as exc:
        return exc.problems
    problems = tr.schema_problems(document, "text")
    if not problems and (document["language"] != language or document["translates"] != translates):
        problems = [Problem("text", f"the header must say language: {language} and translates: {translates}")]
    return problems


class VersionToolsMixin:
    """URLs and views added to the rule-set version admin."""

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        info = "frameworks_rulesetversion"
        return [
            path("upload/", view(self.upload_view), name=f"{info}_upload"),
            path("<int:object_id>/new-draft/", view(self.new_draft_view), name=f"{info}_new_draft"),
            path("<int:object_id>/download/", view(self.download_view), name=f"{info}_download"),
            path("<int:object_id>/diff/", view(self.diff_view), name=f"{info}_diff"),
            path("<int:object_id>/publish/", view(self.publish_view), name=f"{info}_publish"),
            path("<int:object_id>/changes/", view(self.changes_view), name=f"{info}_changes"),
            path("<int:object_id>/publication/", view(self.publication_view), name=f"{info}_publication"),
            path("<int:object_id>/translations/<str:language>/", view(self.translations_view),
                 name=f"{info}_translations"),
        ] + super().get_urls()

    # --- helpers --------------------------------------------------------------------

    def _version(self, request, object_id: int) -> RuleSetVersion:
        version = get_object_or_404(RuleSetVersion.objects.select_related("framework"), pk=object_id)
        if not self.has_view_permission(request, version):
            raise PermissionDenied
        return version

    def _render(self, request, template: str, context: dict) -> TemplateResponse:
        return TemplateResponse(request, f"admin/frameworks/rulesetversion/{template}", {
            **self.admin_site.each_context(request), "opts": self.model._meta, **context})

    def _change_url(self, version: RuleSetVersion) -> str:
        return reverse("admin:frameworks_rulesetversion_change", args=[version.pk])

    def can_publish(self, request) -> bool:
        return request.user.has_perm(PUBLISH_PERMISSION)

    # --- views ----------------------------------------------------------------------

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            name, text = form.cleaned_data["file"]
            try:
                draft = import_yaml_as_draft(text=text, name=name)
            except RuleSetInvalid as exc:
                problems = exc.problems
            else:
                messages.success(request, f"Stored {draft.framework.name} {draft.label} as a new draft. "
                                          "Check it, then publish it when it is ready.")
                return HttpResponseRedirect(self._change_url(draft))
        return self._render(request, "upload.html", {"title": "Upload a rule set as a new draft", "form": form,
                                                     "problems": problems})

    def new_draft_view(self, request, object_id):
        version = self._version(request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        labels = list(version.framework.versions.values_list("label", flat=True))
        today = timezone.localdate()
        form = NewDraftForm(request.POST or None, framework=version.framework, initial={
            "label": suggested_label(labels, today),
            "in_force_from": max(today, version.in_force_from + dt.timedelta(days=1))})
        problems = []
        if request.method == "POST" and form.is_valid():
            try:
                draft = create_draft_from(version=version, label=form.cleaned_data["label"],
                                          in_force_from=form.cleaned_data["in_force_from"])
            except RuleSetInvalid as exc:
                problems = exc.problems
            else:
                messages.success(request, f"Created draft {draft.label} from {version.label}. Edit it below.")
                return HttpResponseRedirect(self._change_url(draft))
        return self._render(request, "new_draft.html", {
            "title": f"New draft from {version.framework.name} {version.label}", "version": version, "form": form,
            "problems": problems})

    def download_view(self, request, object_id):
        version = self._version(request, object_id)
        response = HttpResponse(export_yaml(version=version), content_type="application/yaml; charset=utf-8")
        filename = f"{slugify(version.framework.code)}-{slugify(version.label.replace('.', '-'))}.yaml"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def diff_view(self, request, object_id):
        version = self._version(request, object_id)
        others = list(version.framework.versions.exclude(pk=version.pk).order_by("-in_force_from", "-created_at"))
        against_id = request.GET.get("against", "")
        if against_id:
            against = next((v for v in others if str(v.pk) == against_id), None)
            if against is None:
                raise Http404("No such version of this framework.")
        else:
            in_force = latest_published(framework_code=version.framework.code)
            against = in_force if in_force and in_force.pk != version.pk else (others[0] if others else None)
        diff = diff_documents(version_document(against), version_document(version), against.translations,
                              version.translations) if against else None
        return self._render(request, "diff.html", {
            "title": f"Changes in {version.framework.name} {version.label}", "version": version,
            "against": against, "others": others, "diff": diff})

    def publish_view(self, request, object_id):
        version = self._version(request, object_id)
        if not self.can_publish(request):
            raise PermissionDenied("Publishing needs the 'Can publish rule-set versions' permission.")
        if not version.is_draft:
            messages.info(request, f"{version.label} is already {version.get_status_display().lower()}.")
            return HttpResponseRedirect(self._change_url(version))
        problems = version_problems(version) + replacement_problems(version=version)
        if request.method == "POST" and not problems:
            try:
                publication_hooks().publish(version=version, user=request.user)
            except RuleSetInvalid as exc:
                problems = exc.problems
            else:
                messages.success(request, f"Published {version.framework.name} {version.label}. Assessments on "
                                          "older versions are being re-evaluated; their users will see what changes.")
                return HttpResponseRedirect(self._change_url(version))
        in_force = latest_published(framework_code=version.framework.code)
        context = {"title": f"Publish {version.framework.name} {version.label}", "version": version,
                   "in_force": in_force, "problems": problems, "diff": None, "impact": None}
        if not problems:
            document = version_document(version)
            rule_set = compile_document(document)
            context["diff"] = diff_documents(version_document(in_force), document, in_force.translations,
                                             version.translations) if in_force else None
            context["impact"] = publication_hooks().impact(version=version, new_rule_set=rule_set)
        return self._render(request, "publish.html", context)

    def changes_view(self, request, object_id):
        version = self._version(request, object_id)
        return self._render(request, "changes.html", {
            "title": f"Change history of {version.framework.name} {version.label}", "version": version,
            "changes": version_changes(version)})

    def translations_view(self, request, object_id, language):
        """Korean or Japanese texts of a version, edited as the YAML of a translation file (any status)."""
        version = self._version(request, object_id)
        if language not in tr.LANGUAGES:
            raise Http404("No such language.")
        can_edit = request.user.has_perm("frameworks.change_rulesetversion")
        translates = f"{version.framework.code} {version.label}"
        source = tr.source_strings(compiled_ruleset(version).document)
        problems: list = []
        text = dump({k: v for k, v in version.translations.get(language, {}).items() if k in source},
                    language=language, translates=translates)
        if request.method == "POST":
            if not can_edit:
                raise PermissionDenied("Editing translations needs the 'Can change rule-set version' permission.")
            text = request.POST.get("text", "")
            problems = _translation_problems(text, language, translates)
            if not problems:
                try:
                    set_translations(version=version, language=language, strings=tr.flatten(parse_yaml(text, "text")))
                except RuleSetInvalid as exc:
                    problems = exc.problems
                else:
                    messages.success(request, f"Saved the {tr.LANGUAGE_NAMES[language]} texts of {version.label}. "
                                              "Results do not change: translations are not legal content.")
                    return HttpResponseRedirect(reverse("admin:frameworks_rulesetversion_translations",
                                                        args=[version.pk, language]))
        have = version.translations.get(language, {})
        missing = [key for key in source if key not in have]
        return self._render(request, "translations.html", {
            "title": f"{tr.LANGUAGE_NAMES[language]} texts of {version.framework.name} {version.label}",
            "version": version, "language": language, "language_name": tr.LANGUAGE_NAMES[language],
            "text": text, "problems": problems, "can_edit": can_edit, "missing": missing,
            "translated": len(source) - len(missing), "total": len(source), "languages": tr.LANGUAGE_NAMES})

    def publication_view(self, request, object_id):
        """The re-evaluation progress after publishing (polled by htmx while it runs); POST queues it again."""
        version = self._version(request, object_id)
        publication = publication_hooks().latest(version=version)
        if request.method == "POST":
            if not self.can_publish(request):
                raise PermissionDenied("Re-evaluating needs the 'Can publish rule-set versions' permission.")
            retry = publication_hooks().retry
            if publication is None or retry is None:
                raise Http404("Nothing to re-evaluate for this version.")
            retry(publication=publication)
            messages.info(request, f"Re-evaluation of the assessments on older versions queued again for "
                                   f"{version.framework.name} {version.label}.")
            return HttpResponseRedirect(self._change_url(version))
        return self._render(request, "_publication.html", {
            "version": version, "publication": publication, "can_publish": self.can_publish(request)})

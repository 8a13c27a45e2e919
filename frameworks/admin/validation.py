"""Whole-version validation of draft edits in the admin.

An edit is saved inside the admin's transaction, then the whole version is checked
with the loader's checks. If anything is wrong the transaction is rolled back and the
same request is processed again with the problems attached: each form adds the
problems located in its own object next to the matching field, and the main form
refuses to save. The user sees their input with the errors; nothing changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect

from ..loader import LoadedFile, cross_file_problems, shared_question_problems
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
from ..ruleset import Problem, RuleSetInvalid, compile_document
from ..selectors import obligation_codes_by_framework
from ..serialization import version_document
from ..services import refresh_draft_hash

KIND_OF_MODEL = {
    RuleSetVersion: "version", Section: "section", Question: "question", Choice: "choice", Role: "role",
    Tier: "tier", ClassificationRule: "rule", Obligation: "obligation", CrosswalkLink: "crosswalk",
}
CONTAINERS = {"sections": "section", "questions": "question", "choices": "choice", "roles": "role",
              "tiers": "tier", "rules": "rule", "obligations": "obligation", "crosswalk": "crosswalk"}
# Document field names that differ from the model's.
MODEL_FIELDS = {
    "rule": {"assign": "assign_value"},
    "crosswalk": {"obligation": "obligation_code", "framework": "target_framework", "target": "target_obligation"},
}
_STEP = re.compile(r"([A-Za-z_]+)(?:\[([^\]]*)\])?")


@dataclass(frozen=True)
class LocatedProblem:
    """A problem with the object it belongs to: (kind, key) and the model field, if one matches."""

    kind: str
    key: Any
    field: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class DraftInvalid(Exception):
    def __init__(self, problems: list[LocatedProblem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def locate(problem: Problem, crosswalk_keys: list[tuple[str, str, str]]) -> LocatedProblem:
    """Find the object and field a loader location such as ``rules[r1].unless[x].when`` points at."""
    location = problem.location.split(": ")[-1]  # cross-file problems are prefixed with a file name
    kind, key, field = "", None, ""
    question = None
    for name, bracket in _STEP.findall(location):
        if name in CONTAINERS and bracket is not None and bracket != "":
            kind, field = CONTAINERS[name], ""
            if kind == "question":
                question = key = bracket
            elif kind == "choice":
                key = (question, bracket)
            elif kind == "crosswalk":
                index = int(bracket) if bracket.isdigit() else -1
                key = crosswalk_keys[index] if 0 <= index < len(crosswalk_keys) else None
            else:
                key = bracket
        elif name == "version" and not kind:
            kind = "version"
        elif kind and not field:
            field = MODEL_FIELDS.get(kind, {}).get(name, name)
    return LocatedProblem(kind, key, field, location, problem.message)


def version_problems(version: RuleSetVersion) -> list[Problem]:
    """The loader's checks on a stored version: schema, conditions, references, shared questions, crosswalk."""
    try:
        rule_set = compile_document(version_document(version))
    except RuleSetInvalid as exc:
        return exc.problems
    return shared_question_problems(rule_set) + cross_file_problems(
        [LoadedFile(str(version), rule_set)], obligation_codes_by_framework())


def located_version_problems(version: RuleSetVersion) -> list[LocatedProblem]:
    problems = version_problems(version)
    if not problems:
        return []
    keys = list(version.crosswalk_links.order_by("position", "pk")
                .values_list("obligation_code", "target_framework", "target_obligation"))
    return [locate(p, keys) for p in problems]


def form_key(form: forms.ModelForm) -> tuple[str, Any]:
    """(kind, key) of the object a form edits, from the submitted values where there are any."""
    kind = KIND_OF_MODEL.get(form._meta.model, "")
    data = getattr(form, "cleaned_data", {}) or {}

    def value(name: str) -> Any:
        return data.get(name, getattr(form.instance, name, None))

    if kind == "version":
        return kind, None
    if kind == "choice":
        question = form.instance.question if form.instance.question_id else None
        return kind, (question.code if question else None, value("code"))
    if kind == "crosswalk":
        return kind, (value("obligation_code"), value("target_framework"), value("target_obligation"))
    return kind, value("code")


def with_problems(form_class: type[forms.ModelForm], problems: list[LocatedProblem], *, main: bool = False):
    """A form class that shows the problems belonging to its object; the main form also refuses to save."""

    class FormWithProblems(form_class):
        def clean(self):
            cleaned = super().clean()
            key = form_key(self)
            for problem in problems:
                if (problem.kind, problem.key) != key:
                    continue
                if problem.field in self.fields and problem.field not in self.errors:
                    self.add_error(problem.field, problem.message)
                else:
                    self.add_error(None, str(problem))
            if main:
                self.add_error(None, f"Nothing was saved: with these changes the version has {len(problems)} "
                                     f"problem{'s' if len(problems) != 1 else ''}, listed at the top of the page.")
            return cleaned

    FormWithProblems.__name__ = form_class.__name__
    return FormWithProblems


class ValidatedDraftAdminMixin:
    """For ModelAdmins of drafts: validate the whole version on every save and delete."""

    def owning_version(self, obj) -> RuleSetVersion:
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DraftInvalid as exc:
            # The admin's transaction was rolled back; show the same input again with the problems.
            request.draft_problems = exc.problems
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        problems = getattr(request, "draft_problems", None)
        return with_problems(form, problems, main=True) if problems else form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.validate_or_roll_back(self.owning_version(form.instance))

    def validate_or_roll_back(self, version: RuleSetVersion) -> None:
        version = RuleSetVersion.objects.select_related("framework").get(pk=version.pk)
        problems = located_version_problems(version)
        if problems:
            raise DraftInvalid(problems)
        refresh_draft_hash(version=version)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DraftInvalid as exc:
            messages.error(request, "Not deleted: without it the version would have these problems: "
                           + "; ".join(map(str, exc.problems)))
            return HttpResponseRedirect(request.path.rsplit("/delete/", 1)[0] + "/change/")

    def delete_model(self, request, obj):
        version = self.owning_version(obj)
        super().delete_model(request, obj)
        if version is not obj:  # deleting a whole draft leaves nothing to validate
            self.validate_or_roll_back(version)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["draft_problems"] = getattr(request, "draft_problems", [])
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class ProblemsInlineMixin:
    """For inlines: their forms show the problems that belong to their rows."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        problems = getattr(request, "draft_problems", None)
        if problems:
            formset.form = with_problems(formset.form, problems)
        return formset

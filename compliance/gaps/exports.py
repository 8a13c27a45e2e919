"""The gap register as CSV or XLSX: one row per tracked obligation, the same rows as the tracker shows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from compliance.assessments.selectors import assessment_state, owned_assessment
from compliance.inventory.spreadsheets import write_csv, write_xlsx
from compliance.organizations.access import active_membership

from .evidence_selectors import evidence_by_item
from .models import Action, ActionLink, Evidence, GapItem
from .selectors import AssessmentGaps, GapRow, assessment_gaps
from .titles import ObligationTitles

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def nature_label(nature: str) -> str:
    return {"binding": _("Binding"), "effort": _("Duty to endeavour"), "voluntary": _("Voluntary")}.get(nature, nature)


def confidence_label(confidence: str) -> str:
    return {"primary": _("Primary source"), "secondary": _("Secondary source"),
            "unverified": _("Unverified")}.get(confidence, confidence)


def gap_register_header() -> list[str]:
    return [_("Framework"), _("Citation"), _("Obligation"), _("Nature"), _("Confidence"), _("Status"),
            _("Assignee"), _("Due date"), _("Linked actions"), _("Evidence"), _("Last change")]


def _last_change(row: GapRow) -> str:
    """When the obligation's record last changed (its status or an evidence upload), and by whom."""
    changes = [(e.uploaded_at, e.uploaded_by) for e in row.evidence]
    if row.item is not None:
        changes.append((row.item.updated_at, row.item.updated_by))
    if not changes:
        return ""
    when, who = max(changes, key=lambda change: change[0])
    stamp = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
    return f"{stamp} ({person_name(who)})" if who is not None else stamp


def person_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def assignee_text(item) -> str:
    """The assigned member, else the free-text owner of earlier data."""
    if item is None:
        return ""
    return person_name(item.assignee) if item.assignee_id else item.owner


def linked_action_titles(*, assessment) -> dict[int, list[str]]:
    """Titles of the actions linked to each gap item of an assessment (one query)."""
    titles: dict[int, list[str]] = {}
    links = (ActionLink.objects.filter(gap_item__assessment=assessment).select_related("action")
             .order_by("action__title", "action_id"))
    for link in links:
        titles.setdefault(link.gap_item_id, []).append(link.action.title)
    return titles


def gap_register_rows(*, gaps: AssessmentGaps, actions: dict[int, list[str]] | None = None) -> list[list]:
    actions = actions or {}
    rows: list[list] = []
    for row in gaps.rows:
        item = row.item
        evidence = [e.name for e in row.evidence] + (list(item.links) if item else [])
        linked = actions.get(item.pk, []) if item else []
        rows.append([row.framework_name, row.spec["citation"], row.spec["title"], nature_label(row.nature),
                     confidence_label(row.spec["confidence"]), str(row.status_label), assignee_text(item),
                     row.due_date, "; ".join(linked), "; ".join(evidence), _last_change(row)])
    return rows


@login_required
@require_GET
def gap_register(request, assessment_id: int, file_format: str):
    if file_format not in FORMATS:
        raise Http404("Export as .csv or .xlsx.")
    assessment, _membership = owned_assessment(user=request.user, pk=assessment_id)
    today = timezone.localdate()
    items = {(i.framework_code, i.obligation_code): i
             for i in GapItem.objects.filter(assessment=assessment).select_related("assignee", "updated_by")}
    gaps = assessment_gaps(state=assessment_state(assessment), today=today, items=items,
                           evidence=evidence_by_item(assessment=assessment))
    header = gap_register_header()
    rows = gap_register_rows(gaps=gaps, actions=linked_action_titles(assessment=assessment))
    stem = slugify(assessment.system.name, allow_unicode=True)[:60].strip("-") or "ai-system"
    return _table_response(file_format=file_format, title=_("Gap register"), header=header, rows=rows,
                           filename=f"{stem}-gap-register-{today:%Y-%m-%d}")


def _table_response(*, file_format: str, title: str, header: list[str], rows: list[list],
                    filename: str) -> HttpResponse:
    if file_format == "xlsx":
        data = write_xlsx(title=title, header=header, rows=rows)
    else:
        data = write_csv(header=header, rows=rows)
    response = HttpResponse(data, content_type=FORMATS[file_format])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True,
                                                                 filename=f"{filename}.{file_format}")
    return response


def action_register_header() -> list[str]:
    return [_("Action"), _("Description"), _("Status"), _("Assignee"), _("Due date"), _("Linked obligations"),
            _("Evidence"), _("Last change")]


def action_register_rows(*, organization) -> list[list]:
    """One row per action of the organization, with the obligations it serves and its evidence files."""
    actions = list(Action.objects.filter(organization=organization).select_related("assignee", "updated_by")
                   .order_by("title", "pk"))
    links: dict[int, list[GapItem]] = {}
    for link in (ActionLink.objects.filter(action__organization=organization)
                 .select_related("gap_item__assessment__system").order_by("gap_item__framework_code",
                                                                          "gap_item__obligation_code", "pk")):
        links.setdefault(link.action_id, []).append(link.gap_item)
    evidence: dict[int, list[str]] = {}
    for file in Evidence.objects.filter(action__organization=organization, removed_at=None).order_by("uploaded_at",
                                                                                                      "pk"):
        assert file.action_id is not None
        evidence.setdefault(file.action_id, []).append(file.name)
    titles = ObligationTitles()
    rows: list[list] = []
    for action in actions:
        stamp = timezone.localtime(action.updated_at).strftime("%Y-%m-%d %H:%M")
        changed = f"{stamp} ({person_name(action.updated_by)})" if action.updated_by_id else stamp
        rows.append([action.title, action.description, str(action.get_status_display()),
                     person_name(action.assignee), action.due_date,
                     "; ".join(titles(item) for item in links.get(action.pk, [])),
                     "; ".join(evidence.get(action.pk, [])), changed])
    return rows


@login_required
@require_GET
def action_register(request, file_format: str):
    """The action register of the organization chosen in this session."""
    if file_format not in FORMATS:
        raise Http404("Export as .csv or .xlsx.")
    membership = active_membership(request)
    organization = membership.organization
    stem = slugify(organization.name, allow_unicode=True)[:60].strip("-") or "organization"
    return _table_response(file_format=file_format, title=_("Action register"), header=action_register_header(),
                           rows=action_register_rows(organization=organization),
                           filename=f"{stem}-action-register-{timezone.localdate():%Y-%m-%d}")

"""Reads for the portfolio pages (dashboard, assessments list, systems list) and the API's lists.

Everything here reads stored results (``compliance.assessments.stored_results``) and gap items with
a fixed number of queries, whatever the number of assessments: nothing evaluates an assessment except
``refresh_results`` for the few whose stored results are missing or stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.expressions import OrderBy
from django.db.models.fields.json import KT, KeyTransform
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from compliance.assessments.models import (
    AISystem,
    Assessment,
    FrameworkSummary,
    ObligationSummary,
    PinnedVersion,
    ResultSummary,
)
from compliance.assessments.stored_results import NATURES, _summary_of, outdated, refresh_results
from compliance.organizations.models import Organization
from frameworks import wording
from frameworks.models import RuleSetVersion
from frameworks.selectors import (
    VERSION_CONTENT_FIELDS,
    VERSION_KEY_FIELDS,
    compiled_rulesets,
    framework_name,
    localized_ruleset,
)
from frameworks.translations import SOURCE_LANGUAGE, language_code

from .actions.notifications import person_name
from .models import OPEN_STATUSES, GapItem, GapStatus

NEAR_DAYS = 90
PAGE_SIZE = 25
ATTENTION_LIMIT = 10
# Results brought up to date inside a request; more than this are refreshed by a background task.
REFRESH_IN_REQUEST = 200
SORTS = {
    "system": (_("AI system (A–Z)"), ("system__name", "-as_of", "-pk")),
    "updated": (_("Last change first"), ("-updated_at", "-pk")),
    "as_of": (_("Assessment date, newest first"), ("-as_of", "system__name", "-pk")),
    "tier": (_("Highest tier first"), ("-result_summary__top_tier_rank", "system__name", "-pk")),
}
NATURE_LABELS = {"binding": _("Binding duties"), "effort": _("Duties to endeavour"),
                 "voluntary": _("Voluntary practices")}


@dataclass(frozen=True)
class PortfolioFilter:
    """What a portfolio page shows: a framework code, a 'framework:tier' key, overdue only, a gap owner."""

    framework: str = ""
    tier: str = ""
    overdue: bool = False
    assignee: str = ""
    archived: bool = False
    sort: str = "system"

    @property
    def active(self) -> bool:
        return bool(self.framework or self.tier or self.overdue or self.assignee)


def _open_gap(today: dt.date) -> QuerySet[GapItem]:
    """Open gap items past their own due date whose obligation applies (OuterRef: the assessment)."""
    applies = ObligationSummary.objects.filter(assessment_id=OuterRef("assessment_id"),
                                               framework_code=OuterRef("framework_code"),
                                               obligation_code=OuterRef("obligation_code"))
    return GapItem.objects.filter(status__in=OPEN_STATUSES, due_date__lt=today).filter(Exists(applies))


def portfolio_assessments(*, organization: Organization, filters: PortfolioFilter = PortfolioFilter(),
                          today: dt.date) -> QuerySet[Assessment]:
    """The organization's assessments that match the filters, sorted; archived ones only when asked for."""
    queryset = (Assessment.objects.filter(organization=organization, archived_at__isnull=not filters.archived)
                .select_related("system", "result_summary"))
    if filters.framework:
        queryset = queryset.filter(Exists(PinnedVersion.objects.filter(
            assessment_id=OuterRef("pk"), framework__code=filters.framework)))
    if filters.tier:
        queryset = queryset.filter(result_summary__tier_keys__contains=f" {filters.tier} ")
    if filters.overdue:
        queryset = queryset.filter(Exists(_open_gap(today).filter(assessment_id=OuterRef("pk"))))
    if filters.assignee:
        queryset = queryset.filter(Exists(GapItem.objects.filter(
            _assigned(filters.assignee), assessment_id=OuterRef("pk"), status__in=OPEN_STATUSES)))
    order: list[str | OrderBy] = list(SORTS.get(filters.sort, SORTS["system"])[1])
    if filters.sort == "tier":
        order[0] = F("result_summary__top_tier_rank").desc(nulls_last=True)
    return queryset.order_by(*order)


# Who holds open work, as a filter value: a member (by user id), or the free-text owner of earlier data.
MEMBER, OWNER_TEXT = "member:", "owner:"


def _assigned(value: str) -> Q:
    """Gap items held by the member or free-text owner that a filter value names (none for a malformed one)."""
    if value.startswith(MEMBER) and value[len(MEMBER):].isdigit():
        return Q(assignee_id=int(value[len(MEMBER):]))
    if value.startswith(OWNER_TEXT):
        return Q(assignee__isnull=True, owner=value[len(OWNER_TEXT):])
    return Q(pk__in=[])


def ensure_current(*, organization: Organization) -> int:
    """Bring missing or outdated stored results up to date; returns how many are still being refreshed.

    One query when everything is current. Up to REFRESH_IN_REQUEST are recomputed now, the rest by a
    background task (the page says so).
    """
    ids = list(outdated(Assessment.objects.filter(organization=organization)).order_by("-updated_at")
               .values_list("pk", flat=True)[:REFRESH_IN_REQUEST + 1])
    if not ids:
        return 0
    refresh_results(assessment_ids=ids[:REFRESH_IN_REQUEST])
    if len(ids) <= REFRESH_IN_REQUEST:
        return 0
    from compliance.assessments import tasks

    tasks.refresh_organization_results.delay(organization.pk)
    return outdated(Assessment.objects.filter(organization=organization)).count()


@dataclass
class NatureScore:
    """Applicable items of one nature by gap status, with highlights counted over open items."""

    met: int = 0
    in_progress: int = 0
    not_started: int = 0
    not_applicable: int = 0
    overdue: int = 0
    near: int = 0
    in_force: int = 0

    @property
    def counted(self) -> int:
        return self.met + self.in_progress + self.not_started

    @property
    def open(self) -> int:
        return self.in_progress + self.not_started

    @property
    def met_percent(self) -> int | None:
        return round(100 * self.met / self.counted) if self.counted else None

    @property
    def total(self) -> int:
        return self.counted + self.not_applicable


@dataclass
class AssessmentRow:
    assessment: Assessment
    summary: ResultSummary | None
    frameworks: list[FrameworkSummary] = field(default_factory=list)
    scores: dict[str, NatureScore] = field(default_factory=dict)

    def score(self, nature: str) -> NatureScore:
        return self.scores.get(nature) or NatureScore()

    @property
    def binding(self) -> NatureScore:
        return self.score("binding")

    @property
    def effort(self) -> NatureScore:
        return self.score("effort")

    @property
    def voluntary(self) -> NatureScore:
        return self.score("voluntary")

    @property
    def overdue(self) -> int:
        return sum(s.overdue for s in self.scores.values())

    @property
    def near(self) -> int:
        return sum(s.near for s in self.scores.values() if s is not self.scores.get("voluntary"))


def _gap_subquery(field_name: str) -> Subquery:
    return Subquery(GapItem.objects.filter(
        assessment_id=OuterRef("assessment_id"), framework_code=OuterRef("framework_code"),
        obligation_code=OuterRef("obligation_code")).values(field_name)[:1])


def _localize_summaries(summaries: Sequence[FrameworkSummary]) -> None:
    """Stored results keep the English texts of their time: show tier labels and scope reasons in the reader's
    language, from the codes they store and the (cached) localized versions. No query for versions already
    compiled in this process."""
    if language_code(get_language()) == SOURCE_LANGUAGE or not summaries:
        return
    keys = {tuple(getattr(s, f"vk_{name}") for name in VERSION_KEY_FIELDS) for s in summaries}
    rule_sets = compiled_rulesets(keys)
    for summary in summaries:
        rule_set = rule_sets.get(summary.version_id)
        if rule_set is None:
            continue
        summary.tiers = [{**tier, "label": rule_set.tiers.get(tier.get("code"), {}).get("label", tier.get("label"))}
                         for tier in summary.tiers]
        summary.scope_reason = wording.scope_reason(  # type: ignore[attr-defined]  # annotated above
            rule_set, in_scope=summary.in_scope, scope_rules=getattr(summary, "scope_rules", None) or [],
            stored=getattr(summary, "scope_reason", "") or "")


def assessment_rows(*, assessments: list[Assessment], today: dt.date) -> list[AssessmentRow]:
    """Rows for one page of assessments: stored results, framework summaries and gap scores (three queries,
    plus a refresh of any whose stored results no longer match their inputs)."""
    ids = [a.pk for a in assessments]
    if not ids:
        return []
    if refresh_results(assessments=assessments):
        fresh = {s.assessment_id: s for s in ResultSummary.objects.filter(assessment_id__in=ids)}
        for assessment in assessments:
            assessment.result_summary = fresh.get(assessment.pk)
    frameworks: dict[int, list[FrameworkSummary]] = {}
    # The stored result is large: read only its scope reason and the rules that decided it, for "not in scope"
    # with the reason why; and the version's cache key, to show tiers and reasons in the reader's language.
    summaries = list(FrameworkSummary.objects.filter(assessment_id__in=ids).defer("result")
                     .annotate(scope_reason=KT("result__scope_reason"), scope_rules=KeyTransform("scope_rules", "result"),
                               **{f"vk_{name}": F(f"version__{name}") for name in VERSION_KEY_FIELDS})
                     .order_by("framework_code"))
    _localize_summaries(summaries)
    for summary in summaries:
        frameworks.setdefault(summary.assessment_id, []).append(summary)
    near_end = today + dt.timedelta(days=NEAR_DAYS)
    groups = (ObligationSummary.objects.filter(assessment_id__in=ids)
              .annotate(gap_status=Coalesce(_gap_subquery("status"), Value(GapStatus.NOT_STARTED.value)),
                        gap_due=_gap_subquery("due_date"))
              .values("assessment_id", "nature", "gap_status")
              .annotate(n=Count("id"), overdue=Count("id", filter=Q(gap_due__lt=today)),
                        near=Count("id", filter=Q(applies_from__gte=today, applies_from__lte=near_end)),
                        in_force=Count("id", filter=Q(applies_from__lte=today)))
              .order_by())
    scores: dict[int, dict[str, NatureScore]] = {}
    for group in groups:
        score = scores.setdefault(group["assessment_id"], {}).setdefault(group["nature"], NatureScore())
        status = group["gap_status"]
        setattr(score, status, getattr(score, status, 0) + group["n"])
        if status in OPEN_STATUSES:
            score.overdue += group["overdue"]
            score.near += group["near"]
        score.in_force += group["in_force"]
    return [AssessmentRow(a, _summary_of(a), frameworks.get(a.pk, []), scores.get(a.pk, {})) for a in assessments]


# --- needs attention, across every assessment that is not archived ----------------------------------


@dataclass
class AttentionItem:
    assessment: Assessment
    framework_code: str
    obligation_code: str
    title: str
    citation: str
    nature: str
    unverified: bool
    due_date: dt.date | None = None
    legal_date: dt.date | None = None
    owner: str = ""
    today: dt.date | None = None

    @property
    def overdue(self) -> bool:
        return self.due_date is not None

    @property
    def days_to_legal_date(self) -> int | None:
        return (self.legal_date - self.today).days if self.legal_date and self.today else None

    @property
    def anchor(self) -> str:
        return f"gap-{self.framework_code}-{self.obligation_code}"


# Binding duties first, then duties to endeavour, then voluntary practices: never mixed, never led by soft law.
_NATURE_ORDER = Case(When(nature="binding", then=Value(0)), When(nature="effort", then=Value(1)), default=Value(2))


@dataclass
class Attention:
    overdue: list[AttentionItem]
    overdue_total: int
    near: list[AttentionItem]
    near_total: int


def attention(*, organization: Organization, today: dt.date, limit: int = ATTENTION_LIMIT) -> Attention:
    """Overdue gap items and binding or effort duties whose legal date is within 90 days, across all of the
    organization's assessments that are not archived (five queries)."""
    live = Q(assessment__archived_at__isnull=True)
    stored = ObligationSummary.objects.filter(assessment_id=OuterRef("assessment_id"),
                                              framework_code=OuterRef("framework_code"),
                                              obligation_code=OuterRef("obligation_code"))
    overdue_items = _open_gap(today).filter(live, organization=organization)
    overdue_total = overdue_items.count()
    # The first ``limit`` items are chosen by their ids alone, ranking each overdue item's nature in one
    # subquery; only those few are then joined to their systems and described (one query either way).
    nature_rank = Subquery(stored.annotate(rank=_NATURE_ORDER).values("rank")[:1])
    first = overdue_items.annotate(nature_rank=nature_rank).order_by("nature_rank", "due_date", "pk").values("pk")
    overdue = list(GapItem.objects.filter(pk__in=first[:limit]).select_related("assessment__system", "assignee").annotate(
        nature=Subquery(stored.values("nature")[:1]), confidence=Subquery(stored.values("confidence")[:1]),
        nature_rank=nature_rank).order_by("nature_rank", "due_date", "pk"))
    closed = GapItem.objects.filter(assessment_id=OuterRef("assessment_id"), framework_code=OuterRef("framework_code"),
                                    obligation_code=OuterRef("obligation_code")).exclude(status__in=OPEN_STATUSES)
    near_rows = (ObligationSummary.objects.filter(live, organization=organization,
                                                  applies_from__range=(today, today + dt.timedelta(days=NEAR_DAYS)))
                 .exclude(nature="voluntary").exclude(Exists(closed)))
    near_total = near_rows.count()
    near = list(near_rows.select_related("assessment__system").annotate(
        owner=_gap_subquery("owner"), **{f"assignee_{name}": _gap_subquery(f"assignee__{name}")
                                         for name in ("first_name", "last_name", "username")})
                .order_by("applies_from", _NATURE_ORDER, "assessment_id", "pk")[:limit])
    specs = _obligation_specs({(i.assessment_id, i.framework_code) for i in overdue}
                              | {(i.assessment_id, i.framework_code) for i in near})

    def holder(row) -> str:
        """The assigned member by name, else the free-text owner of earlier data."""
        if isinstance(row, GapItem):
            return person_name(row.assignee) if row.assignee_id else row.owner
        if row.assignee_username:  # the member's name fields, read with the row: named as everywhere else
            return person_name(get_user_model()(username=row.assignee_username, first_name=row.assignee_first_name
                                                or "", last_name=row.assignee_last_name or ""))
        return row.owner or ""

    def item(row, **extra) -> AttentionItem:
        spec = specs.get((row.assessment_id, row.framework_code), {}).get(row.obligation_code, {})
        return AttentionItem(row.assessment, row.framework_code, row.obligation_code,
                             spec.get("title", row.obligation_code), spec.get("citation", ""),
                             row.nature or "binding", row.confidence == "unverified", today=today,
                             owner=holder(row), **extra)

    return Attention(
        overdue=[item(g, due_date=g.due_date) for g in overdue], overdue_total=overdue_total,
        near=[item(n, legal_date=n.applies_from) for n in near], near_total=near_total)


def _obligation_specs(keys: set[tuple[int, str]]) -> dict[tuple[int, str], dict[str, dict]]:
    """Obligation texts from the pinned (immutable, cached) rule sets, by (assessment, framework)."""
    if not keys:
        return {}
    pins = list(FrameworkSummary.objects.filter(assessment_id__in={k[0] for k in keys})
                .values_list("assessment_id", "framework_code", "version_id"))
    # Without their content columns: versions compiled already in this process need only their key.
    versions = {v.pk: v for v in RuleSetVersion.objects.filter(pk__in={p[2] for p in pins})
                .select_related("framework").defer(*VERSION_CONTENT_FIELDS)}
    specs: dict[int, dict[str, dict]] = {}
    for version_id, version in versions.items():
        specs[version_id] = {o.code: o.spec for o in localized_ruleset(version).obligations}
    return {(a, f): specs.get(v, {}) for a, f, v in pins if (a, f) in keys}


# --- totals and filter choices -----------------------------------------------------------------------


@dataclass
class PortfolioTotals:
    assessments: int
    by_nature: dict[str, tuple[int, int]]  # nature -> (apply now, from a later date)
    unverified: int
    unassessed_systems: int
    archived: int

    def nature(self, code: str) -> tuple[int, int]:
        return self.by_nature.get(code, (0, 0))


def totals(*, organization: Organization) -> PortfolioTotals:
    """Counts across the organization, binding, effort and voluntary apart (three queries)."""
    sums = ResultSummary.objects.filter(organization=organization, assessment__archived_at__isnull=True).aggregate(
        n=Count("id"), unverified=Sum("unverified"),
        **{f"{nature}_{when}": Sum(f"{nature}_{when}") for nature in NATURES for when in ("now", "later")})
    unassessed = AISystem.objects.filter(organization=organization).exclude(
        Exists(Assessment.objects.filter(system_id=OuterRef("pk"), archived_at__isnull=True))).count()
    archived = Assessment.objects.filter(organization=organization, archived_at__isnull=False).count()
    return PortfolioTotals(
        assessments=sums["n"] or 0,
        by_nature={nature: (sums[f"{nature}_now"] or 0, sums[f"{nature}_later"] or 0) for nature in NATURES},
        unverified=sums["unverified"] or 0, unassessed_systems=unassessed, archived=archived)


@dataclass
class FilterChoices:
    frameworks: list[tuple[str, str]]
    tiers: list[tuple[str, str]]
    assignees: list[tuple[str, str]]  # (filter value, name): members holding open work, then free-text owners
    sorts: list[tuple[str, str]] = field(default_factory=lambda: [(k, str(v[0])) for k, v in SORTS.items()])


def filter_choices(*, organization: Organization) -> FilterChoices:
    """Frameworks and tiers of the published and retired rule sets, and the owners named on open gap items."""
    frameworks: dict[str, str] = {}
    tiers: dict[str, str] = {}
    # Published versions first (then the newest), so a tier's label is the one of the version in force.
    for version in (RuleSetVersion.objects.exclude(status=RuleSetVersion.Status.DRAFT).select_related("framework")
                    .defer(*VERSION_CONTENT_FIELDS)  # a compiled version needs only its key
                    .order_by("framework__name", Case(When(status=RuleSetVersion.Status.PUBLISHED, then=Value(0)),
                                                      default=Value(1)), "-in_force_from")):
        rule_set = localized_ruleset(version)
        frameworks.setdefault(version.framework.code, framework_name(version.framework))
        short = version.framework.code.split("-")[0].upper()
        for code, tier in rule_set.tiers.items():
            tiers.setdefault(f"{version.framework.code}:{code}", f"{short}: {tier['label']}")
    open_items = GapItem.objects.filter(organization=organization, status__in=OPEN_STATUSES)
    members = get_user_model().objects.filter(pk__in=open_items.filter(assignee__isnull=False).values("assignee_id"))
    owners = (open_items.filter(assignee__isnull=True).exclude(owner="").order_by("owner")
              .values_list("owner", flat=True).distinct())
    assignees = [*sorted(((f"{MEMBER}{user.pk}", person_name(user)) for user in members), key=lambda kv: kv[1].lower()),
                 *((f"{OWNER_TEXT}{owner}", owner) for owner in owners)]
    return FilterChoices(frameworks=sorted(frameworks.items(), key=lambda kv: kv[1]),
                         tiers=sorted(tiers.items(), key=lambda kv: kv[1]), assignees=assignees)


def system_rows(*, organization: Organization, filters: PortfolioFilter, today: dt.date) -> QuerySet[AISystem]:
    """Systems with counts of their assessments that are not archived, narrowed to those with an assessment
    matching the filters when any is set."""
    live = Q(assessments__archived_at__isnull=True)
    systems = AISystem.objects.filter(organization=organization).annotate(
        assessment_count=Count("assessments", filter=live, distinct=True),
        top_tier_rank=Subquery(ResultSummary.objects.filter(
            assessment__system_id=OuterRef("pk"), assessment__archived_at__isnull=True)
            .order_by(Coalesce("top_tier_rank", Value(-1)).desc()).values("top_tier_rank")[:1]),
        last_assessed=Subquery(Assessment.objects.filter(system_id=OuterRef("pk"), archived_at__isnull=True)
                               .order_by("-updated_at").values("updated_at")[:1]),
        overdue=Subquery(_open_gap(today).filter(assessment__system_id=OuterRef("pk"),
                                                 assessment__archived_at__isnull=True)
                         .order_by().values("assessment__system_id").annotate(n=Count("pk")).values("n")[:1]))
    if filters.active:
        matching = portfolio_assessments(organization=organization, filters=PortfolioFilter(
            framework=filters.framework, tier=filters.tier, overdue=filters.overdue, assignee=filters.assignee),
            today=today)
        systems = systems.filter(pk__in=matching.order_by().values("system_id"))
    order = {"system": ("name", "pk"),
             "updated": (F("last_assessed").desc(nulls_last=True), "name", "pk"),
             "as_of": (F("last_assessed").desc(nulls_last=True), "name", "pk"),
             "tier": (F("top_tier_rank").desc(nulls_last=True), "name", "pk")}.get(filters.sort, ("name", "pk"))
    return systems.order_by(*order)

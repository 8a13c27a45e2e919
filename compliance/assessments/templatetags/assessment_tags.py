from django import template
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from compliance.assessments.fragments import cached_fragment
from frameworks.selectors import framework_name as localized_framework_name

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """A panel (assessments.panels.Panel) with the context its builder made in the view: rendering only."""
    return render_to_string(panel.template, panel.context, request=context.get("request"))


@register.simple_tag
def obligation_row(row, view):
    """One obligation of the results page (assessments/_obligation.html), rendered once per distinct row.

    The row template sees the row and its framework's language only: the cache is keyed by exactly those.
    """
    return cached_fragment("assessments/_obligation.html", {"row": row, "view": {"language": view.language}})


@register.filter
def tier_style(rank) -> str:
    """Badge colours by severity rank (both pairs meet WCAG AA contrast)."""
    rank = int(rank or 0)
    if rank >= 80:
        return "text-bg-danger"
    if rank >= 40:
        return "text-bg-warning"
    return "text-bg-secondary"


@register.filter
def money(amount) -> str:
    """12000000 -> '12,000,000'."""
    if amount is None:
        return ""
    return f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,}"


@register.filter
def framework_name(framework) -> str:
    """A framework (model) named in the active language."""
    return localized_framework_name(framework)


# How two crosswalk-linked obligations relate (the rule data's codes), in words.
CROSSWALK_KINDS = {"equivalent": _("equivalent"), "overlaps": _("overlaps"), "related": _("related")}


@register.filter
def crosswalk_kind(kind: str) -> str:
    """A crosswalk link's kind ("overlaps") in the active language."""
    return str(CROSSWALK_KINDS.get(kind, kind))

from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag
def template_exists(name: str) -> bool:
    """Whether a template is installed: other apps fill the results page's extension points."""
    try:
        get_template(name)
    except template.TemplateDoesNotExist:
        return False
    return True


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

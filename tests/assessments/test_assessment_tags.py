from django.template import Context, Template

from compliance.assessments.panels import Panel


def render(text: str, **context) -> str:
    return Template("{% load assessment_tags %}" + text).render(Context(context))


def test_render_panel_renders_the_context_its_builder_made():
    panel = Panel("reports/_retry.html", {"can_generate": False})
    assert "Ask an editor" in render("{% render_panel panel %}", panel=panel)


def test_tier_style_by_rank():
    assert render("{{ 100|tier_style }} {{ 40|tier_style }} {{ 10|tier_style }}") == \
        "text-bg-danger text-bg-warning text-bg-secondary"

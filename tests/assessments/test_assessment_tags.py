from django.template import Context, Template


def render(text: str) -> str:
    return Template("{% load assessment_tags %}" + text).render(Context({}))


def test_template_exists():
    assert render('{% template_exists "base.html" as found %}{{ found }}') == "True"
    assert render('{% template_exists "nowhere/_panel.html" as found %}{{ found }}') == "False"


def test_tier_style_by_rank():
    assert render("{{ 100|tier_style }} {{ 40|tier_style }} {{ 10|tier_style }}") == \
        "text-bg-danger text-bg-warning text-bg-secondary"

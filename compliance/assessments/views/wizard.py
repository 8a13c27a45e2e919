"""The questionnaire: sections with a step list, answers saved as given, and the review page.

Each question saves on change through htmx (``answer``); the same section form also works
as a plain full-page POST (``section``) when JavaScript is off.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from compliance.organizations.models import Role
from frameworks.engine import InvalidAnswers, visibility

from .. import selectors, services
from ..forms import QuestionForm, initial_for
from ..questionnaire import REVIEW_STEP, Wizard, review_sections

STALE_MESSAGE = ("This page was made for a different version of the questionnaire: the rule sets of this assessment "
                 "changed since it was loaded. Nothing was saved; please answer the current questions.")


def _section_url(assessment, code: str) -> str:
    if code == REVIEW_STEP:
        return reverse("assessments:review", args=[assessment.pk])
    return reverse("assessments:section", args=[assessment.pk, code])


def _question_forms(wizard: Wizard, section, data=None, only: set[str] | None = None) -> dict:
    """A form per visible question of the section (bound to ``data`` for the ones in ``only``)."""
    forms = {}
    several = len(wizard.grid_markets) > 1
    for q in wizard.visible_questions(section):
        markets = wizard.markets_for(q.code)
        if data is not None and (only is None or q.code in only):
            forms[q.code] = QuestionForm(data, question=q, markets=markets, several_markets=several)
        else:
            forms[q.code] = QuestionForm(question=q, markets=markets, several_markets=several,
                                         initial=initial_for(q, wizard.answers.get(q.code), markets))
    return forms


def _render_section(request, wizard: Wizard, section, forms: dict, *, error: str = "", status: int = 200,
                    new_codes: frozenset = frozenset()):
    previous, following = wizard.neighbours(section.code)
    blocks = [(q, forms.get(q.code), q.code in new_codes) for q in section.questions]
    return render(request, "assessments/section.html", {
        "assessment": wizard.assessment, "wizard": wizard, "section": section, "blocks": blocks,
        "steps": wizard.steps(section.code), "progress": wizard.progress, "previous": previous,
        "following": following, "error": error,
        "prefilled": {code for code, answer in wizard.answers.items() if answer.origin == services.INVENTORY},
    }, status=status)


def _quoted(questions) -> str:
    return ", ".join(f"“{q.spec['prompt']}”" for q in questions)


def _refusal(wizard: Wizard, section, forms: dict, refused: set[str], reason: str = "") -> str:
    """What a refused section save did and did not save, question by question.

    The page is saved as a whole, so a refused post changes nothing; but answers given one by one (with
    JavaScript each saves as it is given) may already be stored, so "nothing was saved" would mislead.
    """
    saved, held = [], []
    for q in section.questions:
        form = forms.get(q.code)
        if form is None or not form.is_bound or q.code in refused:
            continue
        stored = wizard.answers.get(q.code)
        stored_value = stored.value if stored is not None else None
        change = form.change() if form.is_valid() else {}
        given = change.get("value")
        if form.is_valid() and given is None and stored_value is None and not change.get("note"):
            continue  # left blank, nothing stored: nothing to report
        same_note = change.get("note", "") == (stored.note if stored is not None else "")
        if form.is_valid() and stored_value == given and same_note:
            saved.append(q)
        else:
            held.append(q)
    by_code = {q.code: q for q in section.questions}
    parts = [gettext("Not saved: %(questions)s — see the message under each.") % {
        "questions": _quoted(by_code[c] for c in sorted(refused, key=list(by_code).index) if c in by_code)}]
    if reason:
        parts.append(reason)
    if held:
        parts.append(gettext("Also not saved, because this page is saved as a whole: %(questions)s. Correct the "
                             "answers marked below and save again.") % {"questions": _quoted(held)})
    if saved:
        parts.append(gettext("Already saved as you answered them, and unchanged: %(questions)s.") % {
            "questions": _quoted(saved)})
    return " ".join(parts)


def _add_problems(forms: dict, problems) -> list[str]:
    """Attach InvalidAnswers problems to their question's field; return the ones without a field."""
    unplaced = []
    for problem in problems:
        form = forms.get(problem.question)
        if form is not None and form.is_bound:
            form.add_error("value", problem.message)
        else:
            unplaced.append(f"{problem.question}: {problem.message}")
    return unplaced


@login_required
def resume(request, pk: int):
    assessment, membership = selectors.owned_assessment(user=request.user, pk=pk)
    if not membership.allows(Role.EDITOR):
        return redirect("assessments:review", pk=assessment.pk)
    wizard = selectors.wizard_state(assessment)
    return redirect(_section_url(assessment, wizard.resume_section))


@login_required
@require_http_methods(["GET", "POST"])
def section(request, pk: int, code: str):
    assessment, _ = selectors.owned_assessment(user=request.user, pk=pk, role=Role.EDITOR)
    wizard = selectors.wizard_state(assessment)
    current = wizard.section(code)
    if current is None:
        raise Http404("No such section in this assessment.")
    if request.method == "POST":
        return _save_section(request, wizard, current)
    if not wizard.visible_questions(current):
        # Nothing to ask here under the current answers: go on to the next section that asks something.
        return redirect(_section_url(assessment, wizard.neighbours(code)[1]))
    services.record_position(assessment=assessment, section_code=code)
    new_codes = frozenset(request.GET.get("new", "").split(","))
    return _render_section(request, wizard, current, _question_forms(wizard, current), new_codes=new_codes)


def _save_section(request, wizard: Wizard, current):
    assessment = wizard.assessment
    if request.POST.get("questionnaire") != wizard.fingerprint:
        return _render_section(request, wizard, current, _question_forms(wizard, current), error=STALE_MESSAGE,
                               status=409)
    own_codes = {q.code for q in current.questions}
    shown = set(request.POST.getlist("shown"))
    if not shown <= own_codes:
        return _render_section(request, wizard, current, _question_forms(wizard, current), status=400, error=(
            "The form sent answers to questions that are not in this section. Nothing was saved; please answer "
            "the questions below again."))
    forms = _question_forms(wizard, current, data=request.POST, only=shown)
    bound = {code: form for code, form in forms.items() if form.is_bound}
    refused = {code for code, form in bound.items() if not form.is_valid()}
    if refused:
        return _render_section(request, wizard, current, forms, status=422,
                               error=_refusal(wizard, current, forms, refused))
    changes = {code: form.change() for code, form in bound.items()}
    values = wizard.values
    for code, change in changes.items():
        if change["value"] is None:
            values.pop(code, None)
        else:
            values[code] = change["value"]
    shown_now = visibility(wizard.rule_sets, values)
    for code, change in changes.items():
        if not shown_now.get(code, False):
            # Another answer in this same post hides the question: keep its earlier answer, unused.
            del change["value"]
    try:
        saved = services.save_answers(assessment=assessment, user=request.user, changes=changes,
                                      rule_sets=wizard.rule_sets)
    except InvalidAnswers as exc:
        unplaced = _add_problems(forms, exc.problems)
        refused = {p.question for p in exc.problems if p.question in bound}
        if not refused:
            return _render_section(request, wizard, current, forms, status=422, error=" ".join(
                [gettext("Some answers need correcting; nothing from this page was saved."), *unplaced]))
        return _render_section(request, wizard, current, forms, status=422,
                               error=_refusal(wizard, current, forms, refused, " ".join(unplaced)))
    services.record_position(assessment=assessment, section_code=current.code)

    after = selectors.wizard_after_saving(wizard, saved)
    added = [q for q in after.visible_questions(current) if q.code not in shown and not wizard.is_visible(q.code)]
    if added:
        messages.info(request, ngettext(
            "Your answers add %(count)d follow-up question to this section; it is marked “New”.",
            "Your answers add %(count)d follow-up questions to this section; they are marked “New”.",
            len(added)) % {"count": len(added)})
        return redirect(f"{_section_url(assessment, current.code)}?new={','.join(q.code for q in added)}")
    previous, following = after.neighbours(current.code)
    go = request.POST.get("go")
    if go == "back" and previous:
        return redirect(_section_url(assessment, previous))
    if go == "next":
        return redirect(_section_url(assessment, following))
    messages.success(request, gettext("Your answers are saved."))
    return redirect(_section_url(assessment, current.code))


@login_required
@require_POST
def answer(request, pk: int, code: str):
    """Save one answer (htmx); reply with the question, and out-of-band updates for what it changed."""
    assessment, _ = selectors.owned_assessment(user=request.user, pk=pk, role=Role.EDITOR)
    wizard = selectors.wizard_state(assessment)
    question = wizard.question(code)
    if question is None or request.POST.get("questionnaire") != wizard.fingerprint:
        return render(request, "assessments/_stale_question.html", {"code": code, "message": STALE_MESSAGE,
                                                                     "assessment": assessment}, status=409)
    section = wizard.section(question.section)
    assert section is not None, "every question belongs to a section of its questionnaire"
    form = QuestionForm(request.POST, question=question, markets=wizard.markets_for(code),
                        several_markets=len(wizard.grid_markets) > 1)
    saved = []
    if form.is_valid():
        try:
            saved = services.save_answers(assessment=assessment, user=request.user, changes={code: form.change()},
                                          rule_sets=wizard.rule_sets)
        except InvalidAnswers as exc:
            _add_problems({code: form}, exc.problems)
    if form.errors:
        return render(request, "assessments/_answer_refused.html", {
            "assessment": assessment, "question": question, "form": form,
            "status_message": "Not saved: see the message under the question."}, status=422)
    services.record_position(assessment=assessment, section_code=section.code)
    if not request.htmx:
        return redirect(_section_url(assessment, section.code))

    after = selectors.wizard_after_saving(wizard, saved)
    appeared = [q for q in section.questions if after.is_visible(q.code) and not wizard.is_visible(q.code)]
    vanished = [q for q in section.questions if wizard.is_visible(q.code) and not after.is_visible(q.code)]
    new_forms = {q.code: QuestionForm(question=q, markets=after.markets_for(q.code),
                                      several_markets=len(after.grid_markets) > 1,
                                      initial=initial_for(q, after.answers.get(q.code), after.markets_for(q.code)))
                 for q in [question, *appeared]}
    return render(request, "assessments/_answer_saved.html", {
        "assessment": assessment, "question": question, "form": new_forms[code], "saved": True,
        "appeared": [(q, new_forms[q.code]) for q in appeared], "vanished": vanished,
        "steps": after.steps(section.code), "progress": after.progress,
    })


@login_required
def review(request, pk: int):
    assessment, membership = selectors.owned_assessment(user=request.user, pk=pk)
    wizard = selectors.wizard_state(assessment)
    can_edit = membership.allows(Role.EDITOR)
    if can_edit:
        services.record_position(assessment=assessment, section_code=REVIEW_STEP)
    return render(request, "assessments/review.html", {
        "assessment": assessment, "membership": membership, "wizard": wizard, "can_edit": can_edit,
        "sections": review_sections(wizard), "progress": wizard.progress, "tab": "review",
    })

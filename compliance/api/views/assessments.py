"""Assessments (start, read), their answers (read, write a batch) and results."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from compliance.assessments import selectors, services
from compliance.assessments.models import AISystem, Assessment, PinnedVersion
from compliance.organizations.models import Role
from frameworks.engine import InvalidAnswers
from frameworks.selectors import VERSION_CONTENT_FIELDS

from ..access import owned
from ..errors import error_response
from ..serializers import (
    AnswerBatchSerializer,
    AnswersSerializer,
    AssessmentSerializer,
    ErrorSerializer,
    StartAssessmentSerializer,
)
from .base import ERRORS, WRITE_ERRORS, ApiView, id_param


class AssessmentListView(ApiView):
    @extend_schema(operation_id="assessments_list", responses={200: AssessmentSerializer(many=True), **ERRORS},
                   parameters=[OpenApiParameter("system", int, description="Only this system's assessments."),
                               OpenApiParameter("framework", str, description="Only assessments of this framework.")])
    def get(self, request):
        membership = self.membership()
        # A pin shows its version's label and hash: the versions' large content columns are left unread.
        pins = (PinnedVersion.objects.select_related("framework", "version")
                .defer(*(f"version__{name}" for name in VERSION_CONTENT_FIELDS)))
        assessments = (Assessment.objects.filter(organization=membership.organization)
                       .select_related("system").prefetch_related(Prefetch("pinned_versions", queryset=pins))
                       .order_by("-created_at", "-pk"))
        if (system := request.query_params.get("system")) is not None:
            assessments = assessments.filter(system_id=id_param(system))
        if framework := request.query_params.get("framework"):
            assessments = assessments.filter(pinned_versions__framework__code=framework).distinct()
        return self.paginated(assessments, AssessmentSerializer)

    @extend_schema(operation_id="assessments_start", request=StartAssessmentSerializer,
                   responses={201: AssessmentSerializer, **WRITE_ERRORS},
                   description="Start an assessment pinned to the rule-set versions in force on `as_of`.")
    def post(self, request):
        membership = self.membership(role=Role.EDITOR)
        serializer = StartAssessmentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        system = owned(AISystem.objects.all(), membership=membership, pk=data["system"])
        assessment = services.start_assessment(system=system, user=request.user, framework_codes=data["frameworks"],
                                               as_of=data.get("as_of") or timezone.localdate())
        assessment, _ = self.assessment(assessment.pk)
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class AssessmentDetailView(ApiView):
    @extend_schema(operation_id="assessments_read", responses={200: AssessmentSerializer, **ERRORS})
    def get(self, request, pk: int):
        assessment, _ = self.assessment(pk)
        return Response(AssessmentSerializer(assessment).data)


class AnswersView(ApiView):
    @extend_schema(operation_id="answers_read", responses={200: AnswersSerializer, **ERRORS},
                   description="Every question of the assessment's pinned questionnaire, in order, with its answer.")
    def get(self, request, pk: int):
        assessment, _ = self.assessment(pk)
        return Response(_answers_body(assessment))

    @extend_schema(
        operation_id="answers_write", request=AnswerBatchSerializer,
        responses={200: AnswersSerializer, **ERRORS,
                   422: OpenApiResponse(ErrorSerializer, description=(
                       "Some answers are invalid; nothing was saved. `questions` maps each question code to its "
                       "problems, in the questionnaire's words."))},
        description="Save a batch of answers through the same checks as the questionnaire: types, choices, and "
                    "visibility (an answer to a question the other answers hide is refused).")
    def post(self, request, pk: int):
        assessment, _ = self.assessment(pk, role=Role.EDITOR)
        serializer = AnswerBatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = {}
        for code, given in serializer.validated_data["answers"].items():
            if isinstance(given, dict) and set(given) <= {"value", "note"} and given:
                changes[code] = dict(given)
            else:
                changes[code] = {"value": given}
        try:
            services.save_answers(assessment=assessment, user=request.user, changes=changes)
        except InvalidAnswers as exc:
            questions: dict[str, list[str]] = {}
            for problem in exc.problems:
                questions.setdefault(problem.question, []).append(problem.message)
            return error_response(status_code=422, code="invalid_answers",
                                  message="Some answers need correcting; nothing was saved.", questions=questions)
        return Response(_answers_body(assessment))


def _answers_body(assessment: Assessment) -> dict:
    wizard = selectors.wizard_state(assessment)
    questions = []
    for section in wizard.sections:
        for q in section.questions:
            answer = wizard.answers.get(q.code)
            questions.append({
                "code": q.code, "section": section.code, "prompt": q.spec["prompt"], "type": q.spec["type"],
                "required": q.spec["required"], "choices": [c["code"] for c in q.spec.get("choices", [])],
                "frameworks": q.frameworks, "visible": wizard.is_visible(q.code),
                "value": answer.value if answer else None, "note": answer.note if answer else "",
                "updated_at": answer.updated_at.isoformat() if answer else None})
    unused = sorted(code for code, a in wizard.answers.items()
                    if a.value is not None and not wizard.is_visible(code))
    return {"questionnaire": wizard.fingerprint, "questions": questions, "unused_answers": unused}


class ResultsView(ApiView):
    @extend_schema(operation_id="results_read", responses={200: OpenApiTypes.OBJECT, **ERRORS},
                   description="The classification for the assessment's pinned rule-set versions, in the same JSON "
                               "as `manage.py classify` (see the README).")
    def get(self, request, pk: int):
        assessment, _ = self.assessment(pk)
        state = selectors.assessment_state(assessment)
        return Response(state.evaluation.to_dict())

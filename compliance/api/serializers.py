"""Request and response shapes of the API. Writes go through the apps' services, never serializer.save()."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compliance.assessments.models import AISystem, Assessment, Market
from compliance.gaps.models import ActionStatus, GapStatus
from compliance.reports.models import Report
from frameworks.models import RuleSetVersion


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    questions = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False,
                                      help_text="Answer batches: the problems of each question, by code.")
    retry_after = serializers.IntegerField(required=False, help_text="429: seconds until the token may call again.")
    rows = serializers.ListField(child=serializers.DictField(), required=False,
                                 help_text="Imports: every row with its values and errors.")

    def get_fields(self):
        # `fields` is also the name of a Serializer attribute, so it is added here rather than declared.
        declared = super().get_fields()
        declared["fields"] = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                                   required=False, help_text="422: the problems of each field.")
        return declared


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


class SystemSerializer(serializers.ModelSerializer):
    markets = serializers.ListField(child=serializers.ChoiceField(choices=Market.choices), default=list,
                                    help_text="Market codes: eu, kr, us, jp.")

    class Meta:
        model = AISystem
        fields = ["id", "name", "description", "purpose", "owner", "lifecycle_stage", "markets", "default_answers",
                  "created_at", "updated_at"]
        read_only_fields = ["id", "default_answers", "created_at", "updated_at"]
        extra_kwargs = {"default_answers": {"help_text": "Questionnaire facts from an import ({question code: "
                                                         "answer}): the first answers of its assessments."}}

    def validate_markets(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class ImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="The line (CSV) or row (XLSX) in the file.")
    values = serializers.DictField(child=serializers.JSONField())
    problems = serializers.ListField(child=serializers.CharField(), source="errors",
                                     help_text="What is wrong with the row, in the user's language.")


class ImportPreviewSerializer(serializers.Serializer):
    rows = ImportRowSerializer(many=True)
    problems = serializers.ListField(child=serializers.CharField())
    can_import = serializers.BooleanField()


class PinnedVersionSerializer(serializers.Serializer):
    framework = serializers.CharField(source="framework.code")
    version = serializers.CharField(source="version.label")
    content_hash = serializers.CharField(source="version.content_hash")


class AssessmentSerializer(serializers.ModelSerializer):
    system = serializers.IntegerField(source="system_id")
    system_name = serializers.CharField(source="system.name")
    pinned_versions = PinnedVersionSerializer(many=True)

    class Meta:
        model = Assessment
        fields = ["id", "system", "system_name", "as_of", "pinned_versions", "created_at", "updated_at"]


class StartAssessmentSerializer(serializers.Serializer):
    system = serializers.IntegerField()
    frameworks = serializers.ListField(child=serializers.SlugField(), allow_empty=False, min_length=1,
                                       help_text="Framework codes, e.g. eu-ai-act, kr-ai-basic-act.")
    as_of = serializers.DateField(required=False, help_text="The date the law is assessed at; default today.")


class QuestionAnswerSerializer(serializers.Serializer):
    code = serializers.CharField()
    section = serializers.CharField()
    prompt = serializers.CharField()
    type = serializers.CharField()
    required = serializers.BooleanField()  # type: ignore[assignment]  # the question's, not the field's
    choices = serializers.ListField(child=serializers.CharField(), help_text="Choice codes, for choice questions.")
    frameworks = serializers.ListField(child=serializers.CharField())
    visible = serializers.BooleanField(help_text="Asked given the other answers.")
    value = serializers.JSONField(allow_null=True)
    note = serializers.CharField(allow_blank=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class AnswersSerializer(serializers.Serializer):
    questionnaire = serializers.CharField(help_text="Fingerprint of the pinned questionnaire.")
    questions = QuestionAnswerSerializer(many=True)
    unused_answers = serializers.ListField(child=serializers.CharField(),
                                           help_text="Answered questions the other answers now hide: kept, not used.")


class AnswerBatchSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        help_text='{question_code: value} or {question_code: {"value": v, "note": "text"}}; a value of null '
                  "clears the answer. All or nothing: any problem saves nothing.")


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.get_username()


class GapSerializer(serializers.Serializer):
    framework = serializers.CharField(source="framework_code")
    obligation = serializers.CharField(source="code")
    title = serializers.CharField(source="spec.title")
    citation = serializers.CharField(source="spec.citation")
    confidence = serializers.CharField(source="spec.confidence")
    nature = serializers.CharField(source="spec.nature")
    obligation_status = serializers.CharField(source="obligation.status",
                                              help_text="applies_now or applies_later.")
    applies_from = serializers.DateField(source="legal_date", allow_null=True)
    status = serializers.ChoiceField(choices=GapStatus.choices)
    owner = serializers.SerializerMethodField(help_text="Free-text owner of earlier data, kept until a member is "
                                                        "assigned.")
    assignee = serializers.SerializerMethodField(help_text="The member assigned, or null.")
    due_date = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    justification = serializers.SerializerMethodField()
    evidence_notes = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()
    updated_at = serializers.SerializerMethodField()

    def get_owner(self, row) -> str:
        return row.item.owner if row.item else ""

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_assignee(self, row) -> dict | None:
        assignee = row.item.assignee if row.item else None
        return PersonSerializer(assignee).data if assignee is not None else None

    def get_justification(self, row) -> str:
        return row.item.justification if row.item else ""

    def get_evidence_notes(self, row) -> str:
        return row.item.evidence_notes if row.item else ""

    def get_links(self, row) -> list[str]:
        return list(row.item.links) if row.item else []

    def get_updated_at(self, row) -> str | None:
        return row.item.updated_at.isoformat() if row.item else None


class GapUpdateSerializer(serializers.Serializer):
    """Fields left out keep their current value."""

    status = serializers.ChoiceField(choices=GapStatus.choices, required=False)
    owner = serializers.CharField(required=False, allow_blank=True, max_length=200)
    assignee = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1,
                                        help_text="A member's user id, or null for nobody.")
    due_date = serializers.DateField(required=False, allow_null=True)
    justification = serializers.CharField(required=False, allow_blank=True)
    evidence_notes = serializers.CharField(required=False, allow_blank=True)
    links = serializers.ListField(child=serializers.CharField(), required=False)


class ReportSerializer(serializers.ModelSerializer):
    assessment = serializers.IntegerField(source="assessment_id")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "assessment", "status", "language", "error", "page_count", "rule_set_versions", "created_at",
                  "started_at", "finished_at", "download_url"]

    def get_download_url(self, report: Report) -> str | None:
        if report.status != Report.Status.DONE:
            return None
        request = self.context.get("request")
        path = f"/api/v1/reports/{report.pk}/download/"
        return request.build_absolute_uri(path) if request else path


class RuleSetVersionSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.code")
    framework_name = serializers.CharField(source="framework.name")
    version = serializers.CharField(source="label")

    class Meta:
        model = RuleSetVersion
        fields = ["framework", "framework_name", "version", "title", "status", "in_force_from", "in_force_until",
                  "last_reviewed", "published_at", "content_hash", "sources"]


class ActionObligationSerializer(serializers.Serializer):
    assessment = serializers.IntegerField(source="gap_item.assessment_id")
    framework = serializers.CharField(source="gap_item.framework_code")
    obligation = serializers.CharField(source="gap_item.obligation_code")
    status = serializers.CharField(source="gap_item.status", help_text="The obligation's gap status.")
    linked_at = serializers.DateTimeField()


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    assignee = PersonSerializer(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    obligations = ActionObligationSerializer(source="links.all", many=True,
                                             help_text="The obligations this action serves.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ActionUpdateSerializer(serializers.Serializer):
    """Fields left out keep their current value. A status change changes every obligation the action serves."""

    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    assignee = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1,
                                        help_text="A member's user id, or null for nobody.")
    due_date = serializers.DateField(required=False, allow_null=True)

"""Gap items: the applicable obligations of an assessment with their status, assignee and due date."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from compliance.assessments.selectors import assessment_state
from compliance.concurrency import edit_version
from compliance.gaps import services
from compliance.gaps.models import GapItem
from compliance.gaps.selectors import assessment_gaps, find_row
from compliance.organizations.models import Role

from ..serializers import GapSerializer, GapUpdateSerializer
from .base import ERRORS, WRITE_ERRORS, ApiView


class GapListView(ApiView):
    @extend_schema(operation_id="gaps_list", responses={200: GapSerializer(many=True), **ERRORS},
                   parameters=[OpenApiParameter("framework", str, description="Only this framework's obligations."),
                               OpenApiParameter("status", str, description="Only items with this status.")])
    def get(self, request, pk: int):
        assessment, _ = self.assessment(pk)
        gaps = assessment_gaps(state=assessment_state(assessment), today=timezone.localdate())
        rows = gaps.rows
        if framework := request.query_params.get("framework"):
            rows = [r for r in rows if r.framework_code == framework]
        if wanted := request.query_params.get("status"):
            rows = [r for r in rows if r.status == wanted]
        return self.paginated(rows, GapSerializer)


class GapDetailView(ApiView):
    def _row(self, pk: int, framework: str, obligation: str, role: str = Role.VIEWER):
        assessment, _ = self.assessment(pk, role=role)
        state = assessment_state(assessment)
        row = find_row(gaps=assessment_gaps(state=state, today=timezone.localdate()), framework_code=framework,
                       obligation_code=obligation)
        if row is None:
            raise Http404("No applicable obligation with this code in this assessment.")
        return state, row

    @extend_schema(operation_id="gaps_read", responses={200: GapSerializer, **ERRORS})
    def get(self, request, pk: int, framework: str, obligation: str):
        _, row = self._row(pk, framework, obligation)
        return Response(GapSerializer(row).data)

    @extend_schema(operation_id="gaps_update", request=GapUpdateSerializer,
                   responses={200: GapSerializer, **WRITE_ERRORS},
                   description="Update the status, assignee (a member's user id, or null), due date, justification, evidence notes or "
                               "links; fields left out keep their value. 'not_applicable' needs a justification.")
    def patch(self, request, pk: int, framework: str, obligation: str):
        state, row = self._row(pk, framework, obligation, role=Role.EDITOR)
        serializer = GapUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = row.item
        current = {"status": row.status, "owner": item.owner if item else "", "due_date": row.due_date,
                   "justification": item.justification if item else "",
                   "evidence_notes": item.evidence_notes if item else "", "links": list(item.links) if item else []}
        data = dict(serializer.validated_data)
        assignee = services.KEEP
        if "assignee" in data:
            wanted = data.pop("assignee")
            assignee = None if wanted is None else get_user_model().objects.filter(
                pk=wanted, memberships__organization_id=state.assessment.organization_id).first()
            if wanted is not None and assignee is None:
                raise ValidationError({"assignee": [gettext("Choose a member of the organization, or nobody.")]})
        values = {**current, **data}
        # The fields left out keep the values read here: if someone saves in between, refuse (409), not overwrite.
        version = edit_version(item or GapItem(), fields=services.EDITED_FIELDS, key=services.edit_key(
            assessment_id=pk, framework_code=framework, obligation_code=obligation))
        services.record_gap(state=state, user=request.user, framework_code=framework, obligation_code=obligation,
                            version=version, assignee=assignee, **values)
        _, row = self._row(pk, framework, obligation)
        return Response(GapSerializer(row).data)

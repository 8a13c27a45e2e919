"""Actions: the organization's pieces of work, each linked to the obligations it serves."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from compliance.gaps.actions import services
from compliance.gaps.models import Action, ActionLink, ActionStatus
from compliance.organizations.models import Role

from ..access import owned
from ..serializers import ActionSerializer, ActionUpdateSerializer
from .base import ERRORS, WRITE_ERRORS, ApiView, id_param


def _actions():
    links = ActionLink.objects.select_related("gap_item").order_by("pk")
    return Action.objects.select_related("assignee").prefetch_related(Prefetch("links", queryset=links))


class ActionListView(ApiView):
    @extend_schema(operation_id="actions_list", responses={200: ActionSerializer(many=True), **ERRORS},
                   parameters=[OpenApiParameter("status", str, enum=ActionStatus.values,
                                                description="Only actions with this status."),
                               OpenApiParameter("assignee", str, description="A member's user id, or 'none'.")])
    def get(self, request):
        membership = self.membership()
        actions = _actions().filter(organization_id=membership.organization_id).order_by("title", "pk")
        if wanted := request.query_params.get("status"):
            actions = actions.filter(status=wanted)
        if assignee := request.query_params.get("assignee"):
            actions = (actions.filter(assignee__isnull=True) if assignee == "none"
                       else actions.filter(assignee_id=id_param(assignee)))
        return self.paginated(actions, ActionSerializer)


class ActionDetailView(ApiView):
    @extend_schema(operation_id="actions_read", responses={200: ActionSerializer, **ERRORS})
    def get(self, request, pk: int):
        action = owned(_actions(), membership=self.membership(), pk=pk)
        return Response(ActionSerializer(action).data)

    @extend_schema(operation_id="actions_update", request=ActionUpdateSerializer,
                   responses={200: ActionSerializer, **WRITE_ERRORS},
                   description="Update the status, assignee (a member's user id, or null) or due date; fields "
                               "left out keep their value. The obligations the action serves follow its status.")
    def patch(self, request, pk: int):
        membership = self.membership(role=Role.EDITOR)
        action = owned(Action.objects.select_related("assignee"), membership=membership, pk=pk)
        serializer = ActionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignee = action.assignee
        if "assignee" in data:
            assignee = None if data["assignee"] is None else get_user_model().objects.filter(
                pk=data["assignee"], memberships__organization_id=membership.organization_id).first()
            if data["assignee"] is not None and assignee is None:
                raise ValidationError({"assignee": ["Choose a member of the organization, or null."]})
        services.update_action(action=action, user=request.user, title=action.title, description=action.description,
                               status=data.get("status", action.status), assignee=assignee,
                               due_date=data.get("due_date", action.due_date))
        return Response(ActionSerializer(owned(_actions(), membership=membership, pk=pk)).data)

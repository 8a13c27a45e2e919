"""Published and retired rule-set versions (read-only) and their YAML."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from frameworks.models import RuleSetVersion
from frameworks.services import export_yaml

from ..serializers import RuleSetVersionSerializer
from .base import ERRORS, ApiView


def _visible_versions():
    return (RuleSetVersion.objects.exclude(status=RuleSetVersion.Status.DRAFT).select_related("framework")
            .order_by("framework__code", "-in_force_from", "label"))


def _version(framework: str, label: str) -> RuleSetVersion:
    version = _visible_versions().filter(framework__code=framework, label=label).first()
    if version is None:
        raise Http404("No published or retired version with this framework and label.")
    return version


class RuleSetListView(ApiView):
    @extend_schema(operation_id="rulesets_list", responses={200: RuleSetVersionSerializer(many=True), **ERRORS},
                   parameters=[OpenApiParameter("framework", str, description="Only this framework's versions.")])
    def get(self, request):
        self.membership()
        versions = _visible_versions()
        if framework := request.query_params.get("framework"):
            versions = versions.filter(framework__code=framework)
        return self.paginated(versions, RuleSetVersionSerializer)


class RuleSetDetailView(ApiView):
    @extend_schema(operation_id="rulesets_read", responses={200: RuleSetVersionSerializer, **ERRORS})
    def get(self, request, framework: str, label: str):
        self.membership()
        return Response(RuleSetVersionSerializer(_version(framework, label)).data)


class RuleSetYamlView(ApiView):
    @extend_schema(operation_id="rulesets_export_yaml",
                   responses={(200, "application/yaml"): OpenApiResponse(OpenApiTypes.STR), **ERRORS},
                   description="The version as YAML; loads back to the identical content hash.")
    def get(self, request, framework: str, label: str):
        self.membership()
        version = _version(framework, label)
        response = HttpResponse(export_yaml(version=version), content_type="application/yaml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{framework}-{label}.yaml"'
        return response

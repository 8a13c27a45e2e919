"""AI systems: list, create, read, update."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from compliance.assessments import selectors, services
from compliance.assessments.models import AISystem, Market
from compliance.concurrency import edit_version
from compliance.inventory import imports
from compliance.inventory.spreadsheets import UnreadableFile, check_size, read_table
from compliance.organizations.models import Role

from ..access import owned
from ..errors import error_response
from ..serializers import ImportPreviewSerializer, SystemSerializer
from .base import ERRORS, WRITE_ERRORS, ApiView


class SystemListView(ApiView):
    @extend_schema(operation_id="systems_list", responses={200: SystemSerializer(many=True), **ERRORS},
                   parameters=[OpenApiParameter("market", str, enum=Market.values,
                                                description="Only systems offered or used in this market."),
                               OpenApiParameter("search", str, description="Part of the name.")])
    def get(self, request):
        membership = self.membership()
        systems = selectors.systems_for(organization=membership.organization).order_by("name", "pk")
        if search := request.query_params.get("search"):
            systems = systems.filter(name__icontains=search)
        if market := request.query_params.get("market"):
            # Markets are a short JSON list; SQLite cannot filter inside it, so filter here.
            return self.paginated([s for s in systems if market in s.markets], SystemSerializer)
        return self.paginated(systems, SystemSerializer)

    @extend_schema(operation_id="systems_create", request=SystemSerializer,
                   responses={201: SystemSerializer, **WRITE_ERRORS})
    def post(self, request):
        membership = self.membership(role=Role.EDITOR)
        serializer = SystemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        system = services.create_system(organization=membership.organization, user=request.user,
                                        **serializer.validated_data)
        return Response(SystemSerializer(system).data, status=status.HTTP_201_CREATED)


class SystemDetailView(ApiView):
    @extend_schema(operation_id="systems_read", responses={200: SystemSerializer, **ERRORS})
    def get(self, request, pk: int):
        system = owned(AISystem.objects.all(), membership=self.membership(), pk=pk)
        return Response(SystemSerializer(system).data)

    @extend_schema(operation_id="systems_update", request=SystemSerializer,
                   responses={200: SystemSerializer, **WRITE_ERRORS},
                   description="Fields left out keep their current value.")
    def patch(self, request, pk: int):
        system = owned(AISystem.objects.all(), membership=self.membership(role=Role.EDITOR), pk=pk)
        serializer = SystemSerializer(system, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        current = SystemSerializer(system).data
        # The fields left out keep the values read here: if someone saves in between, refuse (409), not overwrite.
        version = edit_version(system, fields=services.SYSTEM_FIELDS, key=services.system_edit_key(system))
        merged = {name: serializer.validated_data.get(name, current[name])
                  for name in ("name", "description", "purpose", "owner", "lifecycle_stage", "markets")}
        system = services.update_system(system=system, user=request.user, version=version, **merged)
        return Response(SystemSerializer(system).data)


class SystemImportView(ApiView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="systems_import",
        request={"multipart/form-data": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary", "description": "A .csv or .xlsx file (see the template)."},
            "confirm": {"type": "boolean", "description": "Create the systems (default: only check the file)."}},
            "required": ["file"]}},
        responses={200: ImportPreviewSerializer, 201: SystemSerializer(many=True), **WRITE_ERRORS},
        description="Check a CSV or XLSX inventory row by row (200, nothing stored), or with `confirm=true` create "
                    "every system at once (201). Any problem answers 422 with the rows' errors and stores nothing.")
    def post(self, request):
        membership = self.membership(role=Role.EDITOR)
        upload = request.FILES.get("file")
        if upload is None:
            return error_response(status_code=422, code="invalid", message="Send the file in the 'file' field.",
                                  fields={"file": ["This field is required."]})
        try:
            check_size(upload.size or 0)
            table = read_table(name=upload.name or "", data=upload.read())
        except UnreadableFile as error:
            return error_response(status_code=422, code="unreadable_file", message=str(error),
                                  fields={"file": [str(error)]})
        preview = imports.preview_import(organization=membership.organization, table=table)
        body = ImportPreviewSerializer(preview).data
        if not preview.can_import:
            return error_response(status_code=422, code="invalid_rows", message=" ".join(
                preview.problems or [f"{preview.row_errors} rows need correcting; nothing was stored."]),
                rows=body["rows"])
        if str(request.data.get("confirm", "")).lower() not in ("1", "true", "yes"):
            return Response(body)
        try:
            created = imports.create_rows(rows=imports.preview_rows(preview), organization=membership.organization,
                                          user=request.user)
        except imports.ImportExpired as error:
            return error_response(status_code=422, code="invalid_rows", message=str(error))
        return Response(SystemSerializer(created, many=True).data, status=status.HTTP_201_CREATED)

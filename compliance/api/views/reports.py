"""PDF reports: request one, poll its status, download it."""

from __future__ import annotations

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from compliance.organizations.models import Role
from compliance.reports.models import Report
from compliance.reports.selectors import recent_reports
from compliance.reports.services import request_report
from compliance.reports.views import download_name

from ..access import owned
from ..serializers import ReportSerializer
from .base import ERRORS, ApiView


class AssessmentReportsView(ApiView):
    @extend_schema(operation_id="reports_list", responses={200: ReportSerializer(many=True), **ERRORS})
    def get(self, request, pk: int):
        assessment, _ = self.assessment(pk)
        return self.paginated(recent_reports(assessment=assessment, limit=50), ReportSerializer)

    @extend_schema(operation_id="reports_request", request=None,
                   responses={202: ReportSerializer, 200: ReportSerializer, **ERRORS},
                   description="Queue a PDF of the assessment's current state (202), or return the existing report "
                               "when nothing changed since it was made (200). Poll the report until `status` is "
                               "`done` or `failed`.")
    def post(self, request, pk: int):
        assessment, _ = self.assessment(pk, role=Role.EDITOR)
        report, reused = request_report(assessment=assessment, user=request.user,
                                         language=request.query_params.get("language") or request.LANGUAGE_CODE)
        return Response(ReportSerializer(report, context={"request": request}).data,
                        status=status.HTTP_200_OK if reused else status.HTTP_202_ACCEPTED)


class ReportDetailView(ApiView):
    @extend_schema(operation_id="reports_read", responses={200: ReportSerializer, **ERRORS})
    def get(self, request, pk: int):
        report = owned(Report.objects.all(), membership=self.membership(), pk=pk)
        return Response(ReportSerializer(report, context={"request": request}).data)


class ReportDownloadView(ApiView):
    @extend_schema(operation_id="reports_download",
                   responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERRORS})
    def get(self, request, pk: int):
        report = owned(Report.objects.select_related("assessment__system"), membership=self.membership(), pk=pk)
        if report.status != Report.Status.DONE or not report.file:
            raise Http404("This report has no PDF yet.")
        try:
            handle = report.file.open("rb")
        except FileNotFoundError:
            raise Http404("The PDF file is missing; request the report again.") from None
        return FileResponse(handle, as_attachment=True, filename=download_name(report),
                            content_type="application/pdf")

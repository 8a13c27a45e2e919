"""What every API view shares: authentication, throttling, pagination and the membership it acts with."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import APIView

from compliance.assessments.models import Assessment, PinnedVersion
from compliance.organizations.models import Membership, Role

from ..access import owned, request_membership
from ..serializers import ErrorSerializer

ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="No or an unknown token."),
    403: OpenApiResponse(ErrorSerializer, description="The role is too low."),
    404: OpenApiResponse(ErrorSerializer, description="No such object in this organization."),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests for this token."),
}
WRITE_ERRORS = {**ERRORS, 422: OpenApiResponse(ErrorSerializer, description="Invalid input; nothing was changed."),
                409: OpenApiResponse(ErrorSerializer, description="Someone else changed it while this request ran; "
                                                                  "nothing was changed. Read it again and retry.")}


MAX_ID = 2**63 - 1


def id_param(text: str) -> int:
    """An id from a query parameter; anything that is not one matches nothing (-1)."""
    value = int(text) if text.isascii() and text.isdigit() else -1
    return value if value <= MAX_ID else -1


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ApiView(APIView):
    pagination_class = Pagination  # lists answer {"count", "next", "previous", "results"}; the schema says so

    def membership(self, *, role: str = Role.VIEWER) -> Membership:
        return request_membership(self.request, role=role)

    def assessment(self, pk: int, *, role: str = Role.VIEWER) -> tuple[Assessment, Membership]:
        membership = self.membership(role=role)
        pins = PinnedVersion.objects.select_related("framework", "version")
        queryset: QuerySet[Assessment] = Assessment.objects.select_related("system", "organization").prefetch_related(
            Prefetch("pinned_versions", queryset=pins))
        return owned(queryset, membership=membership, pk=pk), membership

    def paginated(self, queryset, serializer_class):
        paginator = self.pagination_class()
        page: list | None = paginator.paginate_queryset(queryset, self.request, view=self)
        return paginator.get_paginated_response(
            serializer_class(page, many=True, context={"request": self.request}).data)


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Unknown paths under /api/v1/: a JSON 404 for any method."""

    permission_classes: list = []
    throttle_classes: list = []

    def _not_found(self, request, *args, **kwargs):
        raise Http404("No such API endpoint.")

    get = post = put = patch = delete = _not_found

"""One error body for every API error:

    {"error": {"status": 422, "code": "invalid", "message": "...", "fields": {"name": ["..."]}}}

Answer batches add ``"questions": {"question_code": ["..."]}`` (see views.AnswersView).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from compliance.concurrency import StaleEdit

MESSAGES = {
    status.HTTP_401_UNAUTHORIZED: "Authentication is required.",
    status.HTTP_404_NOT_FOUND: "Not found.",
}


def error_response(*, status_code: int, code: str, message: str, **extra) -> Response:
    return Response({"error": {"status": status_code, "code": code, "message": message, **extra}},
                    status=status_code)


def _flatten(detail) -> list[str]:
    if isinstance(detail, list):
        return [str(d) for item in detail for d in _flatten(item)]
    if isinstance(detail, dict):
        return [f"{k}: {m}" for k, v in detail.items() for m in _flatten(v)]
    return [str(detail)]


def validation_fields(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errors for m in e.messages] for field, errors in error.error_dict.items()}
    return {"non_field_errors": list(error.messages)}


def api_exception_handler(exc, context):
    if isinstance(exc, StaleEdit):  # changed by someone else between this request's read and its write
        return error_response(status_code=409, code="conflict", message=" ".join(exc.messages))
    if isinstance(exc, DjangoValidationError):
        fields = validation_fields(exc)
        return error_response(status_code=422, code="invalid", message=" ".join(m for v in fields.values() for m in v),
                              fields=fields)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        invalid = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = {name: _flatten(value) for name, value in invalid.items()}
        body: dict = {"status": 422, "code": "invalid", "message": "The request has invalid fields; see 'fields'.",
                "fields": fields}
        return Response({"error": body}, status=422)
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    body = {"status": response.status_code, "code": codes if isinstance(codes, str) else "error",
            "message": " ".join(_flatten(detail)) or MESSAGES.get(response.status_code, "Error.")}
    wait = getattr(exc, "wait", None)  # set by DRF on Throttled
    if isinstance(exc, exceptions.Throttled) and wait is not None:
        body["retry_after"] = int(wait)
    response.data = {"error": body}
    return response

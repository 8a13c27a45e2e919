"""Inventory import (upload, preview, confirm) and export (CSV, XLSX) pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, re_path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from compliance.organizations.access import active_membership
from compliance.organizations.models import Role

from . import imports
from .exports import export_header, export_rows
from .facts import fact_help, importable_facts
from .spreadsheets import MAX_BYTES, UnreadableFile, check_size, read_table, write_csv, write_xlsx

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _file_response(data: bytes, *, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


def table_bytes(*, kind: str, title: str, header: list[str], rows: list[list]) -> bytes:
    if kind == "xlsx":
        return write_xlsx(title=title, header=header, rows=rows)
    return write_csv(header=header, rows=rows)


@login_required
@require_http_methods(["GET", "POST"])
def import_systems(request):
    membership = active_membership(request, role=Role.EDITOR)
    context = {"membership": membership, "columns": [(c, r, h) for c, (r, h) in imports.COLUMNS.items()],
               "facts": [(code, fact_help(q, html=True)) for code, q in importable_facts().items()],
               "max_mb": MAX_BYTES // 1024 // 1024}
    if request.method == "GET":
        return render(request, "inventory/import.html", context)
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "inventory/import.html", {**context, "error": _("Choose a file to upload.")},
                      status=422)
    try:
        check_size(upload.size or 0)  # before reading it
        table = read_table(name=upload.name or "", data=upload.read())
    except UnreadableFile as error:
        return render(request, "inventory/import.html", {**context, "error": str(error)}, status=422)
    preview = imports.preview_import(organization=membership.organization, table=table)
    signed = imports.sign_rows(preview=preview, organization=membership.organization, user=request.user) \
        if preview.can_import else ""
    return render(request, "inventory/preview.html", {
        **context, "preview": preview, "signed": signed, "filename": upload.name,
    }, status=200 if preview.can_import else 422)


@login_required
@require_POST
def confirm_import(request):
    membership = active_membership(request, role=Role.EDITOR)
    try:
        created = imports.confirm_import(signed=request.POST.get("rows", ""), organization=membership.organization,
                                         user=request.user)
    except imports.ImportExpired as error:
        messages.error(request, str(error))
        return redirect("inventory:import")
    messages.success(request, ngettext("Imported %(count)d AI system.", "Imported %(count)d AI systems.",
                                       len(created)) % {"count": len(created)})
    return redirect("assessments:system_list")


@login_required
@require_GET
def import_template(request, kind: str):
    active_membership(request)
    data = table_bytes(kind=kind, title="AI systems", header=imports.template_header(),
                       rows=[imports.template_example()])
    return _file_response(data, kind=kind, filename="ai-systems-template")


@login_required
@require_GET
def export_systems(request, kind: str):
    membership = active_membership(request)
    data = table_bytes(kind=kind, title=_("AI systems"), header=export_header(),
                       rows=export_rows(organization=membership.organization))
    stem = slugify(membership.organization.name, allow_unicode=True)[:60] or "organization"
    return _file_response(data, kind=kind, filename=f"{stem}-ai-systems-{timezone.localdate():%Y-%m-%d}")


app_name = "inventory"
urlpatterns = [
    path("systems/import/", import_systems, name="import"),
    path("systems/import/confirm/", confirm_import, name="confirm"),
    re_path(r"^systems/import/template\.(?P<kind>csv|xlsx)$", import_template, name="template"),
    re_path(r"^systems/export\.(?P<kind>csv|xlsx)$", export_systems, name="export"),
]

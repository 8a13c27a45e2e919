"""Import AI systems from a table: check every row (preview), then create them all at once (confirm).

Nothing is stored by a preview. The confirmed rows travel back signed (django.core.signing), bound to the
organization and user, and are checked again before anything is created, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core import signing
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.assessments.models import AISystem, Market
from compliance.assessments.services import create_system
from compliance.organizations.models import Organization

from .facts import fact_help, importable_facts, read_facts
from .spreadsheets import Table

SIGNING_SALT = "compliance.inventory.import"
SIGNATURE_MAX_AGE = 3600  # seconds between preview and confirm

# Column name -> (required, help). Names are matched case-insensitively; unknown columns are an error.
COLUMNS = {
    "name": (True, gettext_lazy("The system's name (up to 200 characters).")),
    "description": (False, gettext_lazy("What the system does.")),
    "purpose": (False, gettext_lazy("What it is for, in a sentence or two.")),
    "owner": (False, gettext_lazy("The person or team accountable (up to 200 characters).")),
    "lifecycle_stage": (False, gettext_lazy("design, development, deployed or retired (default design).")),
    "markets": (False, gettext_lazy("Market codes separated by commas: eu, kr, us, jp.")),
}
TEMPLATE_EXAMPLE = ["Résumé screener", "Ranks job applications for recruiters.", "Shortlisting candidates",
                    "HR operations", "deployed", "eu, kr"]
# Example facts in the template (the other fact columns are left empty there).
TEMPLATE_FACTS = {"actor_type": "company", "established_in": "eu, kr", "assessed_subject": "system"}


def all_columns() -> dict[str, tuple[bool, str]]:
    """The system columns, then one optional column per questionnaire fact (shared question code)."""
    return {**{name: (required, str(help_text)) for name, (required, help_text) in COLUMNS.items()},
            **{code: (False, fact_help(q)) for code, q in importable_facts().items()}}


def template_header() -> list[str]:
    return list(all_columns())


def template_example() -> list[str]:
    return [*TEMPLATE_EXAMPLE, *(TEMPLATE_FACTS.get(code, "") for code in importable_facts())]


@dataclass
class RowResult:
    line: int
    values: dict[str, object]
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    columns: list[str]
    rows: list[RowResult]
    problems: list[str]  # about the file as a whole (columns)

    @property
    def row_errors(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def can_import(self) -> bool:
        return not self.problems and not self.row_errors and bool(self.rows)


def _codes_by_name(choices) -> dict[str, str]:
    """Choice labels, lower-cased, to their codes: in English and in the reader's language, so that a sheet
    written (or exported) in either imports."""
    names = {str(label).lower(): code for code, label in choices}
    with translation.override("en"):
        names.update({str(label).lower(): code for code, label in choices})
    return names


def _market_codes(text: str) -> tuple[list[str], list[str]]:
    by_name = _codes_by_name(Market.choices)
    codes, unknown = [], []
    for part in text.replace(";", ",").split(","):
        word = part.strip().lower()
        if not word:
            continue
        code = word if word in Market.values else by_name.get(word)
        if code is None:
            unknown.append(part.strip())
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def check_row(*, line: int, cells: dict[str, str], existing_names: set[str]) -> RowResult:
    errors: list[str] = []
    name = cells.get("name", "")
    if not name:
        errors.append(_("name: a name is required."))
    elif len(name) > 200:
        errors.append(_("name: use at most 200 characters."))
    elif name.casefold() in existing_names:
        errors.append(_("name: a system named “%(name)s” already exists or appears earlier in the file.")
                      % {"name": name})
    owner = cells.get("owner", "")
    if len(owner) > 200:
        errors.append(_("owner: use at most 200 characters."))
    stage = cells.get("lifecycle_stage", "").lower() or AISystem.Stage.DESIGN
    labels = _codes_by_name(AISystem.Stage.choices)
    stage = labels.get(stage, stage)
    if stage not in AISystem.Stage.values:
        errors.append(_("lifecycle_stage: “%(value)s” is not one of design, development, deployed, retired.")
                      % {"value": cells.get("lifecycle_stage", "")})
    markets, unknown = _market_codes(cells.get("markets", ""))
    if unknown:
        errors.append(_("markets: “%(values)s” is not a market; use eu, kr, us, jp.") % {"values": ", ".join(unknown)})
    for column in ("description", "purpose"):
        if len(cells.get(column, "")) > 10000:
            errors.append(_("%(column)s: use at most 10000 characters.") % {"column": column})
    facts, fact_errors = read_facts(cells)
    errors.extend(fact_errors)
    values: dict[str, object] = {"name": name, "description": cells.get("description", ""),
                                 "purpose": cells.get("purpose", ""), "owner": owner, "lifecycle_stage": stage,
                                 "markets": markets, "facts": facts}
    return RowResult(line=line, values=values, errors=errors)


def preview_import(*, organization: Organization, table: Table) -> ImportPreview:
    problems = []
    columns = all_columns()
    unknown = [h for h in table.header if h and h not in columns]
    missing = [c for c, (required, _help) in COLUMNS.items() if required and c not in table.header]
    if unknown:
        problems.append(_("Unknown columns: %(columns)s. The columns are: %(known)s, and questionnaire facts "
                          "named by their code (see the template).")
                        % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)})
    if missing:
        problems.append(_("Missing column: %(columns)s. Download the template for the expected columns.")
                        % {"columns": ", ".join(missing)})
    if len(set(table.header)) != len(table.header):
        problems.append(_("A column appears twice in the header row."))
    if problems:
        return ImportPreview(columns=list(COLUMNS), rows=[], problems=problems)
    names = {n.casefold() for n in AISystem.objects.filter(organization=organization).values_list("name", flat=True)}
    rows = []
    for line, cells in table.rows:
        if len(cells) > len(table.header) and any(cells[len(table.header):]):
            rows.append(RowResult(line=line, values={}, errors=[_("The row has more cells than the header row.")]))
            continue
        row = check_row(line=line, cells=dict(zip(table.header, cells, strict=False)), existing_names=names)
        if row.values.get("name"):
            names.add(str(row.values["name"]).casefold())
        rows.append(row)
    if not rows:
        problems.append(_("The file has a header row but no systems."))
    return ImportPreview(columns=list(COLUMNS), rows=rows, problems=problems)


def sign_rows(*, preview: ImportPreview, organization: Organization, user) -> str:
    payload = {"organization": organization.pk, "user": user.pk, "rows": preview_rows(preview)}
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def preview_rows(preview: ImportPreview) -> list:
    return [[r.line, {k: r.values[k] for k in (*COLUMNS, "facts")}] for r in preview.rows]


class ImportExpired(ValueError):
    pass


def confirm_import(*, signed: str, organization: Organization, user) -> list[AISystem]:
    """Create every previewed system, or none: the rows are checked again against the inventory as it is now."""
    try:
        payload = signing.loads(signed, salt=SIGNING_SALT, max_age=SIGNATURE_MAX_AGE)
    except signing.SignatureExpired:
        raise ImportExpired(_("The preview is more than an hour old; upload the file again.")) from None
    except signing.BadSignature:
        raise ImportExpired(_("The preview could not be verified; upload the file again.")) from None
    if payload.get("organization") != organization.pk or payload.get("user") != user.pk:
        raise ImportExpired(_("This preview was made for another organization; upload the file again."))
    return create_rows(rows=payload["rows"], organization=organization, user=user)


def create_rows(*, rows: list, organization: Organization, user) -> list[AISystem]:
    """Check ``[line, values]`` rows against the inventory as it is now and create them all, or raise
    ImportExpired and create none."""
    with transaction.atomic():
        Organization.objects.select_for_update().filter(pk=organization.pk).first()  # one import at a time
        names = {n.casefold() for n in AISystem.objects.filter(organization=organization).values_list("name",
                                                                                                      flat=True)}
        checked = []
        for line, values in rows:
            facts = values.get("facts") or {}
            cells = {k: ", ".join(v) if isinstance(v, list) else str(v) for k, v in values.items() if k != "facts"}
            cells.update({code: _fact_cell(value) for code, value in facts.items()})
            row = check_row(line=line, cells=cells, existing_names=names)
            if row.errors:
                raise ImportExpired(_("Line %(line)d: %(errors)s Nothing was imported; upload the file again.")
                                    % {"line": line, "errors": " ".join(row.errors)})
            names.add(str(row.values["name"]).casefold())
            checked.append(row)
        return [create_system(organization=organization, user=user, name=str(v["name"]),
                              description=str(v["description"]), purpose=str(v["purpose"]), owner=str(v["owner"]),
                              lifecycle_stage=str(v["lifecycle_stage"]), markets=list(v["markets"]),  # type: ignore[call-overload]
                              default_answers=dict(v["facts"]))  # type: ignore[call-overload]
                for v in (row.values for row in checked)]


def _fact_cell(value) -> str:
    """A checked default answer written back as a cell (to check it again at confirmation)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)

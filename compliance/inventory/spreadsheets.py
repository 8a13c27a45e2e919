"""Reading and writing CSV and XLSX tables: size limits, encodings, and formula-injection escaping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line or row number in the file, cells)


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise UnreadableFile(_("The file is %(size).1f MB; files of up to %(limit)d MB can be imported. Split it "
                               "into smaller files.") % {"size": size / 1024 / 1024,
                                                         "limit": MAX_BYTES // 1024 // 1024})


def read_table(*, name: str, data: bytes) -> Table:
    check_size(len(data))
    if not data.strip():
        raise UnreadableFile(_("The file is empty."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif lower.endswith(".csv"):
        table = _read_csv(data)
    else:
        raise UnreadableFile(_("Upload a .csv or .xlsx file; “%(name)s” is neither.") % {"name": name[:100]})
    if len(table.rows) > MAX_ROWS:
        raise UnreadableFile(_("The file has %(count)d rows; up to %(limit)d can be imported at once.")
                             % {"count": len(table.rows), "limit": MAX_ROWS})
    return table


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is not UTF-8 text (byte %(position)d cannot be read). In Excel choose "
                               "“CSV UTF-8” when saving, or upload the .xlsx file.")
                             % {"position": error.start + 1}) from None
    if "\x00" in text:
        raise UnreadableFile(_("The file contains binary data; it is not a CSV file."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise UnreadableFile(_("The CSV file is malformed: %(error)s.") % {"error": error}) from None
    return _table(lines)


def _read_xlsx(data: bytes) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise UnreadableFile(_("The file is not a readable .xlsx workbook. Save it again from your spreadsheet "
                               "program as “Excel Workbook (.xlsx)”.")) from None
    try:
        sheet = workbook.worksheets[0]
        lines = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            lines.append((number, ["" if v is None else _cell_text(v) for v in values]))
            if number > MAX_ROWS + 1:
                break
    finally:
        workbook.close()
    return _table(lines)


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _table(lines: list[tuple[int, list[str]]]) -> Table:
    lines = [(n, [c.strip() for c in row]) for n, row in lines]
    lines = [(n, row) for n, row in lines if any(row)]  # blank lines are not rows
    if not lines:
        raise UnreadableFile(_("The file has no header row."))
    (_line, header), *rows = lines
    return Table(header=[h.strip().lower() for h in header], rows=rows)


def escape_cell(value) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(*, header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([escape_cell(h) for h in header])
    writer.writerows([[escape_cell(c) for c in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def _typed_cell(value) -> bool:
    """Numbers and (naive) dates keep their type in a workbook; everything else is written as escaped text."""
    if isinstance(value, bool):
        return False
    if isinstance(value, dt.datetime):
        return value.tzinfo is None
    return isinstance(value, int | float | dt.date)


def write_xlsx(*, title: str, header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([escape_cell(h) for h in header])
    for row in rows:
        sheet.append([c if _typed_cell(c) else escape_cell(c) for c in row])
    for cell in sheet[1]:
        cell.font = cell.font.copy(bold=True)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date | dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions  # the header row gets filter buttons
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

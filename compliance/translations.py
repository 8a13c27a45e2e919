"""Compile the gettext catalogs (locale/<lang>/LC_MESSAGES/django.po -> .mo) with Babel, a Python library,
so neither `make run` nor `make test` needs Debian's gettext. Only the .po files are in git."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

BASE_DIR = Path(__file__).resolve().parent.parent


def catalog_files(base_dir: Path = BASE_DIR) -> list[Path]:
    """Every project catalog: locale/ at the top and any app's own locale/ directory."""
    return sorted(path for path in base_dir.glob("**/locale/*/LC_MESSAGES/*.po")
                  if ".venv" not in path.parts and "site-packages" not in path.parts)


def compile_catalogs(*, base_dir: Path = BASE_DIR, force: bool = False) -> list[Path]:
    """Write each .mo whose .po is newer (fuzzy entries are left out, as msgfmt does); returns those written."""
    written = []
    for po_path in catalog_files(base_dir):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name, abort_invalid=True)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written

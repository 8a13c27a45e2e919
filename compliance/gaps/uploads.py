"""What an evidence upload may be: its size, and its type as read from its content (libmagic), not its name.

The type found in the bytes must be one of ACCEPTED and must match the file's extension, so a renamed
executable or an HTML page called ``policy.pdf`` is refused. Downloads are served with the detected type.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Detected type -> extensions a file of that type may carry.
ACCEPTED: dict[str, tuple[str, ...]] = {
    "application/pdf": ("pdf",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
    "text/plain": ("txt", "md", "csv", "log", "json"),
    "text/csv": ("csv", "txt"),
    "application/json": ("json",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
    "application/vnd.oasis.opendocument.presentation": ("odp",),
    "application/msword": ("doc",),
    "application/vnd.ms-excel": ("xls",),
    "application/vnd.ms-powerpoint": ("ppt",),
}
# Older Office files are OLE containers; libmagic may name only the container. Their extension decides.
OLE_CONTAINER = ("application/x-ole-storage", "application/CDFV2")
OLE_TYPES = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}
SNIFF_BYTES = 256 * 1024  # enough for libmagic to look inside Office and OpenDocument zip files
MAX_NAME = 200
ACCEPTED_EXTENSIONS = sorted({ext for exts in ACCEPTED.values() for ext in exts})


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def max_bytes() -> int:
    return int(settings.EVIDENCE_MAX_BYTES)


def clean_name(raw: str) -> str:
    """The uploaded file's own name without any folder part or control characters, at most MAX_NAME long."""
    name = PureWindowsPath(PurePosixPath(raw or "").name).name
    name = "".join(c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c)[0] != "C").strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:MAX_NAME]
    return name or "evidence"


def _extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def detect_type(head: bytes) -> str:
    return magic.from_buffer(head, mime=True)


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Size, extension and detected type of an upload; raises ValidationError with a message for the user."""
    limit = max_bytes()
    size = upload.size or 0
    if size > limit:
        raise ValidationError(_("The file is %(size).1f MB; evidence files may be up to %(limit).1f MB. Upload a "
                                "smaller file or link to where the document is kept.")
                              % {"size": size / 1024 / 1024, "limit": limit / 1024 / 1024})
    if size == 0:
        raise ValidationError(_("The file is empty."))
    name = clean_name(upload.name or "")
    extension = _extension(name)
    if extension not in ACCEPTED_EXTENSIONS:
        raise ValidationError(_("“%(name)s” is not a file type accepted as evidence. Accepted: PDF, images (PNG, "
                                "JPEG, GIF, WebP), office documents (Word, Excel, PowerPoint, OpenDocument) and "
                                "text files.") % {"name": name})
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    detected = detect_type(head)
    if detected in OLE_CONTAINER and extension in OLE_TYPES:
        detected = OLE_TYPES[extension]
    if extension not in ACCEPTED.get(detected, ()):
        raise ValidationError(_("The content of “%(name)s” is not what its name says (it looks like %(type)s). "
                                "Upload the document itself, saved as PDF, an image, an office document or "
                                "text.") % {"name": name, "type": detected})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name=name, content_type=detected, size=size, sha256=digest.hexdigest())

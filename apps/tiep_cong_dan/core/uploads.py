"""Checks on uploaded files: size, declared type and the bytes actually sent."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension -> magic numbers a genuine file of that type starts with.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
}


def validate_attachment(file) -> None:
    name = PurePath(getattr(file, "name", "") or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in _SIGNATURES:
        raise ValidationError(
            _("File type %(suffix)s is not accepted: send PDF, JPG, PNG, DOC, DOCX or XLSX."),
            code="file_type",
            params={"suffix": suffix or "?"},
        )
    size = getattr(file, "size", 0) or 0
    if size > settings.TCD_MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="file_too_large",
            params={
                "size": round(size / 1048576, 1),
                "limit": settings.TCD_MAX_ATTACHMENT_BYTES // 1048576,
            },
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    pos = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(8)
    file.seek(pos)
    if not any(head.startswith(sig) for sig in _SIGNATURES[suffix]):
        raise ValidationError(
            _("The content of %(name)s is not a %(suffix)s file."),
            code="file_content",
            params={"name": name, "suffix": suffix},
        )

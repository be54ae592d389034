"""The documents a viewer gets: drafts rendered fresh, issued ones frozen on first
render (file and hash stored) and returned as stored afterwards. Documents are always
in Vietnamese, whatever language the viewer's desk is in."""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import translation

from .documents import DocumentSpec
from .docx import html_to_docx
from .models import IssuedDocument
from .render import render_html, render_pdf

FORMATS = ("pdf", "docx", "xlsx")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def to_format(html: str, fmt: str) -> bytes:
    return render_pdf(html) if fmt == "pdf" else html_to_docx(html)


def document_html(spec: DocumentSpec, obj, user) -> str:
    with translation.override("vi"):
        return render_html(spec.template_for(obj), spec.build(obj, user))


class FrozenFileMissing(Exception):
    """An issued document's stored file is gone (a restore without the media files).
    Rendering it again would hand out something other than what was signed."""


def _stored(key: dict) -> bytes | None:
    stored = IssuedDocument.objects.filter(**key).first()
    if stored is None:
        return None
    try:
        with stored.file.open("rb") as fh:
            return fh.read()
    except OSError as exc:
        raise FrozenFileMissing(stored.file.name) from exc


def _fresh(spec: DocumentSpec, obj, user, fmt: str) -> bytes:
    if fmt == "xlsx":
        with translation.override("vi"):
            return spec.workbook(obj, user)
    return to_format(document_html(spec, obj, user), fmt)


def document_file(spec: DocumentSpec, obj, user, fmt: str) -> bytes:
    """`obj`'s document `spec` as `fmt` in the copy `user` may read (`user` None: the
    Board's full copy). Raises PrintFormatError if its template is broken."""
    if fmt not in spec.formats:
        raise ValueError(f"{spec.code} has no {fmt} form")
    number = spec.issued_number(obj)
    if not number:
        return _fresh(spec, obj, user, fmt)
    variant = spec.variant(obj, user)
    key = {
        "doctype": spec.code,
        "object_id": obj.pk,
        "number": number,
        "variant": variant,
        "fmt": fmt,
    }
    data = _stored(key)
    if data is not None:
        return data
    data = _fresh(spec, obj, user, fmt)
    try:
        with transaction.atomic():
            doc = IssuedDocument(**key, sha256=hashlib.sha256(data).hexdigest())
            doc.file.save(f"{spec.filename(obj)}-{variant}.{fmt}", ContentFile(data), save=False)
            doc.save()
    except IntegrityError:  # another reader froze it a moment earlier: theirs stands
        return _stored(key)
    return data


def documents_pdf(spec: DocumentSpec, objects, user) -> bytes:
    """Several documents in one PDF (a session's invitations, to print at once): each
    exactly as it is served alone, frozen ones as frozen, bound with pypdf."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for obj in objects:
        writer.append(io.BytesIO(document_file(spec, obj, user, "pdf")))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()

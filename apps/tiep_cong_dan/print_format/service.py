"""The documents a viewer gets: drafts rendered fresh, issued ones frozen on first
render (file and hash stored) and returned as stored afterwards. Documents are always
in Vietnamese, whatever language the viewer's desk is in. Every document handed to a
reader is written to the access log with the people it names, whichever path asked
(the desk, the API, a job): the service is the one place all of them pass."""

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .context.common import OUTSIDE_READER
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


class DocumentUnavailable(Exception):
    """An issued document the system cannot hand out; `message` says why, to the user."""

    message = ""


class FrozenFileMissing(DocumentUnavailable):
    """An issued document's stored file is gone (a restore without the media files).
    Rendering it again would hand out something other than what was signed."""

    @property
    def message(self) -> str:
        return _(
            "The stored file of this issued document (%(name)s) is missing. An "
            "administrator must restore it from the backup."
        ) % {"name": self}


class DocumentWithheld(DocumentUnavailable):
    """An issued document names a person whose data the retention period has removed.
    The signed file stays in storage for the archive; the system no longer hands it
    out (rendering it anew would not be what was signed)."""

    @property
    def message(self) -> str:
        return _(
            "This issued document names a person whose data was removed after the "
            "retention period; the signed copy is kept for the archive only."
        )


def _names_anonymised(spec: DocumentSpec, obj, user) -> bool:
    from ..doctype.citizen.models import Citizen

    ids = {pk for pk, _petition in spec.people_in(obj, user)}
    return bool(ids) and Citizen.objects.filter(pk__in=ids, anonymised_at__isnull=False).exists()


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


def log_document_read(spec: DocumentSpec, objects, user, *, request=None) -> None:
    """The people `objects`' documents name, as `user` reads them. `user` None is the
    system's own copy (frozen on issue, the samples): no reader, nothing to log."""
    if user is None or user == OUTSIDE_READER or not spec.personal_fields:
        return
    from ..doctype.citizen.personal_data import log_people_shown

    people = [person for obj in objects for person in spec.people_in(obj, user)]
    path = "" if request is not None else f"print:{spec.code}"
    log_people_shown(request, people, fields=spec.personal_fields, user=user, path=path)


def document_file(spec: DocumentSpec, obj, user, fmt: str, *, request=None) -> bytes:
    """`obj`'s document `spec` as `fmt` in the copy `user` may read (`user` None: the
    Board's full copy), logged as read by `user` (with `request`'s page and address
    when there is one). Raises PrintFormatError if its template is broken."""
    data = _document_file(spec, obj, user, fmt)
    log_document_read(spec, [obj], user, request=request)
    return data


def _document_file(spec: DocumentSpec, obj, user, fmt: str) -> bytes:
    if fmt not in spec.formats:
        raise ValueError(f"{spec.code} has no {fmt} form")
    number = spec.issued_number(obj)
    if not number:
        return _fresh(spec, obj, user, fmt)
    if _names_anonymised(spec, obj, user):
        raise DocumentWithheld(spec.filename(obj))
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


def documents_pdf(spec: DocumentSpec, objects, user, *, request=None) -> bytes:
    """Several documents in one PDF (a session's invitations, to print at once): each
    exactly as it is served alone, frozen ones as frozen, bound with pypdf; logged
    once for the whole file."""
    import io

    from pypdf import PdfWriter

    objects = list(objects)
    writer = PdfWriter()
    for obj in objects:
        writer.append(io.BytesIO(_document_file(spec, obj, user, "pdf")))
    buffer = io.BytesIO()
    writer.write(buffer)
    log_document_read(spec, objects, user, request=request)
    return buffer.getvalue()

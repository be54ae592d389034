"""Issued documents' frozen files (MEDIA_ROOT/documents/…) are served only as the
desk's download serves them: to a reader the document's rule lets see the record, the
copy (full or redacted) being the one that reader gets, never a document withheld
after retention; the people it names logged as read."""

from django.http import HttpRequest

from ..core.files import ServedFile, register_file_owner
from .documents import DOCUMENTS
from .models import IssuedDocument
from .service import CONTENT_TYPES, _names_anonymised, log_document_read

FOLDER = "documents"


def issued_file_for(request: HttpRequest, name: str) -> ServedFile | None:
    doc = IssuedDocument.objects.filter(file=name).first()
    spec = DOCUMENTS.get(doc.doctype) if doc is not None else None
    if spec is None:
        return None
    obj = spec.model._default_manager.filter(pk=doc.object_id).first()
    user = request.user
    if obj is None or not spec.visible(user, obj) or spec.variant(obj, user) != doc.variant:
        return None
    if _names_anonymised(spec, obj, user):
        return None
    return ServedFile(
        name=name,
        download_name=f"{spec.filename(obj)}.{doc.fmt}",
        content_type=CONTENT_TYPES.get(doc.fmt, "application/octet-stream"),
        log=lambda: log_document_read(spec, [obj], user, request=request),
    )


register_file_owner(FOLDER, issued_file_for)

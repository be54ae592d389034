"""Files attached to documents (access/attachments) are served only to those the
owning record's rule lets read them (`may_read_attachments`); anyone else gets the
same 404 as for a name that belongs to nobody (core/files.py)."""

import mimetypes

from django.http import HttpRequest

from ...core.files import ServedFile, register_file_owner
from ..rules import rule_or_none
from .models import FOLDER, Attachment
from .services import document_of


def attachment_for(request: HttpRequest, name: str) -> ServedFile | None:
    attachment = Attachment.objects.select_related("content_type").filter(file=name).first()
    if attachment is None:
        return None
    document = document_of(attachment)
    rule = rule_or_none(type(document)) if document is not None else None
    if rule is None or not rule.attachments:
        return None
    if not rule.may_read_attachments(request.user, document):
        return None
    return ServedFile(
        name=name,
        download_name=attachment.original_name or name.rsplit("/", 1)[-1],
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        log=lambda: rule.log_attachment_read(request, document),
    )


register_file_owner(FOLDER, attachment_for)

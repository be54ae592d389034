"""The files a citizen sent with an online request: served only to those who may read
the request and see its sender (a denunciation's files name the denouncer), each
download logged as a read of personal data (an ID card scan is sensitive data,
Personal Data Protection Law 91/2025)."""

import mimetypes

from django.http import HttpRequest

from ...access.confidential import log_confidential_access
from ...access.models import AccessKind
from ...access.rules import rule_for
from ...core.files import ServedFile, register_file_owner
from .models import ReceptionRequest, RequestAttachment

FOLDER = "requests"


def attachment_for(request: HttpRequest, name: str) -> ServedFile | None:
    attachment = RequestAttachment.objects.select_related("request").filter(file=name).first()
    if attachment is None:
        return None
    obj, rule = attachment.request, rule_for(ReceptionRequest)
    if not rule.can_view(request.user, obj) or "attachments" in rule.masked_fields(
        request.user, obj
    ):
        return None

    def log() -> None:
        log_confidential_access(
            request,
            object_type="reception_request",
            object_ids=[obj.pk],
            fields={"attachments"},
            kind=AccessKind.CONFIDENTIAL if obj.is_denunciation else AccessKind.PERSONAL,
        )

    return ServedFile(
        name=name,
        download_name=attachment.original_name or name.rsplit("/", 1)[-1],
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        log=log,
    )


register_file_owner(FOLDER, attachment_for)

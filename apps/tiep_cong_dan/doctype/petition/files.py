"""A petition's attachments are served only to those who may read the petition and,
on a denunciation, only to those cleared for the denouncer's identity: the scans carry
the handwriting and papers that identify them (Law on Denunciation 2018 Art. 8(3),
47). Each download is logged as a read of the petitioner's personal data (an ID card
scan is sensitive data, Personal Data Protection Law 91/2025)."""

import mimetypes

from django.http import HttpRequest

from ...access.rules import rule_for
from ...core.files import ServedFile, register_file_owner
from ..citizen.personal_data import log_people_shown, people_of
from .models import Petition, PetitionAttachment

FOLDER = "petitions"
FIELDS = frozenset({"attachments"})


def _content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def attachment_for(request: HttpRequest, name: str) -> ServedFile | None:
    attachment = PetitionAttachment.objects.select_related("petition").filter(file=name).first()
    if attachment is None:
        return None
    petition, user, rule = attachment.petition, request.user, rule_for(Petition)
    if not rule.can_view(user, petition) or "attachments" in rule.masked_fields(user, petition):
        return None

    def log() -> None:
        log_people_shown(request, people_of(petition), fields=FIELDS)

    return ServedFile(
        name=name,
        download_name=attachment.original_name or name.rsplit("/", 1)[-1],
        content_type=_content_type(name),
        log=log,
    )


register_file_owner(FOLDER, attachment_for)

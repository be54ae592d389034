"""A briefing pack's file (MEDIA_ROOT/briefing-packs/…) goes to its recipient only, and
only while the session's rule still lets them see the session: each copy was made for
its reader (a denunciation's briefings masked unless cleared). A cleared reader's
download is logged as a read of the denunciations it covers."""

from django.http import HttpRequest

from ...access.rules import rule_for
from ...core.files import ServedFile, register_file_owner
from ..petition.models import Petition
from ..petition.permissions import log_denunciations_read
from ..reception_session.models import ReceptionSession
from .models import BriefingPack

FOLDER = "briefing-packs"


def pack_for(request: HttpRequest, name: str) -> ServedFile | None:
    pack = BriefingPack.objects.select_related("session").filter(file=name).first()
    user = request.user
    if pack is None or pack.recipient_id != user.pk:
        return None
    if not rule_for(ReceptionSession).can_view(user, pack.session):
        return None
    cases = Petition.objects.filter(agenda_items__session=pack.session)

    def log() -> None:
        log_denunciations_read(request, cases, fields=frozenset({"briefing_pack"}))

    return ServedFile(
        name=name,
        download_name=f"tai-lieu-phuc-vu-chu-tich-{pack.session.date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
        log=log,
    )


register_file_owner(FOLDER, pack_for)

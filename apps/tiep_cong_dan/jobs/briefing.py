"""The Chairman's briefing pack of a session, made in the background on request: one copy
per reader (the one who asked, every Chairman and every officer of the Chairman's
Office), each as that reader's rules let them read it, stored for that reader alone
(doctype/hearing_dossier/files.py) and announced in their inbox."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from ..access.roles import Role
from ..core.files import file_url
from ..doctype.hearing_dossier.models import BriefingPack
from ..doctype.notification.services import notify, users_in_roles
from ..doctype.reception_session.models import ReceptionSession
from ..print_format.documents import DOCUMENTS
from ..print_format.service import document_file

CODE = "briefing_pack"


def pack_recipients(requester) -> list:
    """The requester first, then the Chairman and the Office (scheme V.1.1: the Board
    reports to the Chairman), once each."""
    found = {requester.pk: requester}
    for user in users_in_roles([Role.CHAIRMAN, Role.CHAIRMAN_OFFICE]).order_by("pk"):
        found.setdefault(user.pk, user)
    return list(found.values())


def make_briefing_pack(session_id: int, requester_id: int, progress) -> dict:
    spec = DOCUMENTS[CODE]
    session = ReceptionSession.objects.get(pk=session_id)
    requester = get_user_model().objects.get(pk=requester_id)
    if not spec.visible(requester, session) or not spec.exists(session):
        raise PermissionError("the requester may not have this session's briefing pack")
    readers = [u for u in pack_recipients(requester) if spec.visible(u, session)]
    packs = []
    for done, reader in enumerate(readers, start=1):
        progress(
            _("Making the copy of %(name)s") % {"name": reader.get_full_name() or reader},
            done,
            len(readers),
        )
        data = document_file(spec, session, reader, "pdf")
        pack = BriefingPack(session=session, recipient=reader, requested_by=requester)
        pack.file.save("pack.pdf", ContentFile(data), save=False)
        pack.save()
        packs.append(pack)
        if reader.pk != requester.pk:
            notify(
                [reader],
                _(
                    "The briefing pack for %(session)s is ready: the agenda and the agencies' "
                    "dossiers of each hearing."
                )
                % {"session": session},
                link=file_url(pack.file.name),
                key=f"briefing-pack:{pack.pk}",
            )
    own = packs[0]
    return {
        "path": own.file.name,
        "user_id": requester.pk,
        "name": f"{spec.filename(session)}.pdf",
        "fmt": "pdf",
        "code": CODE,
        "object_id": session.pk,
        "delivered_to": [str(p.recipient) for p in packs[1:]],
    }

"""The Chairman's briefing pack for a session (scheme V.1.2, V.1.3): the agenda, then for
each hearing the case (summary, how it went through the system, its earlier hearings)
and each agency's briefing with the list of its attached documents. One reader's copy:
the hearings of the cases the petition rule lets them read, the dossiers the dossier
rule lets them read, a denouncer and a denunciation's briefings masked unless cleared."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ...access.attachments.models import Attachment
from ...access.rules import rule_for
from ...doctype.hearing_dossier.briefings import ShownDossier, dossiers_by_hearing
from ...doctype.hearing_dossier.models import HearingDossier
from ...doctype.petition.constants import PetitionKind
from ...doctype.reception_session.constants import HearingMode
from ...doctype.reception_session.models import AgendaItem
from ...workflow.models import WorkflowEvent
from .common import (
    OUTSIDE_READER,
    board_frame,
    board_head_signature,
    date_line,
    dmy,
    person,
    readable_petitions,
    recipients,
)
from .session_letters import _hm, _items, _session

# A denunciation's briefing in a copy not cleared for the denouncer's identity.
MASKED = "*** Nội dung được bảo mật ***"


def _all_dossiers(session, masked: bool) -> dict[int, list[ShownDossier]]:
    """The Board's own copy (every briefing) or the outside reader's (a denunciation's
    masked): every dossier of the session."""
    found: dict[int, list[ShownDossier]] = {}
    rows = (
        HearingDossier.objects.filter(session=session)
        .select_related("agency", "petition")
        .order_by("agenda_item_id", "agency__name", "pk")
    )
    kind = ContentType.objects.get_for_model(HearingDossier)
    files: dict[int, list] = {}
    for attachment in Attachment.objects.filter(
        content_type=kind, object_id__in=[d.pk for d in rows]
    ):
        files.setdefault(attachment.object_id, []).append((attachment, ""))
    for d in rows:
        hidden = masked and d.petition.kind == PetitionKind.DENUNCIATION
        shown = ShownDossier(d, not hidden, [] if hidden else files.get(d.pk, []))
        found.setdefault(d.agenda_item_id, []).append(shown)
    return found


def _dossiers(session, user) -> dict[int, list[ShownDossier]]:
    if user is None:
        return _all_dossiers(session, masked=False)
    if user == OUTSIDE_READER:
        return _all_dossiers(session, masked=True)
    if not rule_for(HearingDossier).can_view(user):
        return {}
    return dossiers_by_hearing(user, session)


def _steps(petition_ids: list[int]) -> dict[int, list[dict]]:
    """Each case's steps through the system (date and what was done), oldest first; the
    comments are not printed (they may name a denouncer)."""
    found: dict[int, list[dict]] = {}
    events = WorkflowEvent.objects.filter(doctype="petition", object_id__in=petition_ids).order_by(
        "at", "pk"
    )
    for event in events.only("object_id", "at", "action_label"):
        found.setdefault(event.object_id, []).append(
            {"date": dmy(timezone.localtime(event.at).date()), "step": event.action_label}
        )
    return found


def _earlier(session, petition_ids: list[int]) -> dict[int, list[str]]:
    """The sessions that heard each case before this one."""
    found: dict[int, list[str]] = {}
    earlier = (
        AgendaItem.objects.filter(petition_id__in=petition_ids, heard=True)
        .exclude(session=session)
        .select_related("session")
        .order_by("session__date")
    )
    for item in earlier:
        found.setdefault(item.petition_id, []).append(str(item.session))
    return found


def _briefing(shown: ShownDossier) -> dict:
    d = shown.dossier
    words = shown.words_shown
    return {
        "agency": d.agency.name,
        "state": d.get_state_display(),
        "late": d.submitted_late or d.is_overdue,
        "submitted": dmy(timezone.localtime(d.submitted_at).date()) if d.submitted_at else "",
        "due": dmy(d.due_date),
        "history": d.case_history if words else MASKED,
        "decisions": d.decisions if words else MASKED,
        "proposal": d.proposal if words else MASKED,
        "files": [a.title or a.original_name for a, _url in shown.files] if words else [],
        "masked": not words,
    }


def briefing_pack_context(session, user=None) -> dict:
    items = _items(session, readable_petitions(user))
    ids = [i.petition_id for i in items]
    dossiers = _dossiers(session, user)
    steps, earlier = _steps(ids), _earlier(session, ids)
    hearings = []
    for n, item in enumerate(items, start=1):
        petition = item.petition
        online = item.mode == HearingMode.ONLINE
        hearings.append(
            {
                "anchor": f"h{n}",
                "index": n,
                "time": f"{_hm(item.slot_start)}–{_hm(item.slot_end)}" if item.slot_start else "",
                "number": petition.registration_number,
                "person": person(petition.citizen, petition, user)["name"],
                "kind": petition.get_kind_display(),
                "received": dmy(petition.received_date),
                "unit": str(petition.matter_unit) if petition.matter_unit_id else "",
                "summary": petition.summary,
                "mode": "Trực tuyến" if online else "Trực tiếp",
                "point": item.bridge_point.name if online and item.bridge_point else "",
                "steps": steps.get(petition.pk, []),
                "earlier": earlier.get(petition.pk, []),
                "briefings": [_briefing(s) for s in dossiers.get(item.pk, [])],
            }
        )
    return board_frame(
        place_date=date_line(session.date),
        title="TÀI LIỆU PHỤC VỤ CHỦ TỊCH UBND TỈNH TIẾP CÔNG DÂN",
        subject=f"Kỳ tiếp công dân {session.get_kind_display().lower()} ngày {dmy(session.date)}",
        session=_session(session),
        hearings=hearings,
        signature=board_head_signature(),
        recipients=recipients(["Chủ tịch UBND tỉnh (để báo cáo);", "Văn phòng UBND tỉnh;"]),
    )

"""Every rule overridden in a period, of any document type, read from the workflow event
log (the engine keeps, on the step's event, the reasons the rules gave and the written
reason of the one who went past them): the day, the document, the step, the rules,
who, why. The monthly report lists them for the Chairman (Decree 154 Art. 23's
deadlines first among them).

A denunciation's row names its document by number only; for a reader not cleared for
the denouncer's identity, what was written about it (the rules' words, the reason) is
masked, as on the document's own timeline."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from ..access.confidential import MASK
from ..access.rules import rule_for
from ..core.period import Period
from ..doctype.petition.constants import PetitionKind
from ..workflow.bindings import BINDINGS, binding_for
from ..workflow.models import WorkflowEvent

SESSION_KINDS = {
    "periodic": "định kỳ",
    "ad_hoc": "đột xuất",
    "central_request": "theo yêu cầu của Trung ương",
}
# What each document type loads to be named (never a person's name).
RELATED = {
    "assignment": ("agency", "petition", "notice"),
    "result_notice": ("session",),
}


@dataclass(frozen=True)
class OverrideRow:
    at: datetime.datetime
    document: str
    step: str
    rules: tuple[str, ...]
    who: str
    reason: str
    masked: bool = False

    @property
    def day(self) -> str:
        return timezone.localtime(self.at).strftime("%d/%m/%Y")


def _d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def document_name(doctype: str, doc) -> str:
    """How the report names a document: its type and number, no person."""
    if doc is None:
        return "(tài liệu đã xóa)"
    if doctype == "petition":
        return f"Đơn số {doc.registration_number or doc.pk}"
    if doctype == "reception_session":
        return f"Kỳ tiếp {SESSION_KINDS.get(doc.kind, doc.kind)} ngày {_d(doc.date)}"
    if doctype == "result_notice":
        number = doc.number or f"dự thảo, kỳ tiếp ngày {_d(doc.session.date)}"
        return f"Thông báo kết quả số {number}"
    if doctype == "assignment":
        return (
            f"Nhiệm vụ giao {doc.agency.name} "
            f"(đơn số {doc.petition.registration_number or doc.petition_id})"
        )
    if doctype == "monthly_report":
        return f"Báo cáo {doc.number or 'dự thảo'} ({_d(doc.period_start)}–{_d(doc.period_end)})"
    return f"{doctype} {doc.pk}"


def _petition_of(doctype: str, doc):
    if doctype == "petition":
        return doc
    if doctype == "assignment":
        return doc.petition
    return None


def _masked(doctype: str, doc, user, outside: bool) -> bool:
    """Whether what was written about the document is hidden from this reader."""
    if doc is None:
        return True
    petition = _petition_of(doctype, doc)
    denunciation = petition is not None and petition.kind == PetitionKind.DENUNCIATION
    if outside:
        return denunciation
    if user is None:
        return False
    if petition is not None and rule_for(type(petition)).free_text_masked(user, petition):
        return True
    return rule_for(type(doc)).free_text_masked(user, doc)


def _documents(events, user) -> dict[tuple[str, int], object]:
    """The events' documents the reader may see, one query per document type."""
    ids: dict[str, set[int]] = defaultdict(set)
    for event in events:
        ids[event.doctype].add(event.object_id)
    found = {}
    for doctype, pks in ids.items():
        model = binding_for(doctype).model
        qs = model._default_manager.filter(pk__in=pks).select_related(*RELATED.get(doctype, ()))
        if user is not None:
            qs = rule_for(model).queryset(user, qs)
        found.update({(doctype, doc.pk): doc for doc in qs})
    return found


def overrides_of(period: Period, user=None, *, outside: bool = False) -> list[OverrideRow]:
    """The overrides of the period, in time order, of the documents `user` may see
    (None: all, the Board's full copy; `outside`: all, masked for a reader not
    cleared)."""
    start, after = period.bounds()
    # The index on (has_override, at) reads the period's overrides alone; reading the
    # period's steps to look at each one's list took seconds for a year of a large log.
    events = list(
        WorkflowEvent.objects.filter(
            doctype__in=sorted(BINDINGS), at__gte=start, at__lt=after, has_override=True
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    documents = _documents(events, None if outside else user)
    rows = []
    for event in events:
        doc = documents.get((event.doctype, event.object_id))
        if doc is None and user is not None and not outside:
            continue  # outside the reader's scope
        masked = _masked(event.doctype, doc, user, outside)
        actor = event.actor
        rows.append(
            OverrideRow(
                at=event.at,
                document=document_name(event.doctype, doc),
                step=event.action_label,
                rules=(str(MASK),) if masked else tuple(str(r) for r in event.overridden),
                who=(actor.get_full_name() or actor.get_username()) if actor else "Hệ thống",
                reason=str(MASK) if masked else event.comment,
                masked=masked,
            )
        )
    return rows

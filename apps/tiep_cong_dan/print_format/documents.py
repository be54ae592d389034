"""The documents printed from one record, declared once: which record, which print
format, when it exists, when it is issued (then frozen) and which copy a viewer gets.
The desk, the API, the bulk print and the samples all read this table.

A copy is named by what it shows (`variant`): "full" (every case, every name),
"redacted" (every case, denouncers masked), or for a reader who may see only part of a
document, an extract "x" + 9 letters of a hash of the cases it names, of those it
masks and of the other parts (tasks) it leaves out. A frozen issued document is
stored once per copy, so every reader of one extract reads the same file and a reader
of another gets their own."""

import base64
import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from ..access.rules import rule_for
from ..doctype.monthly_report.constants import ISSUED_REPORT_STATES
from ..doctype.monthly_report.models import MonthlyReport
from ..doctype.petition.models import Petition
from ..doctype.reception_session.constants import InviteeKind
from ..doctype.reception_session.models import Invitation, ReceptionSession
from ..doctype.result_notice.constants import ISSUED_STATES, NoticeState
from ..doctype.result_notice.models import ResultNotice
from . import context as ctx
from .context.common import may_see_identity, readable_petitions
from .context.result_notice import notice_petitions_shown, notice_tasks_left_out


def _always(obj) -> bool:
    return True


# The citizen fields each document prints (context/: person() and addressed()); a
# letter addressed to a person says "Ông" or "Bà": it shows the gender.
NAME = frozenset({"full_name"})
# A letter says "Ông" or "Bà" from the recorded gender, so every copy naming a person
# shows it too.
SALUTED = frozenset({"full_name", "gender"})
ADDRESSED = SALUTED | {"address"}
WITH_PAPERS = ADDRESSED | {"id_number", "id_issued_on", "id_issued_by"}
# Form 02/TCD names the person and their paper, not their address.
PAPERS = SALUTED | {"id_number", "id_issued_on", "id_issued_by"}


@dataclass(frozen=True)
class DocumentSpec:
    code: str
    label: str
    model: type[Model]
    build: Callable[[Model, object], dict]
    slug: str  # the file name's stem
    exists: Callable[[Model], bool] = _always
    # The number it was issued under; "" while it is a draft (rendered fresh each time).
    issued_number: Callable[[Model], str] = lambda obj: ""
    # The petitions whose petitioners it names: a viewer not cleared for one of them
    # gets the redacted copy.
    petitions: Callable[[Model], list] = lambda obj: []
    # The ids of those a reader's copy shows, for documents a reader may get only part
    # of (its build narrows the same way); None: every reader gets them all.
    shown: Callable[[Model, object], QuerySet] | None = None
    # The ids of other parts of those cases (a notice's tasks) a reader's copy leaves out.
    left_out: Callable[[Model, object], list[int]] | None = None
    template: Callable[[Model], str] | None = None
    # The same data as an Excel workbook, for the documents that have one.
    workbook: Callable[[Model, object], bytes] | None = None
    # Which citizen fields it prints, and of whom as (citizen id, petition) pairs for a
    # reader (default: the petitioners of `petitions`): what the access log records.
    personal_fields: frozenset[str] = frozenset()
    people: Callable[[Model, object], list] | None = None
    # Always made in the background (a long document whatever its record).
    background: bool = False
    # The issued document that replaces this one, in words ("Thông báo số 07/TB-UBND
    # ngày 14/03/2026"), or "" while it is in force: what verification tells a holder.
    replaced_by: Callable[[Model], str] = lambda obj: ""
    # The day it was issued as printed on it (None: the day its file was stored).
    issued_on: Callable[[Model], datetime.date | None] = lambda obj: None
    # Offered as an editable DOCX too; not a document whose contents give page numbers
    # (the briefing pack), which only the PDF keeps right.
    docx: bool = True

    @property
    def formats(self) -> tuple[str, ...]:
        editable = ("docx",) if self.docx else ()
        return ("pdf", *editable, "xlsx") if self.workbook else ("pdf", *editable)

    def template_for(self, obj) -> str:
        return (self.template(obj) if self.template else self.code) + ".html"

    def petitions_for(self, obj, user) -> list:
        """The petitions `user`'s copy of `obj` names (masked or not)."""
        every = self.petitions(obj)
        if self.shown is None or not every:
            return every
        ids = set(self.shown(obj, user).values_list("pk", flat=True))
        return [p for p in every if p.pk in ids]

    def variant(self, obj, user) -> str:
        """Which copy `user` reads: what it names decides, not who asks."""
        every = self.petitions(obj)
        shown = self.petitions_for(obj, user)
        masked = [p for p in shown if not may_see_identity(user, p)]
        left_out = self.left_out(obj, user) if self.left_out is not None else []
        if len(shown) == len(every) and not left_out:
            return "redacted" if masked else "full"
        return extract_variant(shown, masked, left_out)

    def visible(self, user, obj) -> bool:
        return rule_for(self.model).can_view(user, obj)

    def people_in(self, obj, user) -> list[tuple[int, Petition]]:
        """(citizen id, petition) of each person `user`'s copy names: what the access
        log records (a masked denouncer is not named)."""
        if not self.personal_fields:
            return []
        if self.people is not None:
            return self.people(obj, user)
        return [
            (p.citizen_id, p) for p in self.petitions_for(obj, user) if may_see_identity(user, p)
        ]

    def filename(self, obj) -> str:
        number = self.issued_number(obj)
        stem = number.replace("/", "-") if number else str(obj.pk)
        return f"{self.slug}-{stem}"


def extract_variant(shown, masked, left_out=()) -> str:
    """An extract's copy name: "x" and 9 base-32 letters (45 bits) of the SHA-256 of the
    sorted ids of the cases it names and masks and of the parts it leaves out. It fits
    IssuedDocument.variant (10 characters) beside "full" and "redacted"."""
    key = "{}|{}|{}".format(
        ",".join(str(pk) for pk in sorted(p.pk for p in shown)),
        ",".join(str(pk) for pk in sorted(p.pk for p in masked)),
        ",".join(str(pk) for pk in sorted(left_out)),
    )
    digest = base64.b32encode(hashlib.sha256(key.encode()).digest()).decode().lower()
    return "x" + digest[:9]


def _notice_petitions(notice) -> list:
    return [c.petition for c in notice.conclusions.select_related("petition")]


def _notice_replacement(notice) -> str:
    if notice.state != NoticeState.REPLACED:
        return ""
    later = ResultNotice.objects.filter(replaces=notice, state__in=ISSUED_STATES).first()
    if later is None:
        return ""
    return f"Thông báo số {later.number} ngày {later.issued_date:%d/%m/%Y}"


def _report_workbook(report, user) -> bytes:
    from ..reporting.workbook import report_workbook
    from .context.monthly_report import report_tables

    return report_workbook(report, report_tables(report, user))


def _invitation_template(invitation) -> str:
    return {
        InviteeKind.CITIZEN: "invitation_citizen",
        InviteeKind.COMMUNE: "invitation_commune",
    }.get(invitation.kind, "invitation_agency")


def _agenda_people(session, user) -> list:
    """The petitioners the reader's agenda names (context/session_letters: the hearings
    of the cases they may see, a denouncer masked unless they are cleared)."""
    items = session.agenda_items.filter(petition__in=readable_petitions(user))
    return [
        (i.petition.citizen_id, i.petition)
        for i in items.select_related("petition")
        if may_see_identity(user, i.petition)
    ]


def _invitation_people(invitation, user) -> list:
    petitions = list(invitation.petitions.all())
    if invitation.kind == InviteeKind.CITIZEN:
        petition = petitions[0] if petitions else None
        if petition is not None and not may_see_identity(user, petition):
            return []  # the letter to a denouncer, in a masked copy (the preview)
        return [(invitation.citizen_id, petition)]
    # Letters to communes and agencies name the citizens of their cases, a denouncer
    # never (the outside reader's copy).
    return [(p.citizen_id, p) for p in petitions if not p.is_denunciation]


def _letter_number(number_field: str, date_field: str):
    def number(petition) -> str:
        if getattr(petition, number_field) and getattr(petition, date_field):
            return getattr(petition, number_field)
        return ""

    return number


DOCUMENTS: dict[str, DocumentSpec] = {
    spec.code: spec
    for spec in [
        DocumentSpec(
            code="result_notice",
            label=_("Result notice"),
            model=ResultNotice,
            build=ctx.result_notice_context,
            slug="thong-bao-ket-qua",
            issued_number=lambda n: n.number if n.state in ISSUED_STATES else "",
            petitions=_notice_petitions,
            shown=notice_petitions_shown,
            left_out=notice_tasks_left_out,
            personal_fields=ADDRESSED,
            replaced_by=_notice_replacement,
            issued_on=lambda n: n.issued_date,
        ),
        DocumentSpec(
            code="reply_letter",
            label=_("Reply letter"),
            model=Petition,
            build=ctx.reply_letter_context,
            slug="van-ban-tra-loi",
            exists=lambda p: bool(p.reply_reason),
            issued_number=_letter_number("reply_letter_number", "reply_letter_date"),
            issued_on=lambda p: p.reply_letter_date,
            petitions=lambda p: [p],
            personal_fields=ADDRESSED,
        ),
        DocumentSpec(
            code="refusal_notice",
            label=_("Refusal notice (form 01/TCD)"),
            model=Petition,
            build=ctx.refusal_notice_context,
            slug="thong-bao-tu-choi",
            exists=lambda p: bool(p.refusal_ground),
            issued_number=_letter_number("refusal_notice_number", "refusal_notice_date"),
            issued_on=lambda p: p.refusal_notice_date,
            petitions=lambda p: [p],
            personal_fields=WITH_PAPERS,
        ),
        DocumentSpec(
            code="receipt",
            label=_("Receipt of documents (form 02/TCD)"),
            model=Petition,
            build=ctx.receipt_context,
            slug="giay-bien-nhan",
            petitions=lambda p: [p],
            personal_fields=PAPERS,
        ),
        DocumentSpec(
            code="agenda",
            label=_("Session agenda"),
            model=ReceptionSession,
            build=ctx.agenda_context,
            slug="chuong-trinh",
            exists=lambda s: s.agenda_items.exists(),
            petitions=lambda s: [i.petition for i in s.agenda_items.select_related("petition")],
            shown=lambda session, user: readable_petitions(user),
            personal_fields=NAME,
            people=_agenda_people,
        ),
        DocumentSpec(
            code="briefing_pack",
            label=_("Chairman's briefing pack"),
            model=ReceptionSession,
            build=ctx.briefing_pack_context,
            slug="tai-lieu-phuc-vu-chu-tich",
            exists=lambda s: s.dossiers.exists(),
            petitions=lambda s: [i.petition for i in s.agenda_items.select_related("petition")],
            shown=lambda session, user: readable_petitions(user),
            personal_fields=NAME,
            people=_agenda_people,
            background=True,
            docx=False,
        ),
        DocumentSpec(
            code="monthly_report",
            label=_("Reception report"),
            model=MonthlyReport,
            build=ctx.monthly_report_context,
            slug="bao-cao",
            issued_number=lambda r: r.number if r.state in ISSUED_REPORT_STATES else "",
            issued_on=lambda r: r.issued_date,
            workbook=_report_workbook,
        ),
        DocumentSpec(
            code="invitation",
            label=_("Invitation letter"),
            model=Invitation,
            build=ctx.invitation_context,
            slug="giay-moi",
            # Numbered as the Board head signs the session's letters, or as they are
            # sent: from then on the letter is frozen.
            issued_number=lambda i: i.number,
            # Letters to communes and agencies are always the redacted copy; a citizen's
            # letter is only shown to those who may see the citizen.
            template=_invitation_template,
            personal_fields=SALUTED,
            people=_invitation_people,
        ),
    ]
}


def documents_for(obj, user) -> list[DocumentSpec]:
    """The documents `user` may print from `obj`, in the table's order."""
    return [
        spec
        for spec in DOCUMENTS.values()
        if isinstance(obj, spec.model) and spec.exists(obj) and spec.visible(user, obj)
    ]

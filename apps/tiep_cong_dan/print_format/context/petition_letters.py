"""The Board's letters about one petition: the reply to a citizen not proposed or not
accepted for online reception (scheme III.3.1.b), the refusal notice (form 01/TCD,
Decree 154 Art. 4(3)) and the receipt of documents (form 02/TCD, Art. 14(4)). The
"Căn cứ" clauses and the form codes are those in force on each document's date
(the table of legal bases)."""

import datetime

from django.utils import timezone

from ...core.site_profile import site_profile
from ...doctype.legal_basis.constants import CitingDocument
from ...doctype.petition.constants import Jurisdiction, PaperCondition, PetitionKind
from ...doctype.working_calendar.services import periodic_session_date
from ...workflow.models import WorkflowEvent
from .common import (
    RECEPTION_OFFICE,
    addressed,
    addressee,
    board_frame,
    board_head_signature,
    date_line,
    dmy,
    form_code,
    legal_bases,
    long_date,
    person,
    recipients,
    weekday,
)

REPORT_LINE = "Chủ tịch UBND tỉnh (để báo cáo);"
# Form 01/TCD's "Nơi nhận:" (the Chairman is told; the agencies concerned coordinate).
REFUSAL_INFORMED = "Chủ tịch UBND tỉnh để biết;"
REFUSAL_FILING = "- Lưu: VT, hồ sơ."
# Form 01/TCD: "để khiếu nại/tố cáo/kiến nghị, phản ánh"; stored documents are always
# Vietnamese, whatever language the desk is in.
KIND_VERBS = {
    PetitionKind.COMPLAINT: "khiếu nại",
    PetitionKind.DENUNCIATION: "tố cáo",
    PetitionKind.RECOMMENDATION: "kiến nghị",
    PetitionKind.FEEDBACK: "phản ánh",
}
# Form 02/TCD, note 5: the condition of each document received.
CONDITION_WORDS = {
    PaperCondition.ORIGINAL: "Bản chính",
    PaperCondition.PHOTOCOPY: "Bản phô tô",
    PaperCondition.CERTIFIED_COPY: "Bản sao công chứng",
    PaperCondition.ELECTRONIC: "Bản điện tử",
}
# Form 02/TCD: made in two copies, one handed to the person who gave the documents.
RECEIPT_COPIES = "02"
# What a citizen brings when they come in person, and sends with a petition.
BRING = "giấy tờ tùy thân, đơn và các thông tin, tài liệu có liên quan"
ENCLOSE = "các thông tin, tài liệu có liên quan"


def _kind(petition) -> str:
    return KIND_VERBS.get(petition.kind, petition.get_kind_display().lower())


def _next_periodic_day(after: datetime.date) -> datetime.date:
    day = periodic_session_date(after.year, after.month)
    if day <= after:
        month = after.month % 12 + 1
        day = periodic_session_date(after.year + (after.month == 12), month)
    return day


def _guidance(petition, day: datetime.date, you: str) -> str:
    """The one place the citizen is sent, and what to bring, from what is recorded: the
    agency the petition was transferred to; else, for another agency's case, that
    agency (the first concerned), or the Board's office to be told which; else the
    Chairman's next periodic reception in person. A case not acceptable for handling
    is sent nowhere (the reason says why)."""
    agency = petition.transferred_to
    if agency is not None:
        return (
            f"Đơn của {you} đã được chuyển đến {agency.name} là cơ quan có thẩm quyền. "
            f"Đề nghị {you} liên hệ {agency.name}, mang theo {BRING}, để được xem xét, "
            "giải quyết theo quy định của pháp luật."
        )
    if petition.jurisdiction == Jurisdiction.NOT_ACCEPTABLE:
        return ""
    if petition.jurisdiction == Jurisdiction.OTHER_AGENCY:
        agency = petition.agencies_concerned.order_by("name").first()
        if agency is not None:
            return (
                f"Vụ việc thuộc thẩm quyền giải quyết của {agency.name}. Đề nghị {you} gửi "
                f"đơn đến {agency.name}, kèm theo {ENCLOSE}, "
                "để được xem xét, giải quyết theo quy định của pháp luật."
            )
        # Another agency's case, the agency not yet recorded: the Board's office
        # names it in person.
        return (
            f"Đề nghị {you} đến {RECEPTION_OFFICE} vào giờ hành chính các ngày làm việc, "
            f"mang theo {BRING}, để được hướng dẫn gửi đơn đến cơ quan có thẩm quyền giải quyết."
        )
    visit = _next_periodic_day(day)
    return (
        f"Đề nghị {you} đến {RECEPTION_OFFICE} vào ngày tiếp công dân định kỳ của Chủ tịch "
        f"UBND tỉnh ({weekday(visit)}, ngày {dmy(visit)}), mang theo {BRING}, để được tiếp "
        "trực tiếp theo quy định."
    )


def reply_letter_context(petition, user=None) -> dict:
    issued = bool(petition.reply_letter_number and petition.reply_letter_date)
    day = petition.reply_letter_date or datetime.date.today()
    # Not proposed by the Board, or proposed and then not approved by the Chairman.
    rejected = WorkflowEvent.objects.filter(
        doctype="petition", object_id=petition.pk, to_state="rejected"
    ).exists()
    who = person(petition.citizen, petition, user)
    you = who["pronoun"]
    decision = (
        f"Chủ tịch UBND tỉnh không đồng ý tiếp công dân trực tuyến đối với vụ việc của {you}"
        if rejected
        else "Ban Tiếp công dân tỉnh không đề xuất Chủ tịch UBND tỉnh tiếp công dân trực tuyến "
        f"đối với vụ việc của {you}"
    )
    bases = legal_bases(CitingDocument.REPLY_LETTER, day)
    reason = (petition.reply_reason or "…").strip()
    paragraphs = [
        *([f"Căn cứ {bases};"] if bases else []),
        f"Ngày {dmy(petition.received_date)}, {site_profile().board} nhận được đơn "
        f"{_kind(petition)} (số đăng ký {petition.registration_number}) của {you} đề nghị "
        f"được Chủ tịch UBND tỉnh tiếp trực tuyến, nội dung: {petition.summary}.",
        f"Sau khi xem xét, {decision}, với lý do: {reason}"
        + ("" if reason.endswith((".", "…")) else "."),
        _guidance(petition, day, you),
        f"Ban Tiếp công dân tỉnh trả lời để {you} được biết./.",
    ]
    return board_frame(
        draft=not issued,
        number=petition.reply_letter_number or "      /BTCD-TCD",
        about="V/v trả lời đơn đăng ký tiếp công dân trực tuyến",
        place_date=date_line(day),
        addressee=addressed(petition.citizen, petition, user),
        paragraphs=[p for p in paragraphs if p],
        signature=board_head_signature(),
        recipients=recipients(["Như trên;", REPORT_LINE]),
    )


def _refusal_point(petition) -> str:
    """Form 01/TCD cites the point of Decree 154 Art. 4(1) the refusal rests on
    ("điểm h,"); a ground of the Law's Art. 9 has none."""
    ground = petition.refusal_ground or ""
    if not ground.startswith("decree_4_"):
        return ""
    return f"điểm {ground.removeprefix('decree_4_').replace('dd', 'đ')},"


def _refusal_recipients(petition) -> list[str]:
    agencies = [a.name for a in petition.agencies_concerned.order_by("name")]
    return [
        "- Như trên;",
        f"- {REFUSAL_INFORMED}",
        *[f"- {name} (để phối hợp);" for name in agencies],
        REFUSAL_FILING,
    ]


def refusal_notice_context(petition, user=None) -> dict:
    issued = bool(petition.refusal_notice_number and petition.refusal_notice_date)
    day = petition.refusal_notice_date or datetime.date.today()
    who = person(petition.citizen, petition, user)
    document = CitingDocument.REFUSAL_NOTICE
    return board_frame(
        draft=not issued,
        form_code=form_code(document, day),
        number=petition.refusal_notice_number or "      /TB-BTCD",
        place_date=date_line(day),
        title="THÔNG BÁO",
        subject="Về việc từ chối tiếp công dân",
        addressee=addressee(who),
        person=who,
        visit=long_date(petition.received_date).removeprefix("ngày "),
        place=RECEPTION_OFFICE,
        kind_label=_kind(petition),
        summary=petition.summary,
        bases=legal_bases(document, day, point=_refusal_point(petition)),
        signature=board_head_signature(),
        recipients=_refusal_recipients(petition),
    )


def _item_note(attachment) -> dict:
    return {
        "title": attachment.title,
        "pages": str(attachment.pages) if attachment.pages else "",
        "condition": CONDITION_WORDS.get(attachment.condition, ""),
    }


def receipt_context(petition, user=None) -> dict:
    received = timezone.localtime(petition.created_at) if petition.created_at else None
    day = received.date() if received else petition.received_date
    officer = petition.created_by
    items = [
        {
            "title": f"Đơn {_kind(petition)} đề ngày {dmy(petition.received_date)} "
            f"(số đăng ký {petition.registration_number})",
            "pages": "",
            "condition": "",
        }
    ]
    items += [_item_note(a) for a in petition.attachments.order_by("uploaded_at", "id")]
    return board_frame(
        form_code=form_code(CitingDocument.RECEIPT, day),
        place_date=date_line(day),
        title="GIẤY BIÊN NHẬN",
        subject="Thông tin, tài liệu",
        received_at=(
            f"{received:%H} giờ {received:%M} phút {long_date(day)}" if received else long_date(day)
        ),
        place=RECEPTION_OFFICE,
        receiver={
            "name": officer.get_full_name() if officer else "",
            "title": "Cán bộ Ban Tiếp công dân tỉnh",
        },
        person=person(petition.citizen, petition, user),
        items=items,
        copies=RECEIPT_COPIES,
        # The private lookup code is printed only on the copy made when it is issued
        # (print_format/lookup_receipt.py); every other print leaves the line out.
        lookup_code="",
        lookup_address="",
    )

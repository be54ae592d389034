"""The Board's letters about one petition: the reply to a citizen not proposed or not
accepted for online reception (scheme III.3.1.b), the refusal notice (form 01/TCD,
Decree 154 Art. 4(3)) and the receipt of documents (form 02/TCD, Art. 4 of chapter II)."""

import datetime

from django.utils import timezone

from ...core.site_profile import site_profile
from ...workflow.models import WorkflowEvent
from .common import (
    RECEPTION_OFFICE,
    addressed,
    addressee,
    board_frame,
    board_head_signature,
    date_line,
    dmy,
    long_date,
    person,
    recipients,
)

REPORT_LINE = "Chủ tịch UBND tỉnh (để báo cáo);"


def _kind(petition) -> str:
    return petition.get_kind_display().lower()


def _where_to_turn(petition, who: dict) -> str:
    agency = petition.transferred_to or petition.agencies_concerned.order_by("name").first()
    if agency is not None:
        return (
            f"Đề nghị {who['pronoun']} liên hệ {agency.name} là cơ quan có thẩm quyền để được "
            "xem xét, giải quyết theo quy định của pháp luật."
        )
    return (
        f"{who['salutation']} có thể đến {RECEPTION_OFFICE} vào ngày tiếp công dân định kỳ "
        "(ngày 15 hằng tháng) hoặc gửi đơn đến cơ quan có thẩm quyền để được hướng dẫn, giải quyết."
    )


def reply_letter_context(petition, user=None) -> dict:
    issued = bool(petition.reply_letter_number and petition.reply_letter_date)
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
    return board_frame(
        draft=not issued,
        number=petition.reply_letter_number or "      /BTCD-TCD",
        about="V/v trả lời đơn đăng ký tiếp công dân trực tuyến",
        place_date=date_line(petition.reply_letter_date or datetime.date.today()),
        addressee=addressed(petition.citizen, petition, user),
        paragraphs=[
            f"Ngày {dmy(petition.received_date)}, {site_profile().board} nhận được đơn "
            f"{_kind(petition)} (số đăng ký {petition.registration_number}) của {you} đề nghị "
            f"được Chủ tịch UBND tỉnh tiếp trực tuyến, nội dung: {petition.summary}.",
            f"Sau khi xem xét, {decision}, với lý do: {petition.reply_reason or '…'}",
            _where_to_turn(petition, who),
            f"Ban Tiếp công dân tỉnh trả lời để {you} được biết./.",
        ],
        signature=board_head_signature(),
        recipients=recipients(["Như trên;", REPORT_LINE]),
    )


def refusal_notice_context(petition, user=None) -> dict:
    issued = bool(petition.refusal_notice_number and petition.refusal_notice_date)
    who = person(petition.citizen, petition, user)
    return board_frame(
        draft=not issued,
        form_code="Mẫu số 01/TCD",
        number=petition.refusal_notice_number or "      /TB-BTCD",
        place_date=date_line(petition.refusal_notice_date or datetime.date.today()),
        title="THÔNG BÁO",
        subject="Về việc từ chối tiếp công dân",
        addressee=addressee(who),
        person=who,
        visit=long_date(petition.received_date).removeprefix("ngày "),
        kind_label=_kind(petition),
        summary=petition.summary,
        ground=petition.get_refusal_ground_display(),
        signature=board_head_signature(),
        recipients=recipients(["Như trên;", REPORT_LINE]),
    )


def receipt_context(petition, user=None) -> dict:
    received = timezone.localtime(petition.created_at) if petition.created_at else None
    day = received.date() if received else petition.received_date
    officer = petition.created_by
    items = [
        {
            "title": f"Đơn {_kind(petition)} đề ngày {dmy(petition.received_date)}",
            "note": f"số đăng ký {petition.registration_number}",
        }
    ]
    items += [
        {"title": a.title, "note": a.original_name}
        for a in petition.attachments.order_by("uploaded_at", "id")
    ]
    return board_frame(
        form_code="Mẫu số 02/TCD",
        place_date=date_line(day),
        title="GIẤY BIÊN NHẬN",
        subject="Thông tin, tài liệu",
        received_at=(
            f"{received:%H} giờ {received:%M}, {long_date(day)}" if received else long_date(day)
        ),
        place=RECEPTION_OFFICE,
        receiver={
            "name": officer.get_full_name() if officer else "",
            "title": "Cán bộ Ban Tiếp công dân tỉnh",
        },
        person=person(petition.citizen, petition, user),
        items=items,
        copies="02",
    )

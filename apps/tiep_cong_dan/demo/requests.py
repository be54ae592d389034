"""Requests to be received online, as citizens send them on the public site
(/gui-yeu-cau/): a few from the last days, through the same services the site uses, so
the Board's list of requests has work in it and shows every outcome."""

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from ..core.lookup_codes import digest_code, new_lookup_code
from ..doctype.admin_unit.constants import Era, UnitLevel
from ..doctype.admin_unit.models import AdministrativeUnit
from ..doctype.citizen.constants import IdKind
from ..doctype.petition.constants import PetitionKind
from ..doctype.reception_request.constants import BridgeChoice, IdentityCheckPlace, RequestState
from ..doctype.reception_request.models import ReceptionRequest
from ..doctype.reception_request.services import (
    convert_to_petition,
    decline_request,
    submit_request,
)
from ..public.request_form import NOTICE_VERSION
from ..workflow import apply

# name, ID number, phone, kind, summary, content, what the Board did (None: waiting)
REQUESTS = [
    (
        "Hoàng Thị Nguyệt",
        "020185004417",
        "0915223471",
        PetitionKind.COMPLAINT,
        "Khiếu nại quyết định thu hồi đất làm đường tránh",
        "Gia đình tôi bị thu hồi 420 m² đất trồng cây lâu năm để làm đường tránh. Mức bồi "
        "thường thấp hơn giá đất cùng vị trí đã bồi thường cho các hộ liền kề năm 2024. "
        "Đề nghị Chủ tịch UBND tỉnh xem xét lại.",
        "convert",
    ),
    (
        "Vi Văn Thịnh",
        "020079001236",
        "0983114052",
        PetitionKind.RECOMMENDATION,
        "Kiến nghị sửa chữa cầu treo qua suối bản Pò",
        "Cầu treo qua suối bản Pò xuống cấp, mùa mưa lũ học sinh không qua được. Đề nghị "
        "tỉnh bố trí kinh phí sửa chữa.",
        None,
    ),
    (
        "Lương Văn Khải",
        "020088007781",
        "0397551208",
        PetitionKind.COMPLAINT,
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho hộ liền kề",
        "UBND xã cấp giấy chứng nhận cho hộ liền kề lấn sang phần đất gia đình tôi đã sử "
        "dụng ổn định từ năm 1995.",
        "decline",
    ),
    (
        "Nông Thị Hậu",
        "020191002954",
        "0868330417",
        PetitionKind.RECOMMENDATION,
        "Kiến nghị về chế độ hỗ trợ người có công",
        "Mẹ tôi là thân nhân liệt sĩ nhưng chưa được hưởng trợ cấp hằng tháng theo quy định "
        "mới. Đề nghị xem xét.",
        None,
    ),
]
DECLINE_REASON = (
    "Việc cấp giấy chứng nhận quyền sử dụng đất của UBND xã thuộc thẩm quyền giải quyết "
    "khiếu nại lần đầu của Chủ tịch UBND xã; Ban Tiếp công dân đã hướng dẫn ông gửi đơn "
    "đến UBND xã nơi có đất và không đề xuất tiếp trực tuyến."
)


def online_requests() -> None:
    """Four confirmed requests from today's communes: one turned into a petition after
    the identity check at the commune's office, one declined with its reason, two
    waiting for the Board's check; and one still waiting for its phone code."""
    officer = User.objects.get(username="canbo")
    communes = list(
        AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, era=Era.FROM_2025).order_by(
            "code"
        )[:5]
    )
    if len(communes) < 5:
        return
    for i, (name, id_number, phone, kind, summary, content, outcome) in enumerate(REQUESTS):
        request = _send(communes[i], name, id_number, phone, kind, summary, content)
        _confirm(request)
        if outcome == "convert":
            convert_to_petition(
                request,
                by=officer,
                place=IdentityCheckPlace.COMMUNE_POINT,
                note="Đã đối chiếu căn cước công dân bản gốc.",
            )
        elif outcome == "decline":
            decline_request(request, by=officer, reason=DECLINE_REASON)
    _send(
        communes[4],
        "Triệu Văn Lợi",
        "020090006612",
        "0912664018",
        PetitionKind.RECOMMENDATION,
        "Kiến nghị về lịch cấp nước sinh hoạt",
        "Thôn tôi bị cắt nước sinh hoạt nhiều ngày không báo trước.",
    )


def _send(unit, name, id_number, phone, kind, summary, content) -> ReceptionRequest:
    return submit_request(
        ReceptionRequest(
            full_name=name,
            id_kind=IdKind.CCCD,
            id_number=id_number,
            phone=phone,
            address=f"Thôn Bản Chu, {unit.name}",
            residence_unit=unit,
            kind=kind,
            summary=summary,
            content=content,
            bridge_choice=BridgeChoice.COMMUNE,
            consent_online=True,
            consent_personal_data=True,
            consent_notice=NOTICE_VERSION,
        )
    )


def _confirm(request: ReceptionRequest) -> None:
    """The citizen typed the code the SMS brought: what services.confirm_phone records
    when the code is right (the demo does not read the SMS outbox)."""
    request.phone_confirmed_at = timezone.now() - datetime.timedelta(minutes=3)
    request.lookup_code_digest = digest_code(new_lookup_code())
    request.save(update_fields=["phone_confirmed_at", "lookup_code_digest"])
    apply(request, "confirm_phone", expected_state=RequestState.AWAITING_PHONE)

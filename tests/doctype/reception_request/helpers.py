"""Requests made as the public form makes them, and the code read from the SMS outbox."""

import re

from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.reception_request.models import ReceptionRequest
from tiep_cong_dan.doctype.reception_request.services import (
    confirm_phone,
    send_phone_code,
    submit_request,
)

from ...conftest import new_unit

PHONE = "0912345678"


def new_request(**fields) -> ReceptionRequest:
    values = {
        "full_name": "Hoàng Văn Bình",
        "id_number": "020090001234",
        "phone": PHONE,
        "address": "thôn Nà Làng",
        "residence_unit": new_unit("06187"),
        "kind": PetitionKind.COMPLAINT,
        "summary": "Khiếu nại việc bồi thường khi thu hồi đất",
        "content": "Gia đình tôi bị thu hồi 300 m² đất nhưng chưa được bồi thường.",
        "consent_online": True,
        "consent_personal_data": True,
        "consent_notice": "2026-12",
    }
    values.update(fields)
    files = values.pop("files", ())
    request = submit_request(ReceptionRequest(**values), files=files)
    send_phone_code(request)
    return request


def last_code(phone: str = PHONE) -> str:
    for message in reversed(MemorySmsGateway.outbox):
        found = re.search(r"Mã xác nhận yêu cầu \S+: (\d{6})", message["text"])
        if message["to"] == phone and found:
            return found.group(1)
    raise AssertionError("no code sent")


def confirmed_request(**fields) -> tuple[ReceptionRequest, str]:
    request = new_request(**fields)
    lookup = confirm_phone(request, last_code(request.phone))
    return request, lookup

"""The lookup source for online requests' numbers ("YC-2026-000123"): what happened to
the request, in the citizen's words. A request turned into a petition names the
petition, whose own source answers for its number with the same code."""

import re

from django.utils import timezone

from ..core.lookup_codes import code_matches
from ..doctype.reception_request.constants import RequestState
from ..doctype.reception_request.models import ReceptionRequest
from .lookup_sources import LookupResult, TimelineStep, register_lookup_source

NUMBER = re.compile(r"^YC-\d{4}-\d{6}$")


def _day(moment):
    return timezone.localdate(moment) if moment else None


def request_lookup(number: str, code: str) -> LookupResult | None:
    number = (number or "").strip().upper()
    if not NUMBER.match(number):
        return None
    obj = (
        ReceptionRequest.objects.select_related("petition")
        .filter(number=number)
        .exclude(state=RequestState.AWAITING_PHONE)
        .first()
    )
    # A wrong code answers as an unknown number: nothing tells one from the other.
    if obj is None or not code_matches(code, obj.lookup_code_digest):
        return None
    steps = [
        TimelineStep(_day(obj.submitted_at), "Đã nhận yêu cầu tiếp công dân trực tuyến"),
        TimelineStep(_day(obj.phone_confirmed_at), "Đã xác nhận số điện thoại"),
        TimelineStep(
            _day(obj.phone_confirmed_at),
            "Ban Tiếp công dân đang xem xét",
            "Cán bộ sẽ liên hệ để kiểm tra giấy tờ tùy thân tại điểm cầu cấp xã hoặc tại Trụ "
            "sở Tiếp công dân tỉnh.",
        ),
    ]
    next_step = ""
    if obj.state == RequestState.DECLINED:
        steps.append(TimelineStep(_day(obj.decided_at), "Không tiếp nhận", obj.decline_reason))
    elif obj.state == RequestState.CONVERTED and obj.petition is not None:
        number = obj.petition.registration_number
        steps.append(
            TimelineStep(
                _day(obj.decided_at),
                f"Đã chuyển thành đơn số {number}",
                "Tra cứu tiếp bằng số đơn này và cùng mã tra cứu.",
            )
        )
    else:
        next_step = "Chờ Ban Tiếp công dân kiểm tra danh tính và trả lời."
    return LookupResult(
        number=obj.number,
        heading="Yêu cầu tiếp công dân trực tuyến",
        steps=steps,
        next_step=next_step,
    )


register_lookup_source(request_lookup)

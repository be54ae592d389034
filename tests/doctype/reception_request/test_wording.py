"""The type speaks English in code and Vietnamese to people: its labels and messages
come from the catalogue, and what is stored or sent to the citizen is Vietnamese
whatever language the officer's desk speaks."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway
from tiep_cong_dan.doctype.petition.constants import Channel
from tiep_cong_dan.doctype.reception_request import services
from tiep_cong_dan.doctype.reception_request.constants import (
    PHONE_CODE_TRIES,
    IdentityCheckPlace,
    RequestState,
)
from tiep_cong_dan.doctype.reception_request.models import ReceptionRequest
from tiep_cong_dan.workflow.models import WorkflowEvent

from .helpers import confirmed_request, new_request

pytestmark = pytest.mark.django_db


def test_labels_are_the_vietnamese_ones():
    with translation.override("vi"):
        assert str(ReceptionRequest._meta.verbose_name) == "yêu cầu tiếp trực tuyến"
        field = ReceptionRequest._meta.get_field
        assert str(field("number").verbose_name) == "số yêu cầu"
        assert str(field("representatives").help_text) == "Mỗi người một dòng."
        assert str(RequestState.SUBMITTED.label) == "Chờ Ban Tiếp công dân kiểm tra"
        assert str(RequestState.DECLINED.label) == "Không tiếp nhận"
        assert str(IdentityCheckPlace.BOARD_OFFICE.label) == "Tại Trụ sở Tiếp công dân tỉnh"
        assert str(Channel.ONLINE.label) == "Yêu cầu gửi qua Cổng thông tin"
    with translation.override("en"):
        assert str(RequestState.SUBMITTED.label) == "Awaiting the Board's check"


def test_too_many_tries_names_the_limit(role_users):
    MemorySmsGateway.outbox.clear()
    request = new_request()
    ReceptionRequest.objects.filter(pk=request.pk).update(phone_code_tries=PHONE_CODE_TRIES)
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        services.confirm_phone(request, "000000")
    assert refused.value.messages == [
        f"Đã nhập sai {PHONE_CODE_TRIES} lần. Vui lòng bấm “Gửi lại mã” để nhận mã mới."
    ]


def test_stored_notes_and_the_citizens_mail_are_vietnamese_from_an_english_desk(
    role_users, django_capture_on_commit_callbacks
):
    MemorySmsGateway.outbox.clear()
    request, _ = confirmed_request(representatives="Lý Thị Hoa", group_size=6)
    with translation.override("en"):
        petition = services.convert_to_petition(
            request, by=role_users["canbo"], place=IdentityCheckPlace.BOARD_OFFICE, note="Khớp."
        )
    receipt = WorkflowEvent.objects.get(doctype="petition", object_id=petition.pk)
    assert receipt.comment.startswith(f"Từ yêu cầu trực tuyến {request.number}.")
    paper = petition.representatives.get().appointment_paper
    assert paper == f"Kê khai trong yêu cầu trực tuyến {request.number}"
    other, _ = confirmed_request(
        phone="0987654321", id_number="020090001235", email="hoa@example.vn"
    )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.decline_request(other, by=role_users["canbo"], reason="Không thuộc thẩm quyền.")
        other.refresh_from_db()
        services.tell_citizen_declined(other)
    sent = [m for m in mail.outbox if m.to == ["hoa@example.vn"]]
    assert sent and all(m.subject.endswith("không được tiếp nhận") for m in sent)
    assert "Lý do: Không thuộc thẩm quyền." in sent[-1].body

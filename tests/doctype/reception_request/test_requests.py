"""An online request from submission to the Board's decision: numbering, the phone
code, conversion into exactly one petition (or nothing), the decline told to the
citizen, and the lookup by number and private code."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.core import outbox
from tiep_cong_dan.core.lookup_codes import code_matches
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway
from tiep_cong_dan.doctype.petition.constants import Channel, PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment
from tiep_cong_dan.doctype.reception_request import services
from tiep_cong_dan.doctype.reception_request.constants import (
    BridgeChoice,
    IdentityCheckPlace,
    RequestState,
)
from tiep_cong_dan.doctype.reception_request.models import ReceptionRequest
from tiep_cong_dan.public.lookup_sources import find_case
from tiep_cong_dan.public.request_lookup import request_lookup
from tiep_cong_dan.workflow.engine import TransitionRefused

from .helpers import PHONE, confirmed_request, last_code, new_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _outbox():
    MemorySmsGateway.outbox.clear()
    yield
    MemorySmsGateway.outbox.clear()


def _pdf() -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    writer.write(out)
    return SimpleUploadedFile("giay-to.pdf", out.getvalue(), content_type="application/pdf")


def test_a_request_is_numbered_and_waits_for_its_phone(role_users):
    request = new_request()
    year = timezone.localdate().year
    assert request.number == f"YC-{year}-{request.seq:06d}"
    assert request.state == RequestState.AWAITING_PHONE
    # the commune's own room by default
    assert request.bridge_choice == BridgeChoice.COMMUNE
    # only a confirmed request reaches the Board
    assert not rule_for(ReceptionRequest).queryset(role_users["canbo"]).exists()
    second = new_request(phone="0987654321", id_number="020090001235")
    assert second.seq == request.seq + 1
    text = MemorySmsGateway.outbox[0]["text"]
    assert request.number in text and "10 phút" in text


def test_a_wrong_code_an_expired_one_and_too_many_tries(role_users):
    request = new_request()
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(ValidationError) as refused:
        services.confirm_phone(request, wrong)
    assert refused.value.code == "wrong"
    assert "Mã xác nhận không đúng" in refused.value.messages[0]
    request.refresh_from_db()
    assert request.phone_code_tries == 1  # the wrong try is counted despite the refusal
    for _ in range(4):
        with pytest.raises(ValidationError):
            services.confirm_phone(request, wrong)
    with pytest.raises(ValidationError) as refused:
        services.confirm_phone(request, code)  # even the right one, after 5 wrong
    assert refused.value.code == "too_many"
    # a new code is sent, and expires after 10 minutes
    services.send_phone_code(request)
    fresh = last_code()
    ReceptionRequest.objects.filter(pk=request.pk).update(
        phone_code_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as refused:
        services.confirm_phone(request, fresh)
    assert refused.value.code == "expired"
    services.send_phone_code(request)
    with pytest.raises(ValidationError) as refused:
        services.send_phone_code(request)  # a fourth code
    assert refused.value.code == "too_many_codes"
    request.refresh_from_db()
    assert request.state == RequestState.AWAITING_PHONE


def test_the_right_code_sends_the_request_to_the_board_with_a_lookup_code(role_users):
    request, lookup = confirmed_request()
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED
    assert request.phone_confirmed_at is not None
    assert code_matches(lookup, request.lookup_code_digest)
    assert lookup not in request.lookup_code_digest
    receipt = MemorySmsGateway.outbox[-1]
    assert receipt["to"] == PHONE and request.number in receipt["text"]
    assert f"{lookup[:4]}-{lookup[4:]}" in receipt["text"]
    assert rule_for(ReceptionRequest).queryset(role_users["canbo"]).get() == request
    with pytest.raises(ValidationError) as refused:
        services.confirm_phone(request, "123456")
    assert refused.value.code == "done"


def test_conversion_registers_exactly_one_petition_with_the_requests_data(role_users):
    request, lookup = confirmed_request(
        group_size=6, representatives="Hoàng Văn Bình\nLý Thị Hoa", files=[_pdf()]
    )
    before = Petition.objects.count()
    petition = services.convert_to_petition(
        request,
        by=role_users["canbo"],
        place=IdentityCheckPlace.COMMUNE_POINT,
        note="Đã đối chiếu căn cước bản gốc tại UBND phường Kỳ Lừa.",
    )
    assert Petition.objects.count() == before + 1
    request.refresh_from_db()
    assert request.state == RequestState.CONVERTED and request.petition == petition
    assert request.identity_check_note.startswith("Đã đối chiếu")
    assert request.decided_by == role_users["canbo"]
    assert petition.channel == Channel.ONLINE
    assert petition.kind == PetitionKind.COMPLAINT
    assert petition.summary == request.summary and petition.content == request.content
    assert petition.citizen.id_number == "020090001234"
    assert petition.citizen.phone == PHONE
    assert petition.residence_unit == request.residence_unit
    assert petition.citizen_consent is True and petition.group_size == 6
    names = sorted(r.citizen.full_name for r in petition.representatives.all())
    assert names == ["Hoàng Văn Bình", "Lý Thị Hoa"]
    files = PetitionAttachment.objects.filter(petition=petition)
    assert [f.original_name for f in files] == ["giay-to.pdf"]
    # the citizen's code follows the petition
    assert code_matches(lookup, petition.lookup_code_digest)
    with pytest.raises(ValidationError):
        services.convert_to_petition(
            request, by=role_users["canbo"], place=IdentityCheckPlace.BOARD_OFFICE, note="x"
        )
    assert Petition.objects.count() == before + 1


def test_an_existing_citizen_is_linked_not_recorded_again(role_users):
    request, _ = confirmed_request()
    services.convert_to_petition(
        request, by=role_users["canbo"], place=IdentityCheckPlace.BOARD_OFFICE, note="Khớp."
    )
    again, _ = confirmed_request(summary="Kiến nghị sửa đường")
    petition = services.convert_to_petition(
        again, by=role_users["canbo"], place=IdentityCheckPlace.BOARD_OFFICE, note="Khớp."
    )
    assert Citizen.objects.filter(id_number="020090001234").count() == 1
    assert petition.citizen == request.petition.citizen


def test_a_failed_conversion_leaves_nothing_half_written(role_users, monkeypatch):
    request, _ = confirmed_request(files=[_pdf()])
    counts = (Citizen.objects.count(), Petition.objects.count(), PetitionAttachment.objects.count())

    def refuse(*args, **kwargs):
        raise ValidationError("Sổ đơn đang khóa.", code="locked")

    monkeypatch.setattr(services, "register_petition", refuse)
    with pytest.raises(ValidationError):
        services.convert_to_petition(
            request, by=role_users["canbo"], place=IdentityCheckPlace.BOARD_OFFICE, note="Khớp."
        )
    after = (Citizen.objects.count(), Petition.objects.count(), PetitionAttachment.objects.count())
    assert after == counts
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED and request.petition is None
    assert request.identity_check_place == ""


def test_conversion_needs_the_identity_check_and_the_board(role_users):
    request, _ = confirmed_request()
    with pytest.raises(TransitionRefused):
        services.convert_to_petition(
            request, by=role_users["canbo"], place=IdentityCheckPlace.BOARD_OFFICE, note="  "
        )
    with pytest.raises(TransitionRefused):
        services.convert_to_petition(
            request, by=role_users["xa_dongkinh"], place=IdentityCheckPlace.BOARD_OFFICE, note="x"
        )
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED


def test_a_decline_reaches_the_citizen_by_sms_and_email(
    role_users, django_capture_on_commit_callbacks
):
    request, _ = confirmed_request(email="binh@example.vn")
    MemorySmsGateway.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_request(
            request, by=role_users["canbo"], reason="Nội dung đã được giải quyết đúng pháp luật."
        )
    outbox.run_due()
    request.refresh_from_db()
    assert request.state == RequestState.DECLINED
    assert request.decline_reason == "Nội dung đã được giải quyết đúng pháp luật."
    assert [m["to"] for m in MemorySmsGateway.outbox] == [PHONE]
    assert "đã được giải quyết đúng pháp luật" in MemorySmsGateway.outbox[0]["text"]
    assert request.number in MemorySmsGateway.outbox[0]["text"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["binh@example.vn"]
    with pytest.raises(TransitionRefused):
        services.decline_request(request, by=role_users["canbo"], reason="")


def test_a_decline_needs_a_reason(role_users):
    request, _ = confirmed_request()
    with pytest.raises(TransitionRefused):
        services.decline_request(request, by=role_users["canbo"], reason="   ")
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED


def test_the_lookup_answers_with_the_right_code_only(role_users):
    request, lookup = confirmed_request()
    assert request_lookup(request.number, "ABCDEFGH") is None
    assert request_lookup("YC-1999-000001", lookup) is None
    found = find_case(request.number, f"{lookup[:4]}-{lookup[4:]}".lower())
    assert found is not None and found.number == request.number
    assert [s.title for s in found.steps][:2] == [
        "Đã nhận yêu cầu tiếp công dân trực tuyến",
        "Đã xác nhận số điện thoại",
    ]
    assert found.next_step
    petition = services.convert_to_petition(
        request, by=role_users["canbo"], place=IdentityCheckPlace.BOARD_OFFICE, note="Khớp."
    )
    found = request_lookup(request.number, lookup)
    assert found.steps[-1].title == f"Đã chuyển thành đơn số {petition.registration_number}"


def test_an_unconfirmed_request_is_not_found(role_users):
    request = new_request()
    assert request_lookup(request.number, "") is None


def test_a_denouncers_identity_is_masked_like_a_petitions(role_users):
    request, _ = confirmed_request(kind=PetitionKind.DENUNCIATION, identity_protection_waived=True)
    rule = rule_for(ReceptionRequest)
    assert rule.masked_fields(role_users["canbo"], request) == frozenset()
    assert "full_name" in rule.masked_fields(role_users["vanphong"], request)
    complaint, _ = confirmed_request(phone="0987654321", id_number="020090001235")
    assert rule.masked_fields(role_users["vanphong"], complaint) == frozenset()


def test_an_unconfirmed_request_is_deleted_after_a_day(role_users):
    stale = new_request(files=[_pdf()])
    confirmed, _ = confirmed_request(phone="0987654321", id_number="020090001235")
    fresh = new_request(phone="0987654322", id_number="020090001236")
    ReceptionRequest.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(
        submitted_at=timezone.now() - datetime.timedelta(days=2)
    )
    assert services.purge_unconfirmed() == 1
    assert set(ReceptionRequest.objects.values_list("pk", flat=True)) == {confirmed.pk, fresh.pk}


def test_the_service_checks_the_paper_and_the_phone_itself(role_users):
    with pytest.raises(ValidationError) as refused:
        new_request(id_number="12345", phone="0123")
    assert set(refused.value.error_dict) == {"id_number", "phone"}
    assert not ReceptionRequest.objects.exists()


def test_a_place_not_in_the_list_is_refused_before_anything_is_written(role_users):
    request, _ = confirmed_request()
    before = Petition.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.convert_to_petition(
            request, by=role_users["canbo"], place="Bộ phận một cửa UBND xã", note="Khớp."
        )
    assert "identity_check_place" in refused.value.message_dict
    request.refresh_from_db()
    assert request.state == "submitted" and request.identity_check_place == ""
    assert Petition.objects.count() == before

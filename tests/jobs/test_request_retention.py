"""Retention of online requests (TCD_REQUEST_RETENTION_DAYS, 365 by default): a request
the Board converted or declined keeps its personal data and files until the period
after the decision is over; the nightly retention job then erases them, in the request
and its history, keeping number, dates, kind, state and the petition link; the
petition itself is untouched; a request still waiting is never erased."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment
from tiep_cong_dan.doctype.reception_request import services
from tiep_cong_dan.doctype.reception_request.constants import IdentityCheckPlace, RequestState
from tiep_cong_dan.doctype.reception_request.models import ReceptionRequest, RequestAttachment
from tiep_cong_dan.doctype.reception_request.retention import ERASED
from tiep_cong_dan.jobs.retention import apply_retention

from ..doctype.reception_request.helpers import confirmed_request

pytestmark = pytest.mark.django_db


def _pdf() -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    writer.write(out)
    return SimpleUploadedFile("giay-to.pdf", out.getvalue(), content_type="application/pdf")


def _decided_days_ago(request: ReceptionRequest, days: int) -> None:
    ReceptionRequest.objects.filter(pk=request.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=days)
    )


@pytest.fixture
def decided(role_users):
    """A converted request with a file, a declined one, and one still waiting."""
    converted, _ = confirmed_request(
        email="binh@example.vn", group_size=6, representatives="Lý Thị Hoa", files=[_pdf()]
    )
    services.convert_to_petition(
        converted,
        by=role_users["canbo"],
        place=IdentityCheckPlace.BOARD_OFFICE,
        note="Đã đối chiếu căn cước bản gốc.",
    )
    declined, _ = confirmed_request(phone="0987654321", id_number="020090001235")
    services.decline_request(declined, by=role_users["canbo"], reason="Không thuộc thẩm quyền.")
    waiting, _ = confirmed_request(phone="0987654322", id_number="020090001236")
    for request in (converted, declined, waiting):
        request.refresh_from_db()
    return converted, declined, waiting


def test_decided_requests_keep_their_data_within_the_period(decided, settings):
    settings.TCD_REQUEST_RETENTION_DAYS = 365
    converted, declined, _ = decided
    _decided_days_ago(converted, 300)
    result = apply_retention(timezone.localdate())
    assert result["requests_erased"] == 0 and result["request_days"] == 365
    for request in (converted, declined):
        request.refresh_from_db()
        assert request.anonymised_at is None and request.full_name == "Hoàng Văn Bình"
    assert RequestAttachment.objects.filter(request=converted).count() == 1


def test_after_the_period_the_personal_data_and_files_are_erased(
    decided, settings, django_capture_on_commit_callbacks
):
    settings.TCD_REQUEST_RETENTION_DAYS = 365
    converted, declined, waiting = decided
    attachment = RequestAttachment.objects.get(request=converted)
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    petition = Petition.objects.get(pk=converted.petition_id)
    petition_files = list(PetitionAttachment.objects.filter(petition=petition))
    for request in (converted, declined, waiting):
        _decided_days_ago(request, 400)  # the waiting one has no decision: never due

    dry = apply_retention(timezone.localdate(), dry_run=True)
    assert dry["requests_due"] == 2 and storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        result = apply_retention(timezone.localdate())
    assert result["requests_erased"] == 2
    assert set(result["requests"]) == {converted.pk, declined.pk}

    for request in (converted, declined):
        before_number, before_kind, before_state = request.number, request.kind, request.state
        request.refresh_from_db()
        assert request.anonymised_at is not None
        assert request.full_name == ERASED and request.content == ERASED
        assert request.address == ERASED
        assert request.id_number == request.phone == request.email == ""
        assert request.representatives == request.identity_check_note == ""
        assert request.lookup_code_digest == ""
        # what the statistics count stays
        assert (request.number, request.kind, request.state) == (
            before_number,
            before_kind,
            before_state,
        )
        assert request.submitted_at and request.decided_at
        # and no earlier version keeps the data either
        assert not request.history.filter(full_name="Hoàng Văn Bình").exists()
        assert not request.history.exclude(id_number="").exists()
    assert converted.petition_id == petition.pk and declined.state == RequestState.DECLINED
    assert not RequestAttachment.objects.filter(request=converted).exists()
    assert not storage.exists(name)

    # the petition and its own copy of the file are untouched
    kept = Petition.objects.select_related("citizen").get(pk=petition.pk)
    assert kept.content == petition.content and kept.citizen.full_name == "Hoàng Văn Bình"
    for copy in petition_files:
        assert copy.file.storage.exists(copy.file.name)

    waiting.refresh_from_db()
    assert waiting.anonymised_at is None and waiting.full_name == "Hoàng Văn Bình"

    # a second run finds nothing left to do
    assert apply_retention(timezone.localdate())["requests_erased"] == 0


def test_an_erased_request_page_still_opens(decided, settings, client, login):
    converted, _, _ = decided
    _decided_days_ago(converted, 400)
    apply_retention(timezone.localdate())
    login("canbo")
    page = client.get(reverse("admin:tiep_cong_dan_receptionrequest_change", args=[converted.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert converted.number in body and ERASED in body and "Hoàng Văn Bình" not in body

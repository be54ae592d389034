"""A correction notice: an issued, signed notice is never edited or rendered again; the
Board drafts a notice replacing it, the Chairman signs that one, and the first becomes
"replaced" (its open tasks cancelled, its frozen signed file unchanged), which the
verification by number, by upload and through the API say."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import draft_replacement
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_file
from tiep_cong_dan.print_format.signing.service import signed_document
from tiep_cong_dan.print_format.signing.verify_lookup import check_issued
from tiep_cong_dan.public.petition_lookup import petition_timeline
from tiep_cong_dan.workflow.engine import TransitionRefused
from tiep_cong_dan.workflow.models import WorkflowEvent

from ...conftest import sign_in
from ...workflow.helpers import at
from ..conftest import pdf_text

SPEC = DOCUMENTS["result_notice"]
ISSUE_DAY = datetime.date(2026, 3, 20)
CORRECTION_DAY = datetime.date(2026, 3, 25)


def _issue_and_send(notice, users, day=ISSUE_DAY):
    workflow.apply(notice, "issue", by=users["chutich"], at=at(day))
    workflow.apply(notice, "seal", by=users["vanphong"], at=at(day))
    workflow.apply(notice, "distribute", by=users["canbo"], at=at(day))


def _stored_bytes(notice) -> bytes:
    with signed_document(SPEC, notice).file.open("rb") as fh:
        return fh.read()


@pytest.fixture
def sent_notice(submitted_notice, role_users):
    _issue_and_send(submitted_notice, role_users)
    return submitted_notice


def _corrected(notice, users):
    """The replacement drafted, its conclusion corrected, and taken to the Chairman."""
    draft = draft_replacement(notice, by=users["canbo"])
    conclusion = draft.conclusions.get()
    conclusion.text = "Giao Sở Nông nghiệp và Môi trường kiểm tra lại, trả lời công dân."
    conclusion.save()
    workflow.apply(draft, "review", by=users["truongban"])
    workflow.apply(draft, "submit", by=users["canbo"])
    return draft


def test_a_replacement_replaces_the_issued_notice_once_signed(sent_notice, role_users, tmp_path):
    original_file = _stored_bytes(sent_notice)
    [old_task] = sent_notice.assignments.all()

    # The Board drafts the replacement: a copy of the notice to correct
    draft = _corrected(sent_notice, role_users)
    assert draft.replaces == sent_notice and draft.state == "submitted"
    assert draft.number == "" and draft.session_id == sent_notice.session_id
    [new_task] = draft.assignments.all()
    assert (new_task.agency_id, new_task.task, new_task.working_days) == (
        old_task.agency_id,
        old_task.task,
        15,
    )
    # Until the Chairman signs it the first notice is in force, its task open
    sent_notice.refresh_from_db()
    assert sent_notice.state == "distributed"
    old_task.refresh_from_db()
    assert old_task.state == "open"

    # The Chairman signs the replacement
    workflow.apply(draft, "issue", by=role_users["chutich"], at=at(CORRECTION_DAY))

    draft.refresh_from_db()
    sent_notice.refresh_from_db()
    old_task.refresh_from_db()
    assert draft.state == "issued" and draft.number and draft.number != sent_notice.number
    assert sent_notice.state == "replaced"
    assert old_task.state == "cancelled"
    new_task.refresh_from_db()
    assert new_task.state == "open" and new_task.deadline > CORRECTION_DAY
    # The replaced notice's signed file is kept as it was signed, never rendered again
    assert _stored_bytes(sent_notice) == original_file
    assert document_file(SPEC, sent_notice, None, "pdf") == original_file
    # The replacement is signed and says what it replaces
    text = pdf_text(_stored_bytes(draft), tmp_path)
    assert f"thay thế Thông báo số {sent_notice.number} ngày 20/03/2026" in text
    # The history says why each changed
    replaced = WorkflowEvent.objects.get(object_id=sent_notice.pk, action="replace")
    assert draft.number in replaced.comment
    cancelled = WorkflowEvent.objects.get(object_id=old_task.pk, action="cancel")
    assert draft.number in cancelled.comment


def test_a_replaced_notice_is_named_so_when_verified(sent_notice, role_users):
    original_file = _stored_bytes(sent_notice)
    draft = _corrected(sent_notice, role_users)
    [before] = check_issued(sent_notice.number)
    assert before.replaced_by == "" and before.as_dict()["in_force"] is True

    workflow.apply(draft, "issue", by=role_users["chutich"], at=at(CORRECTION_DAY))
    draft.refresh_from_db()
    expected = f"Thông báo số {draft.number} ngày 25/03/2026"

    [after] = check_issued(sent_notice.number)
    assert after.replaced_by == expected
    assert after.issued_on == ISSUE_DAY  # the day printed on it, not the day it was stored
    assert after.verification.verdict == "valid"  # still the intact signed file it was
    assert after.as_dict()["replaced_by"] == expected and not after.as_dict()["in_force"]

    # Uploaded on the public page, the old file is recognised and named replaced
    client = APIClient()
    with translation.override("vi"):
        page = client.post(
            reverse("public:signature_check"),
            {"file": _upload(original_file)},
        )
    body = page.content.decode()
    assert "trùng khớp từng byte với bản lưu" in body
    assert "Văn bản này đã được thay thế" in body and expected in body

    # and through the API
    client.force_authenticate(role_users["canbo"])
    answer = client.post(
        "/api/v1/signature-checks/", {"file": _upload(original_file)}, format="multipart"
    )
    assert answer.status_code == 200
    assert answer.json()["stored_copy"]["number"] == sent_notice.number
    assert answer.json()["stored_copy"]["replaced_by"] == expected


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("thong-bao.pdf", data, content_type="application/pdf")


def test_one_replacement_per_notice_and_none_for_a_draft(sent_notice, role_users):
    draft = draft_replacement(sent_notice, by=role_users["canbo"])
    with pytest.raises(ValidationError) as twice:
        draft_replacement(sent_notice, by=role_users["canbo"])
    assert twice.value.code == "replacement_exists"
    with pytest.raises(ValidationError) as of_draft:
        draft_replacement(draft, by=role_users["canbo"])
    assert of_draft.value.code == "notice_not_issued"
    assert ResultNotice.objects.count() == 2


def test_replaced_is_reached_only_through_the_replacement(sent_notice, role_users):
    # Nobody marks a notice replaced by hand: the step waits for an issued replacement.
    with translation.override("vi"), pytest.raises(TransitionRefused) as refused:
        workflow.apply(sent_notice, "replace", by=role_users["chutich"], comment="Đính chính")
    assert "Chưa có thông báo thay thế được ký ban hành" in str(refused.value)
    sent_notice.refresh_from_db()
    assert sent_notice.state == "distributed"


def test_a_task_the_agency_reported_stays_with_the_notice_that_gave_it(sent_notice, role_users):
    [task] = sent_notice.assignments.all()
    task.report, task.done_on = "Đã kiểm tra, trả lời công dân.", ISSUE_DAY
    task.save()
    workflow.apply(task, "report", by=role_users["so_nnmt"])
    draft = _corrected(sent_notice, role_users)
    assert not draft.assignments.exists()  # nothing left to do under the correction
    workflow.apply(draft, "issue", by=role_users["chutich"], at=at(CORRECTION_DAY))
    task.refresh_from_db()
    assert task.state == "reported"
    # and the Board still accepts it under the replaced notice
    workflow.apply(task, "accept", by=role_users["canbo"])
    assert Assignment.objects.get(pk=task.pk).state == "accepted"


def test_a_failed_signature_leaves_the_old_notice_in_force(sent_notice, role_users, settings):
    draft = _corrected(sent_notice, role_users)
    settings.TCD_SIGNING_BACKEND = "pkcs11"
    settings.TCD_SIGNING_PKCS11_MODULE = "/nonexistent/libpkcs11.so"
    with pytest.raises(TransitionRefused):
        workflow.apply(
            draft, "issue", by=role_users["chutich"], at=at(CORRECTION_DAY), data={"pin": "1"}
        )
    sent_notice.refresh_from_db()
    draft.refresh_from_db()
    assert (sent_notice.state, draft.state, draft.number) == ("distributed", "submitted", "")
    assert sent_notice.assignments.get().state == "open"


def test_the_desk_offers_the_replacement_to_the_board_only(sent_notice, role_users, client):
    url = reverse("admin:tiep_cong_dan_resultnotice_replacement", args=[sent_notice.pk])
    page = reverse("admin:tiep_cong_dan_resultnotice_change", args=[sent_notice.pk])
    sign_in(client, "canbo")
    with translation.override("vi"):
        assert url in client.get(page).content.decode()
        assert client.get(url).status_code == 200
        answer = client.post(url)
    draft = ResultNotice.objects.get(replaces=sent_notice)
    assert answer.status_code == 302 and answer["Location"].endswith(f"/{draft.pk}/change/")
    # the notice now links its replacement, and a second draft is refused on the page
    assert f"/{draft.pk}/change/" in client.get(page).content.decode()
    assert client.post(url).status_code == 409
    # The Chairman reads the notice, does not draft (the Board drafts)
    client.logout()
    sign_in(client, "chutich")
    assert client.post(url).status_code == 403
    assert ResultNotice.objects.filter(replaces=sent_notice).count() == 1


def test_the_api_drafts_a_replacement(sent_notice, role_users):
    client = APIClient()
    client.force_authenticate(role_users["canbo"])
    answer = client.post(f"/api/v1/result-notices/{sent_notice.pk}/replacement/")
    assert answer.status_code == 201, answer.content
    assert answer.json()["replaces"] == sent_notice.pk and answer.json()["state"] == "draft"
    again = client.post(f"/api/v1/result-notices/{sent_notice.pk}/replacement/")
    assert again.status_code == 409 and again.json()["code"] == "replacement_exists"
    assert "đã có thông báo thay thế" in again.json()["message"]
    listed = client.get(f"/api/v1/result-notices/{sent_notice.pk}/").json()
    assert listed["replaced_by"] == answer.json()["id"]
    client.force_authenticate(role_users["chutich"])
    refused = client.post(f"/api/v1/result-notices/{answer.json()['id']}/replacement/")
    assert refused.status_code in (403, 409)


def test_the_citizen_is_told_the_conclusion_in_force(sent_notice, role_users):
    draft = _corrected(sent_notice, role_users)
    workflow.apply(draft, "issue", by=role_users["chutich"], at=at(CORRECTION_DAY))
    draft.refresh_from_db()
    petition = draft.conclusions.get().petition
    steps, _next = petition_timeline(petition, None)
    titles = [step.title for step in steps]
    assert f"Thông báo kết quả tiếp công dân số {draft.number}" in titles
    assert f"Thông báo kết quả tiếp công dân số {sent_notice.number}" not in titles


def test_a_replacement_stays_with_its_session(sent_notice, role_users):
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

    draft = draft_replacement(sent_notice, by=role_users["canbo"])
    other = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2026, 4, 15),
        presiding_official="Hồ Tiến Thiệu, Chủ tịch UBND tỉnh",
    )
    client = APIClient()
    client.force_authenticate(role_users["canbo"])
    answer = client.patch(
        f"/api/v1/result-notices/{draft.pk}/", {"session": other.pk}, format="json"
    )
    assert answer.status_code == 400
    assert "session" in answer.json()["errors"]
    draft.refresh_from_db()
    assert draft.session_id == sent_notice.session_id


def test_the_national_export_concludes_the_hearing_by_the_notice_in_force(sent_notice, role_users):
    import json

    from tiep_cong_dan.exports.national import export_national

    draft = _corrected(sent_notice, role_users)
    workflow.apply(draft, "issue", by=role_users["chutich"], at=at(CORRECTION_DAY))
    draft.refresh_from_db()
    document = json.loads(
        export_national(
            datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), role_users["canbo"], "json"
        )
    )
    [record] = document["records"]
    [hearing] = record["hearings"]
    assert hearing["result_notice_number"] == draft.number
    # Both notices' tasks are there, each with its own notice and state.
    tasks = {(t["result_notice_number"], t["state"]) for t in record["assignments"]}
    assert tasks == {(sent_notice.number, "cancelled"), (draft.number, "open")}


def test_the_api_names_a_linked_notice_only_to_a_reader_who_may_see_it(
    sent_notice, role_users, monkeypatch
):
    from tiep_cong_dan.access.rules import rule_for

    draft = draft_replacement(sent_notice, by=role_users["canbo"])
    client = APIClient()
    client.force_authenticate(role_users["canbo"])
    assert client.get(f"/api/v1/result-notices/{draft.pk}/").json()["replaces"] == sent_notice.pk
    # A reader whose rule hides the earlier notice is not told it exists.
    rule = rule_for(ResultNotice)
    seen = rule.can_view
    monkeypatch.setattr(
        type(rule), "can_view", lambda self, user, obj=None: obj != sent_notice and seen(user, obj)
    )
    body = client.get(f"/api/v1/result-notices/{draft.pk}/").json()
    assert body["replaces"] is None

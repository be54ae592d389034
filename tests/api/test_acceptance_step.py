"""The Law Art. 28 notice through the API: a recorded step carrying what the citizen
was told, never a field silently dropped (an edit with `acceptance_outcome` answered
200 and kept nothing)."""

from django.utils import timezone
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.workflow.models import WorkflowEvent

from .test_api import client_for

ACTIONS = "/api/v1/petitions/{}/actions/"


def test_an_edit_carrying_the_art_28_outcome_is_refused_with_the_way_to_record_it(
    placed_petitions, role_users
):
    petition = placed_petitions["dongkinh"]
    board = client_for(role_users["canbo"])
    response = board.patch(
        f"/api/v1/petitions/{petition.pk}/",
        {"acceptance_outcome": "accepted", "summary": "Khiếu nại (sửa)"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == ["acceptance_outcome"]
    assert "notify_acceptance" in body["errors"]["acceptance_outcome"][0]
    petition.refresh_from_db()
    assert (petition.acceptance_outcome, petition.summary) == (
        "",
        "Khiếu nại quyết định thu hồi đất",
    )
    read = board.get(f"/api/v1/petitions/{petition.pk}/").json()
    assert (read["acceptance_outcome"], read["acceptance_notified_on"]) == ("", None)


def test_the_art_28_notice_is_a_step_recording_what_the_citizen_was_told(
    placed_petitions, role_users
):
    petition = placed_petitions["dongkinh"]
    board = client_for(role_users["canbo"])
    response = board.post(
        ACTIONS.format(petition.pk),
        {"action": "notify_acceptance", "acceptance_outcome": "extended"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    document = response.json()["document"]
    today = timezone.localdate()
    assert (document["acceptance_outcome"], document["acceptance_notified_on"]) == (
        "extended",
        today.isoformat(),
    )
    event = WorkflowEvent.objects.get(pk=response.json()["event"])
    assert (event.action, event.actor, event.snapshot["acceptance_outcome"]) == (
        "notify_acceptance",
        role_users["canbo"],
        "extended",
    )
    assert petition.history.first().history_user == role_users["canbo"]


def test_a_transfer_outcome_carries_the_agency_and_its_letter(placed_petitions, role_users):
    petition = placed_petitions["kylua"]
    board = client_for(role_users["canbo"])
    missing = board.post(
        ACTIONS.format(petition.pk),
        {"action": "notify_acceptance", "acceptance_outcome": "transferred"},
        format="json",
    )
    assert missing.status_code == 409 and missing.json()["code"] == "condition_failed"
    petition.refresh_from_db()
    assert petition.acceptance_outcome == ""  # the refused step kept nothing
    agency = Agency.objects.get(code="SNNMT")
    done = board.post(
        ACTIONS.format(petition.pk),
        {
            "action": "notify_acceptance",
            "acceptance_outcome": "transferred",
            "transferred_to": agency.pk,
            "transfer_letter": "12/BTCD-TD ngày 03/03/2026",
        },
        format="json",
    )
    assert done.status_code == 200, done.json()
    petition.refresh_from_db()
    assert (petition.acceptance_outcome, petition.transferred_to) == ("transferred", agency)


def test_the_outcome_goes_only_with_its_step_and_the_step_needs_it(placed_petitions, role_users):
    petition = placed_petitions["dongkinh"]
    board = client_for(role_users["canbo"])
    elsewhere = board.post(
        ACTIONS.format(petition.pk),
        {"action": "classify", "acceptance_outcome": "accepted"},
        format="json",
    )
    assert elsewhere.status_code == 400
    assert elsewhere.json()["errors"] == {
        "acceptance_outcome": ["Chỉ ghi cùng bước “notify_acceptance” (Điều 28)."]
    }
    bare = board.post(ACTIONS.format(petition.pk), {"action": "notify_acceptance"}, format="json")
    assert bare.status_code == 400
    assert bare.json()["errors"] == {
        "acceptance_outcome": ["Cho biết đã thông báo cho công dân nội dung gì."]
    }
    assert not WorkflowEvent.objects.filter(
        doctype="petition", object_id=petition.pk, action="notify_acceptance"
    ).exists()

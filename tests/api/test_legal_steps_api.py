"""The mandatory steps through the API: the Art. 28 notice at every state (with its
day), the refusal carrying the in-person explanation, and precise errors for a
denunciation proposed outside Decree 154 Art. 20(4)."""

import datetime

from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..workflow.helpers import make_eligible, set_state
from .test_api import client_for

ACTIONS = "/api/v1/petitions/{}/actions/"


def test_notify_acceptance_works_once_the_case_is_endorsed_and_late_shows(
    placed_petitions, role_users
):
    petition = placed_petitions["dongkinh"]
    board = client_for(role_users["canbo"])
    for state in ("endorsed", "closed"):
        set_state(petition, state)
        response = board.post(
            ACTIONS.format(petition.pk),
            {
                "action": "notify_acceptance",
                "acceptance_outcome": "accepted" if state == "endorsed" else "extended",
                "acceptance_notified_on": "2026-03-20",
                "expected_state": state,
            },
            format="json",
        )
        assert response.status_code == 200, response.json()
        document = response.json()["document"]
        assert document["state"] == state
        assert document["acceptance_notified_on"] == "2026-03-20"
        assert document["acceptance_notice_late"] is True  # due by 16/03/2026
    assert (
        WorkflowEvent.objects.filter(
            doctype="petition", object_id=petition.pk, action="notify_acceptance"
        ).count()
        == 2
    )


def test_a_notice_dated_in_the_future_is_a_precise_error(placed_petitions, role_users):
    petition = placed_petitions["dongkinh"]
    response = client_for(role_users["canbo"]).post(
        ACTIONS.format(petition.pk),
        {
            "action": "notify_acceptance",
            "acceptance_outcome": "accepted",
            "acceptance_notified_on": (datetime.date.today() + datetime.timedelta(days=3))
            .isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["acceptance_notified_on"]


def test_a_refusal_carries_who_explained_the_reason_in_person(placed_petitions, role_users):
    petition = placed_petitions["dongkinh"]
    set_state(petition, "approved")  # the form is read-only here: the step carries it
    board = client_for(role_users["canbo"])
    bare = board.post(
        ACTIONS.format(petition.pk),
        {"action": "refuse", "refusal_ground": "decree_4_d", "comment": "Gây rối."},
        format="json",
    )
    assert bare.status_code == 409 and bare.json()["code"] == "condition_failed"
    assert "Điều 4" in bare.json()["message"] or "4(2)" in bare.json()["message"]
    petition.refresh_from_db()
    assert petition.refusal_ground == ""  # the refused step kept nothing
    done = board.post(
        ACTIONS.format(petition.pk),
        {
            "action": "refuse",
            "refusal_ground": "decree_4_d",
            "refusal_explained_by": "Nguyễn Văn Tiếp",
            "refusal_explained_on": "2026-03-02",
            "comment": "Gây rối.",
        },
        format="json",
    )
    assert done.status_code == 200, done.json()
    document = done.json()["document"]
    assert (document["state"], document["refusal_explained_by"]) == ("refused", "Nguyễn Văn Tiếp")
    misplaced = board.post(
        ACTIONS.format(petition.pk),
        {"action": "withdraw", "refusal_explained_by": "X", "comment": "Rút."},
        format="json",
    )
    assert misplaced.status_code == 400
    assert list(misplaced.json()["errors"]) == ["refusal_explained_by"]


def test_a_denunciation_on_a_complaint_basis_is_refused_with_the_reason(
    placed_petitions, role_users
):
    petition = placed_petitions["dongkinh_tc"]
    make_eligible(petition, eligibility_basis="decree_20_1")
    workflow.apply(petition, "classify", by=role_users["canbo"])
    board = client_for(role_users["truongban"])
    response = board.post(ACTIONS.format(petition.pk), {"action": "propose"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "condition_failed"
    assert "Điều 20" in response.json()["message"]
    Petition.objects.filter(pk=petition.pk).update(
        eligibility_basis="decree_20_4", complex_case=True, confidentiality_ensured=True
    )
    response = board.post(ACTIONS.format(petition.pk), {"action": "propose"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["document"]["confidentiality_ensured"] is True

"""`requests` through the API: read by the roles the type's rule lets (others 403),
no unconfirmed request listed, a denouncer masked from the roles not cleared and every
shown identity logged; the Board declines (the reason as the step's comment) and
converts (the identity check's place with the step, its result as the comment); no
create or edit; refusals are precise errors, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_request.constants import RequestState

from ..doctype.reception_request.helpers import confirmed_request, new_request
from .test_api import client_for

pytestmark = pytest.mark.django_db
LIST = "/api/v1/requests/"
ACTIONS = "/api/v1/requests/{}/actions/"


@pytest.fixture(autouse=True)
def _outbox():
    MemorySmsGateway.outbox.clear()
    yield


@pytest.mark.parametrize(
    "username, status",
    [
        ("canbo", 200),
        ("truongban", 200),
        ("chutich", 200),
        ("vanphong", 200),
        ("so_nnmt", 403),
        ("xa_dongkinh", 403),
        ("kythuat", 403),
    ],
)
def test_who_reads_the_requests(role_users, username, status):
    request, _ = confirmed_request()
    unconfirmed = new_request(phone="0987654321", id_number="020090001235")
    client = client_for(role_users[username])
    listed = client.get(LIST)
    assert listed.status_code == status
    detail = client.get(f"{LIST}{request.pk}/")
    if status == 200:
        assert [r["number"] for r in listed.json()["results"]] == [request.number]
        assert detail.json()["full_name"] == "Hoàng Văn Bình"
        assert "phone_code_digest" not in detail.json()
        assert client.get(f"{LIST}{unconfirmed.pk}/").status_code == 404
    else:
        assert detail.status_code in (403, 404)


def test_a_denouncer_is_masked_from_roles_not_cleared_and_reads_are_logged(role_users):
    request, _ = confirmed_request(kind=PetitionKind.DENUNCIATION, identity_protection_waived=True)
    office = client_for(role_users["vanphong"]).get(f"{LIST}{request.pk}/").json()
    assert office["identity_masked"] is True
    assert "Hoàng Văn Bình" not in str(office) and "020090001234" not in str(office)
    assert office["attachments"] == [] and office["summary"] == request.summary
    assert not ConfidentialAccess.objects.filter(object_type="reception_request").exists()
    board = client_for(role_users["canbo"]).get(f"{LIST}{request.pk}/").json()
    assert board["identity_masked"] is False and board["id_number"] == "020090001234"
    entry = ConfidentialAccess.objects.get(object_type="reception_request")
    assert entry.kind == AccessKind.CONFIDENTIAL and entry.object_ids == str(request.pk)


def test_no_create_and_no_edit(role_users):
    request, _ = confirmed_request()
    board = client_for(role_users["canbo"])
    assert board.post(LIST, {"full_name": "X"}, format="json").status_code == 405
    edit = board.patch(f"{LIST}{request.pk}/", {"summary": "Sửa"}, format="json")
    assert edit.status_code == 405
    request.refresh_from_db()
    assert request.summary != "Sửa"


def test_the_board_declines_with_the_reason_as_the_comment(role_users):
    request, _ = confirmed_request()
    board = client_for(role_users["canbo"])
    options = {o["action"]: o for o in board.get(ACTIONS.format(request.pk)).json()}
    # convert waits for the identity check it carries, and says so
    assert options["decline"]["allowed"] and options["convert"]["reasons"]
    refused = board.post(ACTIONS.format(request.pk), {"action": "decline"}, format="json")
    assert refused.status_code in (400, 409) and refused.json()["message"]
    office = client_for(role_users["vanphong"])
    denied = office.post(
        ACTIONS.format(request.pk), {"action": "decline", "comment": "x"}, format="json"
    )
    assert denied.status_code in (403, 409)
    response = board.post(
        ACTIONS.format(request.pk),
        {"action": "decline", "comment": "Không thuộc thẩm quyền."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == RequestState.DECLINED
    assert response.json()["document"]["decline_reason"] == "Không thuộc thẩm quyền."
    request.refresh_from_db()
    assert request.state == RequestState.DECLINED and request.decided_by == role_users["canbo"]


def test_the_board_converts_with_the_identity_check(role_users):
    request, _ = confirmed_request()
    board = client_for(role_users["canbo"])
    missing = board.post(
        ACTIONS.format(request.pk), {"action": "convert", "comment": "Khớp."}, format="json"
    )
    assert missing.status_code == 400
    assert list(missing.json()["errors"]) == ["identity_check_place"]
    misplaced = board.post(
        ACTIONS.format(request.pk),
        {"action": "decline", "comment": "x", "identity_check_place": "board_office"},
        format="json",
    )
    assert misplaced.status_code == 400
    no_note = board.post(
        ACTIONS.format(request.pk),
        {"action": "convert", "identity_check_place": "board_office"},
        format="json",
    )
    assert no_note.status_code in (400, 409) and not Petition.objects.exists()
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED and request.identity_check_place == ""
    response = board.post(
        ACTIONS.format(request.pk),
        {
            "action": "convert",
            "identity_check_place": "commune_point",
            "comment": "Đã đối chiếu căn cước bản gốc.",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    document = response.json()["document"]
    petition = Petition.objects.get()
    assert document["petition"] == petition.pk and document["state"] == "converted"
    assert document["identity_check_place"] == "commune_point"
    assert document["identity_check_note"] == "Đã đối chiếu căn cước bản gốc."
    again = board.post(
        ACTIONS.format(request.pk),
        {"action": "convert", "identity_check_place": "board_office", "comment": "x"},
        format="json",
    )
    assert again.status_code == 409 and Petition.objects.count() == 1


def test_the_list_asks_the_same_queries_whatever_its_rows(role_users):
    board = client_for(role_users["canbo"])
    confirmed_request()
    board.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert board.get(LIST).status_code == 200
    for n in range(4):
        confirmed_request(phone=f"098765432{n}", id_number=f"02009000124{n}")
    with CaptureQueriesContext(connection) as many:
        assert len(board.get(LIST).json()["results"]) == 5
    assert len(many) == len(few)

"""Writes through the API for every type it exposes, on the same services, rules and
workflow as the desk: citizens, sessions with their agendas, bridge points, result
notices and their assignments; refused for roles and states the desk refuses."""

import datetime

from django.utils import timezone
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment

from ..conftest import new_unit
from ..workflow.conftest import DAY, approved_petitions
from .test_api import client_for


def _new_session(board, **extra) -> dict:
    payload = {
        "kind": "periodic",
        "date": DAY.isoformat(),
        "presiding_official": "Chủ tịch UBND tỉnh",
        "host_bridge_point": BridgePoint.objects.get(code="LS-TSTCD").pk,
        "invited_agencies": [Agency.objects.get(code="SNNMT").pk],
        **extra,
    }
    response = board.post("/api/v1/sessions/", payload, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_citizens_are_recorded_and_edited_by_the_board_only(role_users):
    board = client_for(role_users["canbo"])
    payload = {
        "full_name": "Nông Thị Hoa",
        "id_kind": "cccd",
        "id_number": "020195000123",
        "address": "thôn Bản Nầng",
        "residence_unit": new_unit("05977").pk,
    }
    created = board.post("/api/v1/citizens/", payload, format="json")
    assert created.status_code == 201, created.json()
    citizen = Citizen.objects.get(pk=created.json()["id"])
    assert citizen.history.get().history_user == role_users["canbo"]
    twice = board.post("/api/v1/citizens/", payload, format="json")
    assert twice.status_code == 400 and twice.json()["code"] == "id_number_taken"
    assert Citizen.objects.filter(id_number="020195000123").count() == 1
    commune = client_for(role_users["xa_dongkinh"])
    assert commune.post("/api/v1/citizens/", {**payload, "id_number": ""}).status_code == 403
    url = f"/api/v1/citizens/{citizen.pk}/"
    assert board.patch(url, {"phone": "0987654321"}, format="json").status_code == 200
    assert Citizen.objects.get(pk=citizen.pk).phone == "0987654321"
    future = board.patch(url, {"date_of_birth": "2999-01-01"}, format="json")
    assert future.status_code == 400 and "date_of_birth" in future.json()["errors"]
    assert Citizen.objects.get(pk=citizen.pk).date_of_birth is None


def test_a_session_and_its_agenda_through_the_api(role_users):
    first, second = approved_petitions(role_users)
    board = client_for(role_users["canbo"])
    session = _new_session(board)
    assert session["state"] == "draft" and session["invited_agencies"]
    url = f"/api/v1/sessions/{session['id']}/"
    built = board.post(url + "agenda/build/")
    assert built.status_code == 200
    assert [i["petition"] for i in built.json()] == [first.pk, second.pk]
    no_reason = board.post(
        url + "agenda/move/", {"item": built.json()[1]["id"], "position": 1}, format="json"
    )
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    moved = board.post(
        url + "agenda/move/",
        {"item": built.json()[1]["id"], "position": 1, "reason": "Công dân cao tuổi"},
        format="json",
    )
    assert moved.status_code == 200
    assert [i["petition"] for i in moved.json()["agenda"]] == [second.pk, first.pk]
    # The commune sees the session (its citizen is heard) but cannot change the agenda.
    commune = client_for(role_users["xa_dongkinh"])
    assert commune.get(url).status_code == 200
    assert commune.post(url + "agenda/build/").status_code == 403
    assert commune.patch(url, {"notes": "x"}, format="json").status_code == 403
    edited = board.patch(url, {"notes": "Phòng họp số 2", "state": "held"}, format="json")
    assert edited.status_code == 200
    stored = ReceptionSession.objects.get(pk=session["id"])
    assert stored.notes == "Phòng họp số 2" and stored.state == "draft"  # not typed in


def test_a_special_session_needs_an_approved_case_and_a_ground(role_users):
    (case,) = approved_petitions(role_users, count=1)
    board = client_for(role_users["canbo"])
    day = DAY.isoformat()
    no_ground = board.post(
        "/api/v1/sessions/special/", {"petition": case.pk, "date": day}, format="json"
    )
    assert no_ground.status_code == 400 and no_ground.json()["code"] == "invalid"
    made = board.post(
        "/api/v1/sessions/special/",
        {"petition": case.pk, "date": day, "ground": "a"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["kind"] == "ad_hoc" and made.json()["agenda"][0]["petition"] == case.pk
    assert (
        client_for(role_users["xa_dongkinh"])
        .post("/api/v1/sessions/special/", {"petition": case.pk, "date": day, "ground": "a"})
        .status_code
        == 403
    )


def test_bridge_points_are_managed_by_technicians(role_users):
    payload = {
        "code": "XA-THU-01",
        "name": "Điểm cầu thử nghiệm",
        "level": "commune",
        "unit": new_unit("05977").pk,
    }
    assert (
        client_for(role_users["canbo"]).post("/api/v1/bridge-points/", payload).status_code == 403
    )
    tech = client_for(role_users["kythuat"])
    created = tech.post("/api/v1/bridge-points/", payload, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["dial_address"].startswith("sip:xa-thu-01@")
    url = f"/api/v1/bridge-points/{created.json()['id']}/retire/"
    assert tech.post(url, {}, format="json").json()["errors"]["reason"]
    retired = tech.post(url, {"reason": "Sáp nhập trụ sở"}, format="json")
    assert retired.status_code == 200 and retired.json()["active"] is False
    again = tech.post(url, {"reason": "Lần nữa"}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "invalid"


def _draft_notice_and_task(board, petition) -> tuple[dict, dict]:
    """A session heard from the queue, a notice drafted for it, and its task for SNNMT."""
    session = _new_session(board)
    board.post(f"/api/v1/sessions/{session['id']}/agenda/build/")
    notice = board.post(
        "/api/v1/result-notices/",
        {"session": session["id"], "signer_name": "Hồ Tiến Thiệu", "signer_title": "Chủ tịch"},
        format="json",
    )
    assert notice.status_code == 201 and notice.json()["state"] == "draft"
    task = {
        "notice": notice.json()["id"],
        "petition": petition.pk,
        "agency": Agency.objects.get(code="SNNMT").pk,
        "task": "Kiểm tra, trả lời công dân.",
        "working_days": 10,
    }
    return notice.json(), task


def test_a_notice_its_tasks_and_the_agencys_report(role_users):
    first, _second = approved_petitions(role_users)
    board = client_for(role_users["canbo"])
    _notice, task = _draft_notice_and_task(board, first)
    assert client_for(role_users["so_nnmt"]).post("/api/v1/assignments/", task).status_code == 403
    given = board.post("/api/v1/assignments/", task, format="json")
    assert given.status_code == 201, given.json()
    # The deadline runs from the date of issue: set when the Chairman signs.
    assert given.json()["state"] == "open" and given.json()["deadline"] is None
    url = f"/api/v1/assignments/{given.json()['id']}/"
    agency = client_for(role_users["so_nnmt"])
    today = timezone.localdate().isoformat()
    reported = agency.patch(url, {"report": "Đã kiểm tra.", "done_on": today}, format="json")
    assert reported.status_code == 200
    assert Assignment.objects.get(pk=given.json()["id"]).report == "Đã kiểm tra."
    rewritten = agency.patch(url, {"task": "Việc khác"}, format="json")
    assert rewritten.status_code == 400 and "task" in rewritten.json()["errors"]
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert agency.patch(url, {"done_on": tomorrow}, format="json").status_code == 400
    # The commune sees the task of its citizen's case, but it is not its agency's.
    assert client_for(role_users["xa_dongkinh"]).patch(url, {"report": "x"}).status_code == 403


def test_a_link_outside_the_users_scope_is_not_found(role_users):
    first, second = approved_petitions(role_users)
    board = client_for(role_users["canbo"])
    _notice, task = _draft_notice_and_task(board, first)
    given = board.post("/api/v1/assignments/", task, format="json").json()
    # The department sees this task (its agency's) but not the other case.
    agency = client_for(role_users["so_nnmt"])
    assert agency.get(f"/api/v1/petitions/{second.pk}/").status_code == 404
    moved = agency.patch(
        f"/api/v1/assignments/{given['id']}/", {"petition": second.pk}, format="json"
    )
    assert moved.status_code == 400
    (message,) = moved.json()["errors"]["petition"]
    assert str(second.pk) in message and "Không sửa được" not in message
    assert Assignment.objects.get(pk=given["id"]).petition_id == first.pk


def test_a_notice_shows_each_reader_only_the_parts_in_their_scope(role_users):
    from tiep_cong_dan.doctype.result_notice.models import Conclusion

    first, second = approved_petitions(role_users)  # Đông Kinh, then Kỳ Lừa
    board = client_for(role_users["canbo"])
    notice, task = _draft_notice_and_task(board, first)
    for petition in (first, second):
        Conclusion.objects.get_or_create(
            notice_id=notice["id"], petition=petition, defaults={"text": f"Kết luận {petition.pk}"}
        )
    board.post("/api/v1/assignments/", task, format="json")
    board.post(
        "/api/v1/assignments/",
        {
            **task,
            "petition": second.pk,
            "agency": Agency.objects.get(code="UBND-06187").pk,  # Kỳ Lừa's committee
        },
        format="json",
    )
    url = f"/api/v1/result-notices/{notice['id']}/"
    everything = board.get(url).json()
    assert {c["petition"] for c in everything["conclusions"]} == {first.pk, second.pk}
    assert len(everything["assignments"]) == 2
    commune = client_for(role_users["xa_dongkinh"]).get(url).json()
    assert [c["petition"] for c in commune["conclusions"]] == [first.pk]
    assert [a["petition"] for a in commune["assignments"]] == [first.pk]
    department = client_for(role_users["so_nnmt"]).get(url).json()
    assert [a["agency_code"] for a in department["assignments"]] == ["SNNMT"]
    assert f"Kết luận {second.pk}" not in str(department)


def test_implausible_session_and_retirement_values_are_refused(role_users):
    board = client_for(role_users["canbo"])
    url = f"/api/v1/sessions/{_new_session(board)['id']}/"
    zero = board.patch(url, {"slot_minutes": 0, "capacity": 0}, format="json")
    assert zero.status_code == 400 and {"slot_minutes", "capacity"} <= set(zero.json()["errors"])
    point = BridgePoint.objects.get(code="LS-TSTCD")
    later = client_for(role_users["kythuat"]).post(
        f"/api/v1/bridge-points/{point.pk}/retire/",
        {"reason": "Chuyển trụ sở", "on": "9999-12-31"},
        format="json",
    )
    assert later.status_code == 400 and "on" in later.json()["errors"]
    assert BridgePoint.objects.get(pk=point.pk).active

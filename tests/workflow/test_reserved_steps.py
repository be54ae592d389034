"""Steps the law or the scheme reserves: no declaration (file, desk edit, stored rows)
gives them to another role, drops their rules or effects, starts them elsewhere or
leads around them, and no override passes a legal rule but as the reservation allows."""

import copy
import datetime

import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan import workflow
from tiep_cong_dan.workflow import registry
from tiep_cong_dan.workflow.bindings import BINDINGS
from tiep_cong_dan.workflow.definition import parse_definition
from tiep_cong_dan.workflow.engine import TransitionRefused
from tiep_cong_dan.workflow.loader import definition, load_workflows, read_file, store
from tiep_cong_dan.workflow.models import Workflow, WorkflowTransition

from ..api.test_api import client_for
from .helpers import at
from .test_workflow_desk import _change_url, _workflow_post

SESSION_APPROVAL = (
    "Nghị định 154/2026/NĐ-CP, Điều 20 và Điều 25 khoản 1; Đề án tiếp công dân trực tuyến, "
    "mục V.1.1 (Chủ tịch UBND tỉnh quyết định)"
)


def _refused(data, doctype) -> str:
    with pytest.raises(ValidationError) as exc:
        parse_definition(data, doctype=doctype)
    return " ".join(exc.value.messages)


def _flow(doctype: str) -> dict:
    return copy.deepcopy(read_file(doctype))


def _transition(data, action):
    return next(t for t in data["transitions"] if t["action"] == action)


@pytest.mark.parametrize("doctype", sorted(BINDINGS))
def test_every_reservation_names_what_exists_and_the_shipped_file_keeps_it(doctype):
    states = set(BINDINGS[doctype].state_values())
    steps = registry.reserved_of(doctype)
    shipped = parse_definition(read_file(doctype), doctype=doctype)  # loads: nothing refused
    assert steps, doctype  # every document type has a step the law reserves
    for step in steps:
        assert step.source.strip()
        assert all(registry.has_condition(doctype, c) for c in step.conditions), step
        assert all(registry.has_effect(doctype, e) for e in step.effects), step
        assert set(step.guards) | step.from_states <= states, step
        declared = [t for t in shipped.transitions if t.action == step.action]
        assert declared, step
        for t in declared:
            assert set(step.conditions) <= set(t.conditions)


def test_the_reserved_steps_of_the_issue():
    def roles(doctype, action):
        return registry.reserved(doctype, action).roles

    assert roles("reception_session", "approve") == {"chairman"}
    assert roles("result_notice", "issue") == {"chairman"}
    assert roles("petition", "approve") == {"chairman"}
    assert roles("petition", "endorse") == {"board_head"}
    assert "reported_by_assigned_agency" in registry.reserved("assignment", "report").conditions


def test_giving_the_chairmans_approval_to_the_board_head_is_refused_with_the_law():
    data = _flow("reception_session")
    _transition(data, "approve")["roles"] = ["chairman", "board_head"]
    message = _refused(data, "reception_session")
    assert (
        f"“Chủ tịch duyệt kỳ tiếp” is reserved to Chairman ({SESSION_APPROVAL}): it cannot "
        "be given to Board head."
    ) in message


def test_dropping_a_reserved_rule_or_effect_is_refused():
    data = _flow("reception_session")
    _transition(data, "approve")["conditions"] = ["agenda_set"]
    message = _refused(data, "reception_session")
    assert (
        "“Chủ tịch duyệt kỳ tiếp” must keep the rule “No bridge point is booked twice at once” "
        f"({SESSION_APPROVAL})."
    ) in message
    notice = _flow("result_notice")
    _transition(notice, "issue")["effects"] = ["conclude_petitions"]
    message = _refused(notice, "result_notice")
    assert "“Ký ban hành” must keep the effect “" in message
    assert "Nghị định 154/2026/NĐ-CP, Điều 25 khoản 2" in message


def test_an_agency_other_than_the_assigned_one_cannot_be_let_report():
    data = _flow("assignment")
    report = _transition(data, "report")
    report["conditions"] = ["notice_issued", "report_written"]
    report["roles"] = [*report["roles"], "technician"]
    message = _refused(data, "assignment")
    assert "must keep the rule “The assigned agency or the Board reports”" in message
    assert "it cannot be given to Technician" in message


def test_a_path_around_the_reserved_step_is_refused():
    data = _flow("reception_session")
    _transition(data, "announce")["from"] = ["planned", "approved"]
    message = _refused(data, "reception_session")
    assert (
        f"State “Đã thông báo” may be reached only through “Chủ tịch duyệt kỳ tiếp” "
        f"({SESSION_APPROVAL})."
    ) in message
    petition = _flow("petition")
    petition["transitions"].append(
        {
            "action": "fast_track",
            "label": "Trưởng Ban chấp thuận",
            "from": ["endorsed"],
            "to": "approved",
            "roles": ["board_head"],
        }
    )
    message = _refused(petition, "petition")
    assert "State “Được chấp thuận – chờ xếp lịch” may be reached only through" in message


def test_a_reserved_step_cannot_be_removed_nor_shed_by_a_new_name():
    data = _flow("reception_session")
    data["transitions"] = [t for t in data["transitions"] if t["action"] != "close"]
    message = _refused(data, "reception_session")
    assert "“Khóa hồ sơ kỳ tiếp” cannot be removed (Nghị định 154/2026/NĐ-CP, Điều 24)." in message
    data = _flow("reception_session")
    announce = _transition(data, "announce")
    announce["action"], announce["conditions"], announce["override_roles"] = "tell", [], []
    message = _refused(data, "reception_session")
    assert "“Thông báo cho công dân và cơ quan” cannot be removed" in message
    # Kept, but doubled by a copy without its rule: the copy is the way around it.
    data = _flow("reception_session")
    copy_ = {**_transition(data, "announce"), "action": "tell", "conditions": []}
    data["transitions"].append({**copy_, "override_roles": []})
    message = _refused(data, "reception_session")
    assert (
        "State “Đã thông báo” may be reached only through “Thông báo cho công dân và cơ quan” "
        "(Nghị định 154/2026/NĐ-CP, Điều 23 khoản 1)."
    ) in message


def test_a_reserved_step_starts_only_where_the_law_puts_it():
    data = _flow("petition")
    _transition(data, "approve")["from"] = ["proposed", "endorsed"]  # skip the Board head
    assert "“Chủ tịch chấp thuận tiếp trực tuyến” may start only from" in _refused(data, "petition")


def test_overriding_a_reserved_rule_is_refused_unless_the_reservation_allows_it():
    data = _flow("reception_session")
    _transition(data, "approve")["override_roles"] = ["chairman"]
    assert "The rules of “Chủ tịch duyệt kỳ tiếp” cannot be overridden by Chairman" in _refused(
        data, "reception_session"
    )
    data = _flow("reception_session")
    _transition(data, "announce")["override_roles"] = ["board_head", "board_officer"]
    message = _refused(data, "reception_session")
    assert (
        "The rules of “Thông báo cho công dân và cơ quan” cannot be overridden by Board officer"
        in (message)
    )
    assert "by Board head" not in message  # Decree 154 Art. 23: the Board head may, with a reason


@pytest.fixture
def planned(session, role_users):
    workflow.apply(session, "plan", by=role_users["canbo"], at=at(datetime.date(2026, 3, 4)))
    return session


def test_the_engine_refuses_overriding_a_legal_rule_whatever_the_declaration(planned, role_users):
    # A declaration may let a role override a rule the Board added to a reserved step;
    # that never reaches the rule the law put there.
    data = _flow("reception_session")
    announce = _transition(data, "announce")
    announce["conditions"] = ["notice_in_time", "invitations_sealed_if_signed", "session_day"]
    announce["override_roles"] = ["board_head", "board_officer"]
    store("reception_session", data)
    workflow.apply(planned, "approve", by=role_users["chutich"], at=at(datetime.date(2026, 3, 5)))
    late = at(datetime.date(2026, 3, 10))
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(
            planned, "announce", by=role_users["canbo"], at=late, override=True, comment="Gấp"
        )
    assert exc.value.code == "override_not_allowed"
    assert "Nghị định 154/2026/NĐ-CP, Điều 23 khoản 1" in str(exc.value)
    assert "the last day was 09/03/2026" in str(exc.value)
    option = {o.action: o for o in workflow.options(role_users["canbo"], planned)}["announce"]
    assert not option.may_override
    event = workflow.apply(
        planned, "announce", by=role_users["truongban"], at=late, override=True, comment="Gấp"
    )
    assert planned.state == "announced" and event.overridden


def test_the_board_head_cannot_take_the_approval_in_the_desk_nor_then_in_the_api(
    login, planned, role_users
):
    wf = Workflow.objects.get(doctype="reception_session")
    before = list(WorkflowTransition.objects.filter(workflow=wf).values_list("roles", "conditions"))
    client = login("truongban")
    response = client.post(
        _change_url(wf),
        _workflow_post(wf, approve={"roles": ["chairman", "board_head"], "conditions": []}),
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Bước “Chủ tịch duyệt kỳ tiếp” chỉ dành cho Chủ tịch UBND tỉnh "
        f"({SESSION_APPROVAL}): không thể giao cho Trưởng Ban Tiếp công dân."
    ) in page
    assert "phải giữ điều kiện “Danh sách tiếp có ít nhất một lượt tiếp”" in page
    # The summary tells the editor beforehand which steps the law reserves, and why.
    assert f"Bước do pháp luật quy định, không được nới lỏng: {SESSION_APPROVAL}" in page
    wf.refresh_from_db()
    assert wf.revision == 1
    after = list(WorkflowTransition.objects.filter(workflow=wf).values_list("roles", "conditions"))
    assert after == before
    api = client_for(role_users["truongban"])
    refused = api.post(
        f"/api/v1/sessions/{planned.pk}/actions/", {"action": "approve"}, format="json"
    )
    assert refused.status_code == 409 and refused.json()["code"] == "not_allowed"
    planned.refresh_from_db()
    assert planned.state == "planned"


def test_a_stored_declaration_that_breaks_a_reservation_is_not_run(login, planned, role_users):
    # As an edit saved before the step was reserved would be: rows written directly.
    wf = Workflow.objects.get(doctype="reception_session")
    WorkflowTransition.objects.filter(workflow=wf, action="approve").update(
        roles=["chairman", "board_head"], conditions=[]
    )
    Workflow.objects.filter(pk=wf.pk).update(revision=wf.revision + 1)
    assert definition("reception_session").find("approve", "planned").roles == {"chairman"}
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(planned, "approve", by=role_users["truongban"])
    assert exc.value.code == "not_allowed"
    page = login("truongban").get(_change_url(wf)).content.decode()
    assert "phần mềm đang chạy theo tệp gốc" in page
    assert load_workflows() == ["reception_session"]
    approve = WorkflowTransition.objects.get(
        workflow__doctype="reception_session", action="approve"
    )
    assert (approve.roles, approve.conditions) == (
        ["chairman"],
        ["agenda_set", "no_double_booking"],
    )

"""The declarations: the shipped files are valid, and every kind of broken edit is
refused with a message that names the problem."""

import copy

import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan.workflow.bindings import BINDINGS
from tiep_cong_dan.workflow.definition import parse_definition
from tiep_cong_dan.workflow.loader import read_file


@pytest.mark.parametrize("doctype", sorted(BINDINGS))
def test_shipped_workflows_are_valid(doctype):
    wf = parse_definition(read_file(doctype), doctype=doctype)
    assert wf.initial in wf.states
    assert len(wf.transitions) >= 2  # the smallest, the monthly report: sign, send


def _refused(data, doctype="petition") -> str:
    with pytest.raises(ValidationError) as exc:
        parse_definition(data, doctype=doctype)
    return " ".join(exc.value.messages)


@pytest.fixture
def petition_flow():
    return copy.deepcopy(read_file("petition"))


def _transition(data, action):
    return next(t for t in data["transitions"] if t["action"] == action)


def test_unknown_target_state_is_refused(petition_flow):
    _transition(petition_flow, "classify")["to"] = "sorted"
    assert "leads to unknown state sorted" in _refused(petition_flow)


def test_state_the_software_does_not_know_is_refused(petition_flow):
    petition_flow["states"].append({"name": "archived", "label": "Lưu kho"})
    assert "State archived is unknown to this document type" in _refused(petition_flow)


def test_unreachable_state_is_refused(petition_flow):
    petition_flow["transitions"] = [
        t for t in petition_flow["transitions"] if t["action"] != "transfer"
    ]
    assert "State transferred (Đã chuyển đơn) cannot be reached from received" in _refused(
        petition_flow
    )


def test_open_state_without_way_out_is_refused(petition_flow):
    for t in petition_flow["transitions"]:
        if t["action"] in ("withdraw", "void_duplicate"):
            t["from"] = ["received"]
    # A heard case left with no way out: its conclusion step (not reserved) goes.
    petition_flow["transitions"] = [
        t for t in petition_flow["transitions"] if t["action"] != "conclude"
    ]
    message = _refused(petition_flow)
    assert "is not final but has no way out" in message


def test_dangling_rule_and_effect_names_are_refused(petition_flow):
    _transition(petition_flow, "propose")["conditions"].append("citizen_is_polite")
    _transition(petition_flow, "classify")["effects"] = ["send_fax"]
    message = _refused(petition_flow)
    assert "names unknown rule citizen_is_polite" in message
    assert "names unknown effect send_fax" in message


def test_a_rule_of_another_document_type_is_dangling(petition_flow):
    # notice_in_time belongs to sessions, not petitions.
    _transition(petition_flow, "classify")["conditions"] = ["notice_in_time"]
    assert "names unknown rule notice_in_time" in _refused(petition_flow)


def test_unknown_role_and_missing_roles_are_refused(petition_flow):
    _transition(petition_flow, "classify")["roles"] = ["janitor"]
    message = _refused(petition_flow)
    assert "unknown role(s) janitor" in message
    assert "Transition “Phân loại” (classify) has no role allowed" in message


def test_the_same_action_twice_from_one_state_is_refused(petition_flow):
    petition_flow["transitions"].append(dict(_transition(petition_flow, "classify")))
    assert "Action classify is declared twice from state received" in _refused(petition_flow)


def test_override_without_a_rule_is_refused(petition_flow):
    _transition(petition_flow, "return")["override_roles"] = ["board_head"]
    assert "allows an override but has no rule to override" in _refused(petition_flow)


def test_a_stray_key_such_as_a_split_label_is_refused(petition_flow):
    petition_flow["states"][0]["đôn đốc xong"] = None
    assert "received has an unknown entry “đôn đốc xong”" in _refused(petition_flow)

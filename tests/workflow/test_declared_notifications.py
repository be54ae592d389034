"""Notifications are declared beside each step (workflow YAML, editable in the desk):
who is told what, through which channels; checked on load like the rest."""

import copy
import datetime

import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan import workflow
from tiep_cong_dan.core import outbox
from tiep_cong_dan.core.models import OutboxEntry
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.notification.services import DELIVER
from tiep_cong_dan.workflow.definition import parse_definition
from tiep_cong_dan.workflow.engine import DEFERRED_NOTIFICATIONS
from tiep_cong_dan.workflow.loader import definition, store
from tiep_cong_dan.workflow.shipped import read_file

from ..print_format.conftest import notice  # noqa: F401  (an issued result notice)
from .helpers import at


def _with_notify(doctype: str, action: str, notify) -> dict:
    data = copy.deepcopy(read_file(doctype))
    for t in data["transitions"]:
        if t["action"] == action:
            t["notify"] = notify
    return data


def _problems(doctype: str, data: dict) -> str:
    with pytest.raises(ValidationError) as refused:
        parse_definition(data, doctype=doctype)
    return " ".join(refused.value.messages)


def test_a_declaration_is_checked_like_the_workflow(db):
    bad_role = _with_notify("result_notice", "submit", [{"to": ["chủ tịch"], "message": "x"}])
    assert "must name whom to tell (unknown: chủ tịch)" in _problems("result_notice", bad_role)
    stray = _with_notify(
        "result_notice", "submit", [{"to": ["chairman"], "message": "Hạn {deadline}"}]
    )
    # {deadline} belongs to the agencies' audience, not to a role.
    assert "names {deadline}, which it cannot fill" in _problems("result_notice", stray)
    no_desk = _with_notify(
        "result_notice", "submit", [{"to": ["chairman"], "message": "x", "channels": ["sms"]}]
    )
    assert "always include desk" in _problems("result_notice", no_desk)
    typo = _with_notify(
        "result_notice", "submit", [{"to": ["chairman"], "mesage": "x", "message": "y"}]
    )
    assert "unknown entry “mesage”" in _problems("result_notice", typo)
    broken = _with_notify("result_notice", "submit", [{"to": ["chairman"], "message": "{x"}])
    assert "braces only around a name" in _problems("result_notice", broken)


def test_issuing_a_notice_tells_each_agency_its_own_deadline(notice, role_users):  # noqa: F811
    entry = OutboxEntry.objects.get(task=DEFERRED_NOTIFICATIONS)
    assert entry.arguments["notify"][0]["to"] == ["assigned_agencies"]
    outbox.run_due()
    told = Notification.objects.get(recipient=role_users["so_nnmt"])
    deadline = notice.assignments.first().deadline.strftime("%d/%m/%Y")
    assert told.message == (
        f"Thông báo số {notice.number} giao cơ quan đồng chí nhiệm vụ, "
        f"hạn hoàn thành {deadline}."
    )
    assert told.link.endswith(f"/assignment/{notice.assignments.first().pk}/change/")
    assert not Notification.objects.filter(recipient=role_users["canbo"]).exists()


def test_the_board_heads_edit_changes_the_next_steps_message(notice, role_users):  # noqa: F811
    data = _with_notify(
        "result_notice",
        "distribute",
        [{"to": ["board_officer"], "message": "Đã gửi {number}.", "channels": ["desk"]}],
    )
    store("result_notice", data)
    assert definition("result_notice").find("distribute", "issued").notifications
    workflow.apply(notice, "seal", by=role_users["vanphong"])  # the body signs: it may go
    OutboxEntry.objects.all().delete()
    workflow.apply(
        notice, "distribute", by=role_users["canbo"], at=at(datetime.date(2026, 3, 23))
    )
    outbox.run_due()
    told = Notification.objects.get(recipient=role_users["canbo"])
    assert told.message == f"Đã gửi {notice.number}."
    # The inbox only: no e-mail or SMS was queued for it.
    assert not OutboxEntry.objects.filter(task=DELIVER).exists()

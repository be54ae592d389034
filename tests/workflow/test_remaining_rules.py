"""The rules not exercised by the longer scenarios: each refuses its step with its
own reason, and the step goes through once the rule holds."""

import datetime

import pytest
from django.utils import timezone
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.petition.workflow_rules import reason_given
from tiep_cong_dan.doctype.reception_session.constants import SessionKind
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import assign_task, draft_result_notice
from tiep_cong_dan.workflow.engine import TransitionContext, TransitionRefused
from tiep_cong_dan.workflow.loader import definition

from .conftest import DAY
from .helpers import at, set_state, tell_citizen


def _reasons(doc, action, user, **kwargs) -> str:
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(doc, action, by=user, **kwargs)
    assert exc.value.code == "condition_failed"
    return " ".join(exc.value.reasons)


def _empty_session(users, day=DAY) -> ReceptionSession:
    return create_session(
        ReceptionSession(
            kind=SessionKind.PERIODIC,
            date=day,
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        ),
        by=users["canbo"],
    )


def test_a_petition_is_scheduled_only_from_an_agenda(session, role_users):
    stray = session.agenda_items.last().petition
    AgendaItem.objects.filter(petition=stray).delete()
    assert "agenda of an open session" in _reasons(stray, "schedule", role_users["canbo"])
    first = session.agenda_items.first().petition
    workflow.apply(first, "schedule", by=role_users["canbo"])
    assert first.state == "scheduled"


def test_heard_and_concluded_need_the_session_and_the_notice(session, role_users):
    item = session.agenda_items.first()
    petition = item.petition
    set_state(petition, "scheduled")
    assert "No session has recorded this hearing" in _reasons(petition, "hear", role_users["canbo"])
    AgendaItem.objects.filter(pk=item.pk).update(heard=True)
    assert "Law on Citizen Reception Art. 28" in _reasons(petition, "hear", role_users["canbo"])
    tell_citizen(petition)
    workflow.apply(petition, "hear", by=role_users["canbo"])
    assert "not yet in an issued result notice" in _reasons(
        petition, "conclude", role_users["canbo"]
    )


def test_a_case_with_open_tasks_cannot_be_followed_up_or_closed(session, role_users):
    petition = session.agenda_items.first().petition
    notice = draft_result_notice(ResultNotice(session=session), by=role_users["canbo"])
    assign_task(
        Assignment(
            notice=notice,
            petition=petition,
            agency=Agency.objects.get(code="SNNMT"),
            task="Kiểm tra.",
            deadline=datetime.date(2026, 4, 30),
        ),
        by=role_users["canbo"],
    )
    set_state(petition, "concluded")
    for action in ("follow_up", "close"):
        assert "1 assignment(s) are still being followed up" in _reasons(
            petition, action, role_users["canbo"]
        )


def test_the_reason_rule_holds_even_without_the_comment_requirement(session, role_users):
    petition = session.agenda_items.first().petition
    wf = definition("petition")
    t = wf.find("not_propose", "classified")
    empty = TransitionContext(petition, t, wf, role_users["canbo"], "", at(DAY), "classified")
    assert "Give the reason" in reason_given(empty)
    given = TransitionContext(petition, t, wf, role_users["canbo"], "Lý do.", at(DAY), "classified")
    assert reason_given(given) is None


def test_a_session_needs_an_agenda_and_starts_on_its_day(role_users):
    empty = _empty_session(role_users)
    assert "at least one hearing" in _reasons(empty, "plan", role_users["canbo"])
    workflow.apply(
        empty, "hold_in_person", by=role_users["canbo"], at=at(DAY - datetime.timedelta(days=7))
    )
    reason = _reasons(empty, "start", role_users["canbo"], at=at(DAY - datetime.timedelta(days=1)))
    assert "The session is on 16/03/2026" in reason
    workflow.apply(empty, "start", by=role_users["canbo"], at=at(DAY, 8))
    assert empty.state == "in_progress"


class TestNoticeRules:
    @pytest.fixture
    def notice(self, session, role_users):
        return draft_result_notice(
            ResultNotice(session=session, signer_name="Hồ Tiến Thiệu", signer_title="Chủ tịch"),
            by=role_users["canbo"],
        )

    def test_review_needs_conclusions(self, notice, role_users):
        assert "Write the Chairman's conclusion" in _reasons(
            notice, "review", role_users["truongban"]
        )

    def test_issue_needs_a_held_session_and_distribution_a_recipient_list(
        self, notice, session, role_users
    ):
        petition = session.agenda_items.first().petition
        Conclusion.objects.create(notice=notice, petition=petition, text="Giao Sở kiểm tra.")
        set_state(notice, "submitted")
        assert "has not been held yet" in _reasons(notice, "issue", role_users["chutich"])
        task = assign_task(
            Assignment(
                notice=notice,
                petition=petition,
                agency=Agency.objects.get(code="SNNMT"),
                task="Kiểm tra.",
                working_days=5,
                report="Đã xong.",
                done_on=timezone.localdate(),  # not before the notice's issue (today)
            ),
            by=role_users["canbo"],
        )
        assert "not issued yet" in _reasons(task, "report", role_users["so_nnmt"])
        set_state(session, "held")
        workflow.apply(notice, "issue", by=role_users["chutich"])
        assert "List the recipients" in _reasons(notice, "distribute", role_users["canbo"])
        ResultNotice.objects.filter(pk=notice.pk).update(recipients="- Như trên;\n- Lưu: VT, BTCD.")
        notice.refresh_from_db()
        workflow.apply(notice, "seal", by=role_users["vanphong"])  # the body signs: it may go
        workflow.apply(notice, "distribute", by=role_users["canbo"])
        workflow.apply(task, "report", by=role_users["so_nnmt"])
        assert (notice.state, task.state) == ("distributed", "reported")

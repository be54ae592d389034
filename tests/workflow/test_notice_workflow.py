"""Result notices: drafted by the Board, reviewed by its head, signed and numbered by
the Chairman; assignments reported by the agency and accepted by the Board, after
which the petition is followed up."""

import datetime

import pytest
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.reception_session.models import AgendaItem
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import assign_task, draft_result_notice
from tiep_cong_dan.workflow.engine import TransitionRefused
from tiep_cong_dan.workflow.loader import definition

from .helpers import at, set_state, tell_citizen

NOTICE_ROLES = {
    "review": {"truongban"},
    "submit": {"canbo", "truongban"},
    "return": {"truongban", "chutich"},
    "issue": {"chutich"},
    "distribute": {"canbo", "truongban", "vanphong"},
    "seal": {"vanphong"},
    # Recorded by the replacement's issue; by hand only once a replacement is issued.
    "replace": {"chutich"},
}
ASSIGNMENT_ROLES = {
    "report": {"canbo", "truongban", "so_nnmt"},  # so_nnmt: the assigned department
    "accept": {"canbo", "truongban"},
    "return": {"canbo", "truongban"},
    "cancel": {"truongban"},
}
ISSUE_DAY = datetime.date(2026, 3, 20)  # Friday


@pytest.fixture
def notice(session, role_users):
    """A held session with both hearings heard, and a draft notice for it."""
    AgendaItem.objects.filter(session=session).update(heard=True)
    for item in session.agenda_items.select_related("petition"):
        set_state(item.petition, "heard")
    set_state(session, "held")
    notice = draft_result_notice(
        ResultNotice(session=session, recipients="- Như trên;\n- Lưu: VT, BTCD."),
        by=role_users["canbo"],
    )
    snnmt = Agency.objects.get(code="SNNMT")
    for item in session.agenda_items.select_related("petition"):
        Conclusion.objects.create(notice=notice, petition=item.petition, text="Giao Sở kiểm tra.")
        assign_task(
            Assignment(
                notice=notice,
                petition=item.petition,
                agency=snnmt,
                task="Kiểm tra, trả lời công dân.",
                working_days=15,
            ),
            by=role_users["canbo"],
        )
    return notice


def _refusal(doc, action, user, **kwargs) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(doc, action, by=user, **kwargs)
    return exc.value


def _issue(notice, users):
    ResultNotice.objects.filter(pk=notice.pk).update(
        signer_name="Hồ Tiến Thiệu", signer_title="Chủ tịch"
    )
    notice.refresh_from_db()
    workflow.apply(notice, "review", by=users["truongban"])
    workflow.apply(notice, "submit", by=users["canbo"])
    workflow.apply(notice, "issue", by=users["chutich"], at=at(ISSUE_DAY, 10))


def test_roles_cover_both_declarations(db):
    assert set(definition("result_notice").actions()) == set(NOTICE_ROLES)
    assert set(definition("assignment").actions()) == set(ASSIGNMENT_ROLES)


@pytest.mark.parametrize(
    "doctype,expected", [("result_notice", NOTICE_ROLES), ("assignment", ASSIGNMENT_ROLES)]
)
def test_each_step_refuses_every_other_role(notice, role_users, doctype, expected):
    doc = notice if doctype == "result_notice" else notice.assignments.first()
    wf = definition(doctype)
    for action, allowed in expected.items():
        for state in sorted({s for t in wf.transitions if t.action == action for s in t.sources}):
            set_state(doc, state)
            for username, user in role_users.items():
                option = {o.action: o for o in workflow.options(user, doc)}[action]
                if username in allowed:
                    assert option.blocked_by in ("", "rules"), (action, username)
                    continue
                assert not option.allowed, (action, username)
                refusal = _refusal(doc, action, user, comment="x")
                if option.blocked_by == "rules":
                    # A commune officer sees the petition's task but is not its agency.
                    assert "Only Sở Nông nghiệp" in " ".join(refusal.reasons), username
                else:
                    assert refusal.code == "not_allowed", (action, username)


def test_issue_numbers_the_notice_concludes_petitions_and_sets_deadlines(notice, role_users):
    _issue(notice, role_users)
    assert (notice.number, notice.issued_date) == ("01/TB-UBND", ISSUE_DAY)
    # 15 working days from Friday 20/03/2026 is Friday 10/04/2026.
    assert set(notice.assignments.values_list("deadline", flat=True)) == {
        datetime.date(2026, 4, 10)
    }
    states = {c.petition.state for c in notice.conclusions.select_related("petition")}
    assert states == {"concluded"}


def test_review_needs_deadlines_and_submit_needs_the_signer(notice, role_users):
    Assignment.objects.filter(notice=notice).update(working_days=None)
    assert "Give every assignment a deadline" in str(
        _refusal(notice, "review", role_users["truongban"])
    )
    Assignment.objects.filter(notice=notice).update(working_days=15)
    workflow.apply(notice, "review", by=role_users["truongban"])
    assert "Record who signs the notice" in str(_refusal(notice, "submit", role_users["canbo"]))


def test_numbers_follow_the_yearly_register_without_gaps(notice, session, role_users):
    _issue(notice, role_users)
    second = draft_result_notice(ResultNotice(session=session), by=role_users["canbo"])
    Conclusion.objects.create(
        notice=second, petition=notice.conclusions.first().petition, text="Bổ sung."
    )
    _issue(second, role_users)
    assert second.number == "02/TB-UBND"


def test_an_agency_reports_only_on_its_own_tasks(notice, role_users):
    _issue(notice, role_users)
    task = notice.assignments.first()
    assert "Write the agency's report" in str(_refusal(task, "report", role_users["so_nnmt"]))
    Assignment.objects.filter(pk=task.pk).update(report="Đã trả lời.", done_on=ISSUE_DAY)
    task.refresh_from_db()
    other = Agency.objects.exclude(code="SNNMT").filter(kind="department").first()
    foreign = Assignment.objects.filter(pk=task.pk)
    foreign.update(agency=other)
    task.refresh_from_db()
    # Outside its agency and its petitions' units, the department is refused.
    assert _refusal(task, "report", role_users["so_nnmt"]).code == "not_allowed"
    foreign.update(agency=Agency.objects.get(code="SNNMT"))
    task.refresh_from_db()
    workflow.apply(task, "report", by=role_users["so_nnmt"])
    assert task.state == "reported"


def test_accepting_every_task_follows_the_petition_up(notice, role_users):
    _issue(notice, role_users)
    Assignment.objects.filter(notice=notice).update(report="Đã trả lời.", done_on=ISSUE_DAY)
    tasks = list(notice.assignments.order_by("pk"))
    for task in tasks:
        workflow.apply(task, "report", by=role_users["so_nnmt"])
    workflow.apply(tasks[0], "return", by=role_users["canbo"], comment="Thiếu văn bản.")
    assert tasks[0].state == "returned"
    workflow.apply(tasks[0], "report", by=role_users["so_nnmt"])
    for task in tasks:
        workflow.apply(task, "accept", by=role_users["canbo"])
        task.petition.refresh_from_db()
        assert task.petition.state == "followed_up"
        tell_citizen(task.petition)
        workflow.apply(task.petition, "close", by=role_users["canbo"])


def test_overdue_once_the_deadline_passes(notice, role_users):
    task = notice.assignments.first()
    Assignment.objects.filter(pk=task.pk).update(deadline=datetime.date(2020, 1, 1))
    task.refresh_from_db()
    assert task.is_overdue
    set_state(task, "accepted")
    assert not task.is_overdue


def test_only_the_board_and_the_assigned_agency_edit_a_task(notice, role_users):
    from tiep_cong_dan.access.rules import rule_for

    rule = rule_for(Assignment)
    task = notice.assignments.first()
    assert rule.can_view(role_users["xa_dongkinh"], task)  # the petition is in the commune
    assert not rule.can_change(role_users["xa_dongkinh"], task)
    assert rule.can_change(role_users["so_nnmt"], task)
    assert rule.can_change(role_users["canbo"], task)

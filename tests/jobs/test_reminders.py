"""The scheduled jobs' work, day by day: who is told what, and that a job run twice
tells nobody twice."""

import datetime

from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.jobs import integrity, reminders, reports

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.conftest import DAY, session  # noqa: F401
from ..workflow.helpers import at


def _inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_article_28_reminders_once_per_stage(role_users):
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    deadline = petition.acceptance_deadline  # 10 working days after 02/03/2026
    assert deadline == datetime.date(2026, 3, 16)
    assert reminders.acceptance_deadlines(datetime.date(2026, 3, 11)) == 0  # not yet
    due = reminders.acceptance_deadlines(datetime.date(2026, 3, 12))  # 2 working days left
    assert due == 2  # canbo and truongban
    assert reminders.acceptance_deadlines(datetime.date(2026, 3, 13)) == 0  # told already
    assert reminders.acceptance_deadlines(datetime.date(2026, 3, 17)) == 2  # now overdue
    assert any("16/03/2026" in m for m in _inbox(role_users["canbo"]))
    Petition.objects.filter(pk=petition.pk).update(acceptance_notified_on=deadline)
    assert reminders.acceptance_deadlines(datetime.date(2026, 3, 18)) == 0


def test_session_timeline_reminders(role_users, session):  # noqa: F811
    workflow.apply(session, "plan", by=role_users["canbo"], at=at(datetime.date(2026, 3, 2)))
    workflow.apply(session, "approve", by=role_users["chutich"], at=at(datetime.date(2026, 3, 3)))
    assert session.invitations.filter(sent_at__isnull=True).exists()
    assert reminders.session_timeline(datetime.date(2026, 3, 6)) == 0  # before 09/03
    board = reminders.session_timeline(datetime.date(2026, 3, 9))  # invitations due today
    assert board >= 2 and any("09/03/2026" in m for m in _inbox(role_users["truongban"]))
    assert reminders.session_timeline(datetime.date(2026, 3, 9)) == 0  # run twice
    friday = reminders.session_timeline(datetime.date(2026, 3, 13))  # tests due, not done
    assert any("13/03/2026" in m for m in _inbox(role_users["kythuat"])) and friday
    reminders.session_timeline(DAY)
    assert any("13:00" in m for m in _inbox(role_users["kythuat"]))  # connect by 13:00


def test_assignments_reminded_then_escalated(role_users):
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

    s = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2026, 3, 16),
        state="held",
        presiding_official="Chủ tịch",
        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
    )
    notice = ResultNotice.objects.create(session=s, state="issued", number="01/TB-UBND")
    task = Assignment.objects.create(
        notice=notice,
        petition=petition,
        agency=Agency.objects.get(code="SNNMT"),
        task="Kiểm tra.",
        deadline=datetime.date(2026, 4, 10),
        state="open",
    )
    assert reminders.assignment_deadlines(datetime.date(2026, 4, 6)) == 0
    assert reminders.assignment_deadlines(datetime.date(2026, 4, 7)) == 1  # so_nnmt
    assert reminders.assignment_deadlines(datetime.date(2026, 4, 8)) == 0
    overdue = reminders.assignment_deadlines(datetime.date(2026, 4, 13))
    assert overdue == 3  # the agency's officer and the Board (officer, head)
    assert any("Overdue" in m or "Quá hạn" in m for m in _inbox(role_users["truongban"]))
    from tiep_cong_dan.doctype.notification.models import AgencyMail

    letter = AgencyMail.objects.get()  # to the agency's mailbox, which has no address yet
    assert letter.state == "no_address" and "01/TB-UBND" in letter.subject
    reminders.assignment_deadlines(datetime.date(2026, 4, 13))
    assert AgencyMail.objects.count() == 1
    Assignment.objects.filter(pk=task.pk).update(state="accepted")
    assert reminders.assignment_deadlines(datetime.date(2026, 4, 14)) == 0


def test_the_monthly_report_job_drafts_once(role_users):
    first = reports.draft_last_months_report(datetime.date(2026, 4, 2))
    again = reports.draft_last_months_report(datetime.date(2026, 4, 2))
    assert first.pk == again.pk and MonthlyReport.objects.count() == 1
    assert (first.period_start, first.period_end, first.state) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 31),
        "draft",
    )
    assert Notification.objects.filter(recipient=role_users["canbo"]).count() == 1


def test_the_integrity_check_finds_what_bypassed_the_engine(role_users):
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    assert integrity.check(datetime.date(2026, 3, 3))["problems"] == 0
    Petition.objects.filter(pk=petition.pk).update(state="approved")  # not by the engine
    found = integrity.check(datetime.date(2026, 3, 3))
    assert found["problems"] == 1 and "approved" in found["states"][0]
    assert Notification.objects.filter(recipient=role_users["quantri"]).count() == 1

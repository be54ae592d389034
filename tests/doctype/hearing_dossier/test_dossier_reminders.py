"""A dossier still owed is reminded to its agency the working day before it is due, and
escalated once late: the agency's officers and the Board head told, a letter to the
agency's mailbox for its head; each once, whatever the number of runs."""

from django.contrib.auth.models import User
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.hearing_dossier.models import HearingDossier
from tiep_cong_dan.doctype.hearing_dossier.services import write_briefing
from tiep_cong_dan.doctype.notification.models import AgencyMail, Notification
from tiep_cong_dan.doctype.working_calendar.services import add_working_days
from tiep_cong_dan.jobs import reminders

from ...workflow.helpers import at


def _inbox(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_a_late_dossier_is_reminded_then_escalated(planned_session, role_users, four_agencies):
    workflow.apply(planned_session, "approve", by=role_users["chutich"])
    due = add_working_days(planned_session.date, -3)
    # Everyone hands in on time but Sở Xây dựng.
    for dossier in HearingDossier.objects.exclude(agency__code="SXD"):
        HearingDossier.objects.filter(pk=dossier.pk).update(state="submitted")
    late = HearingDossier.objects.get(agency__code="SXD")

    sxd, head, canbo = (
        User.objects.get(username=name) for name in ("so_xaydung", "truongban", "canbo")
    )
    # Two working days before: nothing yet.
    assert reminders.dossier_deadlines(add_working_days(due, -2)) == 0
    # The working day before: the agency's officer, once.
    assert reminders.dossier_deadlines(add_working_days(due, -1)) == 1
    assert reminders.dossier_deadlines(due) == 0  # told already for this due date
    day = due.strftime("%d/%m/%Y")
    assert any(f"hạn nộp ngày {day}" in m for m in _inbox(sxd))
    assert not _inbox(head)
    # Late: the officer and the Board head; a letter to the agency's head.
    after = add_working_days(due, 1)
    assert reminders.dossier_deadlines(after) == 2
    assert reminders.dossier_deadlines(add_working_days(due, 2)) == 0  # once
    assert any(f"Quá hạn từ ngày {day}: Sở Xây dựng" in m for m in _inbox(head))
    assert any("Quá hạn" in m for m in _inbox(sxd))
    assert not any("Sở Xây dựng" in m for m in _inbox(canbo))  # the head is escalated to
    mail = AgencyMail.objects.get(agency=late.agency)
    assert mail.subject.startswith("Đôn đốc nộp hồ sơ vụ việc")
    assert "Kính gửi: Thủ trưởng Sở Xây dựng" in mail.body and day in mail.body
    # Handed in late: accepted, marked late, and no longer reminded.
    write_briefing(
        late,
        {"case_history": "Quá trình.", "decisions": "Quyết định.", "proposal": "Đề xuất."},
        by=sxd,
    )
    workflow.apply(late, "submit", by=sxd, at=at(after, 15))
    workflow.apply(late, "accept", by=canbo, at=at(after, 16))
    late.refresh_from_db()
    assert (late.state, late.submitted_late) == ("accepted", True)
    assert reminders.dossier_deadlines(add_working_days(due, 3)) == 0


def test_no_reminder_for_a_cancelled_or_past_session(planned_session, role_users, four_agencies):
    workflow.apply(planned_session, "approve", by=role_users["chutich"])
    due = add_working_days(planned_session.date, -3)
    # After the session's day nothing is asked any more.
    assert reminders.dossier_deadlines(add_working_days(planned_session.date, 1)) == 0
    reason = "Hoãn vô thời hạn."
    workflow.apply(planned_session, "cancel", by=role_users["truongban"], comment=reason)
    # The agencies are no longer asked: every dossier withdrawn, with the session's reason.
    assert set(planned_session.dossiers.values_list("state", flat=True)) == {"cancelled"}
    assert reminders.dossier_deadlines(add_working_days(due, 1)) == 0

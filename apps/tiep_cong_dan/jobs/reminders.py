"""Reminders of what the law and the scheme time, each sent once (keyed):
- Law Art. 28: the citizen must be told within 10 working days whether the case is
  accepted; the Board is reminded 2 working days before and on the day it is overdue.
- Decree 154 Art. 4(3): the refusal notice (form 01/TCD) is issued within 3 working
  days of the refusal; the Board is reminded on its last day and once it is overdue.
- Decree 154 Art. 23, per session ahead: invitations due 5 working days before; the
  connection tests due 1 working day before; on the day, every point connected 1 hour
  before the start.
- Assignments: the agency 3 working days before the deadline; once overdue, the agency
  and its head, and the Board (escalation).
- Hearing dossiers (scheme V.1.2, V.1.3): the agency 1 working day before the due date;
  once late, the agency and its head, and the Board head (escalation).
Nothing entered from the records of past years (imports/history/) is reminded of: its
deadlines passed before the system knew it, and what happened then is recorded. A
task brought in still open with a deadline after the day it was imported is followed
up like any other from then on."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ..access.roles import BOARD, Role
from ..core.site_profile import site_profile
from ..doctype.hearing_dossier.constants import OWED_STATES, REMIND_WORKING_DAYS
from ..doctype.hearing_dossier.models import HearingDossier
from ..doctype.hearing_dossier.services import officers_of
from ..doctype.notification.agency_mail import mail_agency
from ..doctype.notification.services import desk_link, notify, users_in_roles, users_of_agency
from ..doctype.petition.models import Petition
from ..doctype.reception_session.constants import (
    CONNECT_HOURS_BEFORE,
    NOTICE_WORKING_DAYS,
    OPEN_SESSION_STATES,
    TEST_WORKING_DAYS,
)
from ..doctype.reception_session.models import ReceptionSession
from ..doctype.result_notice.constants import OPEN_ASSIGNMENT_STATES
from ..doctype.result_notice.models import Assignment
from ..doctype.working_calendar.services import add_working_days
from ..scheduling.agenda import point_readiness

AHEAD = ("planned", "approved", "announced", "tested", "connected")


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def acceptance_deadlines(today: datetime.date) -> int:
    """Cases not yet told of their acceptance (Law Art. 28)."""
    sent = 0
    soon = add_working_days(today, 2)
    waiting = Petition.objects.filter(
        acceptance_deadline__isnull=False,
        acceptance_deadline__lte=soon,
        acceptance_notified_on=None,
        from_records__isnull=True,
    ).exclude(state__in=("withdrawn", "closed", "refused", "transferred", "voided"))
    board = list(users_in_roles(BOARD))
    for p in waiting.iterator():
        stage = "overdue" if p.acceptance_deadline < today else "due"
        text = (
            _("Case %(number)s: the Art. 28 notice to the citizen was due on %(day)s.")
            if stage == "overdue"
            else _("Case %(number)s: tell the citizen whether it is accepted by %(day)s (Art. 28).")
        ) % {"number": p.registration_number, "day": _d(p.acceptance_deadline)}
        sent += notify(board, text, link=desk_link(p), key=f"art28-{stage}:{p.pk}")
    return sent


def refusal_notice_deadlines(today: datetime.date) -> int:
    """Refusals whose notice (form 01/TCD, Decree 154 Art. 4(3)) is not yet issued."""
    sent = 0
    waiting = Petition.objects.filter(
        refusal_notice_due__isnull=False,
        refusal_notice_due__lte=today,
        refusal_notice_date=None,
        from_records__isnull=True,
    ).exclude(state__in=("withdrawn", "voided"))
    board = list(users_in_roles(BOARD))
    for p in waiting.iterator():
        stage = "overdue" if p.refusal_notice_due < today else "due"
        text = (
            _("Case %(number)s: the refusal notice (form 01/TCD) was due on %(day)s.")
            if stage == "overdue"
            else _("Case %(number)s: issue the refusal notice (form 01/TCD) today, %(day)s.")
        ) % {"number": p.registration_number, "day": _d(p.refusal_notice_due)}
        sent += notify(board, text, link=desk_link(p), key=f"form01-{stage}:{p.pk}")
    return sent


def session_timeline(today: datetime.date) -> int:
    sent = 0
    board = list(users_in_roles(BOARD))
    technicians = list(users_in_roles([Role.TECHNICIAN]))
    ahead = ReceptionSession.objects.filter(
        date__gte=today, state__in=AHEAD, from_records__isnull=True
    )
    for session in ahead:
        link = desk_link(session)
        notice_by = add_working_days(session.date, -NOTICE_WORKING_DAYS)
        unsent = session.invitations.filter(sent_at__isnull=True).count()
        if unsent and today >= notice_by:
            sent += notify(
                board,
                _("%(session)s: %(count)s invitation(s) not sent; they were due by %(day)s.")
                % {"session": session, "count": unsent, "day": _d(notice_by)},
                link=link,
                key=f"invitations:{session.pk}:{today}",
            )
        test_by = add_working_days(session.date, -TEST_WORKING_DAYS)
        if session.has_online_hearing() and today >= test_by:
            missing = [
                p.name for p in session.participant_points() if not point_readiness(p, session.date)
            ]
            if missing:
                sent += notify(
                    technicians + board,
                    _("%(session)s: connection tests due by %(day)s for: %(points)s.")
                    % {"session": session, "day": _d(test_by), "points": ", ".join(missing)},
                    link=link,
                    key=f"tests:{session.pk}:{today}",
                )
        if session.date == today and session.has_online_hearing():
            start = datetime.datetime.combine(today, session.start_time)
            connect_by = (start - datetime.timedelta(hours=CONNECT_HOURS_BEFORE)).time()
            sent += notify(
                technicians,
                _("%(session)s today: every point connected by %(time)s.")
                % {"session": session, "time": connect_by.strftime("%H:%M")},
                link=link,
                key=f"connect:{session.pk}",
            )
    return sent


def _history(task: Assignment) -> bool:
    """A task from the records whose deadline had passed when it was imported."""
    source = task.from_records
    return source is not None and task.deadline < timezone.localtime(source.imported_at).date()


def assignment_deadlines(today: datetime.date) -> int:
    sent = 0
    soon = add_working_days(today, 3)
    board = list(users_in_roles(BOARD))
    open_tasks = Assignment.objects.filter(
        state__in=OPEN_ASSIGNMENT_STATES, deadline__isnull=False, deadline__lte=soon
    ).select_related("agency", "notice", "petition", "from_records")
    for task in open_tasks.iterator():
        if _history(task):
            continue
        link = desk_link(task)
        values = {
            "agency": task.agency.name,
            "notice": task.notice.number or "",
            "day": _d(task.deadline),
            "number": task.petition.registration_number,
        }
        if task.deadline >= today:
            sent += notify(
                users_of_agency(task.agency),
                _("Assignment of notice %(notice)s (case %(number)s) is due on %(day)s.") % values,
                link=link,
                key=f"assignment-due:{task.pk}:{task.deadline}",
            )
            continue
        text = (
            _(
                "Overdue since %(day)s: %(agency)s's assignment of notice %(notice)s "
                "(case %(number)s)."
            )
            % values
        )
        sent += notify(
            [*users_of_agency(task.agency), *board],
            text,
            link=link,
            key=f"assignment-overdue:{task.pk}:{task.deadline}",
        )
        # And a letter to the agency's official mailbox, which reaches its head.
        mail_agency(
            task.agency,
            key=f"assignment-overdue:{task.pk}:{task.deadline}",
            subject=f"Đôn đốc thực hiện nhiệm vụ quá hạn theo Thông báo {values['notice']}",
            body=(
                f"Kính gửi: Thủ trưởng {task.agency.name}\n\n"
                f"Nhiệm vụ được giao tại Thông báo kết quả tiếp công dân số {values['notice']} "
                f"(đơn {values['number']}): {task.task}\nThời hạn: {values['day']}, đến nay chưa "
                "có báo cáo kết quả. Đề nghị quý cơ quan khẩn trương thực hiện và báo cáo Ban "
                f"Tiếp công dân tỉnh.\n\n{site_profile().board}"
            ),
        )
    return sent


def dossier_deadlines(today: datetime.date) -> int:
    """Hearing dossiers still owed (scheme V.1.2, V.1.3): the agency's officers are
    reminded from REMIND_WORKING_DAYS working days before the due date; once it has
    passed, the agency's officers and the Board head are told, and a letter goes to the
    agency's official mailbox, which reaches its head. Each once per due date."""
    sent = 0
    soon = add_working_days(today, REMIND_WORKING_DAYS)
    heads = list(users_in_roles([Role.BOARD_HEAD]))
    owed = (
        HearingDossier.objects.filter(
            state__in=OWED_STATES,
            due_date__lte=soon,
            session__state__in=OPEN_SESSION_STATES,
            session__date__gte=today,
        )
        .select_related("agency", "session", "petition")
        .order_by("due_date", "pk")
    )
    for dossier in owed.iterator():
        officers = list(officers_of(dossier.agency))
        values = {
            "agency": dossier.agency.name,
            "number": dossier.petition.registration_number,
            "session": str(dossier.session),
            "day": _d(dossier.due_date),
        }
        link = desk_link(dossier)
        if dossier.due_date >= today:
            sent += notify(
                officers,
                _("The dossier of case %(number)s for %(session)s is due on %(day)s.") % values,
                link=link,
                key=f"dossier-due:{dossier.pk}:{dossier.due_date}",
            )
            continue
        sent += notify(
            [*officers, *heads],
            _("Late since %(day)s: %(agency)s's dossier of case %(number)s for %(session)s.")
            % values,
            link=link,
            key=f"dossier-late:{dossier.pk}:{dossier.due_date}",
        )
        mail_agency(
            dossier.agency,
            key=f"dossier-late:{dossier.pk}:{dossier.due_date}",
            subject=f"Đôn đốc nộp hồ sơ vụ việc {values['number']} phục vụ tiếp công dân",
            body=(
                f"Kính gửi: Thủ trưởng {dossier.agency.name}\n\n"
                f"Hồ sơ, tài liệu vụ việc {values['number']} phục vụ {values['session']} "
                f"(Đề án tiếp công dân trực tuyến, mục V.1) hạn nộp ngày {values['day']}, đến "
                "nay cơ quan chưa nộp. Đề nghị quý cơ quan khẩn trương hoàn thiện và nộp trên "
                f"hệ thống trước ngày tiếp.\n\n{site_profile().board}"
            ),
        )
    return sent

"""The workflow steps a record of the past went through, each dated on its day.

The register gives the days (receipt, the Art. 28 notice, the hearing, the result
notice, the tasks' reports); the steps between them that the records do not date
(classifying, the session's planning and announcement…) are put on the day they
must have happened by, in their order, so the event log reads in the order of the
workflow and every report of a period counts each step in the right one:

- petition: received → (Art. 28 notice) → classified → approved (in person: the Board
  head's admission; online: proposed, endorsed, approved) on the receipt day or the
  Art. 28 notice's; scheduled on the session's morning; heard at its turn in the
  session; concluded on the result notice's day; followed up when its last task was
  settled; closed or withdrawn when the register says so;
- session: created and prepared on its morning (in person: held at the Reception
  Office; online: planned, approved, announced, tested, connected), started, finished
  and closed on its day;
- result notice: drafted, reviewed, submitted, issued and distributed on its day;
- task: open on the notice's day; reported, accepted, returned or cancelled on the day
  reported."""

import datetime

from django.utils import timezone

from ...doctype.result_notice.constants import AssignmentState
from ...workflow import PastStep
from .layout import CLOSED, WITHDRAWN
from .plan import Hearing, Notice, Session, Task

IN_PERSON_HOURS = (datetime.time(8, 0), datetime.time(11, 30))
ONLINE_HOURS = (datetime.time(14, 0), datetime.time(17, 0))
NOTED = "Theo hồ sơ"


def moment(day: datetime.date, clock: datetime.time, minutes: int = 0) -> datetime.datetime:
    """`clock` on `day` (and `minutes` after) in the province's time."""
    at = datetime.datetime.combine(day, clock) + datetime.timedelta(minutes=minutes)
    return at.replace(tzinfo=timezone.get_default_timezone())


def hours(session: Session) -> tuple[datetime.time, datetime.time]:
    return ONLINE_HOURS if session.online else IN_PERSON_HOURS


def hearing_time(session: Session, position: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The turn of the `position`-th hearing (from 1): the session's hours shared out."""
    start, end = (moment(session.day, t) for t in hours(session))
    share = (end - start) / max(len(session.hearings), 1)
    return start + share * (position - 1), start + share * position


def session_steps(session: Session) -> tuple[datetime.datetime, list[PastStep]]:
    day, (start, end) = session.day, hours(session)
    prepared = ["plan", "approve", "announce", "confirm_tests", "connect"]
    steps = [
        PastStep(action, moment(day, datetime.time(7, 0), i + 1))
        for i, action in enumerate(prepared if session.online else ["hold_in_person"])
    ]
    steps += [
        PastStep("start", moment(day, start)),
        PastStep("finish", moment(day, end)),
        PastStep("close", moment(day, end, 1)),
    ]
    return moment(day, datetime.time(7, 0)), steps


def notice_opened(notice: Notice) -> datetime.datetime:
    """When the notice's steps begin: its day's morning, or after the session when it
    was issued the day the citizens were heard."""
    opened = moment(notice.day, datetime.time(8, 0))
    if notice.day == notice.session.day:
        opened = max(opened, moment(notice.day, hours(notice.session)[1], 10))
    return opened


def notice_issued(notice: Notice) -> datetime.datetime:
    return notice_opened(notice) + datetime.timedelta(hours=1)


def notice_steps(notice: Notice) -> tuple[datetime.datetime, list[PastStep]]:
    opened, minute = notice_opened(notice), datetime.timedelta(minutes=1)
    issued = notice_issued(notice)
    return opened, [
        PastStep("review", opened + minute),
        PastStep("submit", opened + 2 * minute),
        PastStep("issue", issued),
        PastStep("distribute", issued + 30 * minute),
    ]


TASK_PATHS = {
    AssignmentState.OPEN: [],
    AssignmentState.REPORTED: ["report"],
    AssignmentState.ACCEPTED: ["report", "accept"],
    AssignmentState.RETURNED: ["report", "return"],
    AssignmentState.CANCELLED: ["cancel"],
}


def task_steps(task: Task) -> tuple[datetime.datetime, list[PastStep]]:
    started = notice_issued(task.notice) + datetime.timedelta(minutes=1)
    steps = []
    if task.reported is not None:
        reported = max(moment(task.reported, datetime.time(10, 0)), started)
        steps = [
            PastStep(action, reported + datetime.timedelta(minutes=i), NOTED if i else "")
            for i, action in enumerate(TASK_PATHS[task.obj.state], start=1)
        ]
    return started, steps


def settled_on(hearing: Hearing) -> datetime.datetime | None:
    """When the last of the hearing's tasks was accepted or cancelled, if all were."""
    done = (AssignmentState.ACCEPTED, AssignmentState.CANCELLED)
    if not hearing.tasks or any(t.obj.state not in done for t in hearing.tasks):
        return None
    return max(task_steps(t)[1][-1].at for t in hearing.tasks)


def petition_steps(hearing: Hearing, session: Session) -> tuple[datetime.datetime, list[PastStep]]:
    received = moment(hearing.registered, datetime.time(8, 0))
    steps = []
    decided_on = hearing.registered
    if hearing.acceptance:
        steps.append(
            PastStep("notify_acceptance", moment(hearing.acceptance[1], datetime.time(8, 30)))
        )
        decided_on = hearing.acceptance[1]
    decided = moment(decided_on, datetime.time(9, 0))
    steps.append(PastStep("classify", decided))
    if hearing.point is not None:  # heard online: proposed, endorsed, approved
        steps += [
            PastStep(a, decided + datetime.timedelta(minutes=i + 1))
            for i, a in enumerate(("propose", "endorse", "approve"))
        ]
    else:
        steps.append(PastStep("admit_in_person", decided + datetime.timedelta(minutes=1)))
    steps.append(PastStep("schedule", moment(session.day, datetime.time(7, 0), 10)))
    heard_at, heard_end = hearing_time(session, hearing.item.position)
    steps.append(PastStep("hear", heard_at))
    last = heard_end
    if hearing.notice is not None:
        last = notice_issued(hearing.notice) + datetime.timedelta(minutes=1)
        steps.append(PastStep("conclude", last))
        settled = settled_on(hearing)
        if settled is not None:
            last = settled + datetime.timedelta(minutes=1)
            steps.append(PastStep("follow_up", last))
    if hearing.outcome == CLOSED:
        steps.append(PastStep("close", last + datetime.timedelta(minutes=1), NOTED))
    elif hearing.outcome == WITHDRAWN:
        steps.append(PastStep("withdraw", last + datetime.timedelta(minutes=1), NOTED))
    return received, steps

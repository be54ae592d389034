"""Rules and effects of the result notice and assignment workflows
(result_notice.yaml, assignment.yaml)."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...access.roles import BOARD, Role, roles_of
from ...access.scope import agency_scope_ids
from ...core.naming import take_next_number
from ...workflow.notifications import Recipients, message_values, recipients
from ...workflow.registry import condition, effect, reserve
from ..notification.services import users_of_agency
from ..petition.constants import PetitionState
from ..reception_session.constants import HELD_SESSION_STATES
from ..working_calendar.services import add_working_days
from .constants import (
    IN_FORCE_STATES,
    ISSUED_STATES,
    NOTICE_SERIES,
    OPEN_ASSIGNMENT_STATES,
    AssignmentState,
    NoticeState,
)
from .models import Conclusion

N = "result_notice"
A = "assignment"


# -- the petition's steps that ask about its result notices -------------------------
# Declared here, beside the notices they read (the petition's folder stays below this
# one); petition.yaml names them like its own.
P = "petition"


@condition(P, "conclusion_issued", gettext_lazy("An issued result notice concludes it"))
def conclusion_issued(ctx):
    if not ctx.doc.conclusions.filter(notice__state__in=IN_FORCE_STATES).exists():
        return _("The Chairman's conclusion is not yet in an issued result notice.")


@condition(P, "assignments_settled", gettext_lazy("Every assignment is accepted or cancelled"))
def assignments_settled(ctx):
    open_count = ctx.doc.assignments.filter(state__in=OPEN_ASSIGNMENT_STATES).count()
    if open_count:
        return _("%(count)s assignment(s) are still being followed up.") % {"count": open_count}


def format_notice_number(seq: int) -> str:
    # Decree 30/2020: numbers below 10 are written with a leading zero ("05/TB-UBND").
    return f"{seq:02d}/{NOTICE_SERIES}"


@condition(N, "has_conclusions", gettext_lazy("The notice has a conclusion for each hearing"))
def has_conclusions(ctx):
    notice = ctx.doc
    if not notice.conclusions.exists():
        return _("Write the Chairman's conclusion for at least one hearing.")
    heard = set(
        notice.session.agenda_items.filter(heard=True).values_list("petition_id", flat=True)
    )
    # A supplementary notice may conclude what an earlier one of the session left.
    concluded = Conclusion.objects.filter(notice__session=notice.session).values_list(
        "petition_id", flat=True
    )
    missing = heard - set(concluded)
    if missing:
        return _("%(count)s hearing(s) of the session have no conclusion yet.") % {
            "count": len(missing)
        }


@condition(N, "session_held", gettext_lazy("The session was held"))
def session_held(ctx):
    if ctx.doc.session.state not in HELD_SESSION_STATES:
        return _("The session has not been held yet.")


@condition(
    N,
    "assignments_have_deadlines",
    gettext_lazy("Every assignment has a deadline, not before the notice is issued"),
)
def assignments_have_deadlines(ctx):
    if ctx.doc.assignments.filter(deadline__isnull=True, working_days__isnull=True).exists():
        return _("Give every assignment a deadline.")
    # A date typed in the draft may have passed by the time the notice is signed (it is
    # issued today at the earliest); counted in working days, it is counted from issue.
    issue = ctx.doc.issued_date or ctx.today
    passed = ctx.doc.assignments.filter(working_days__isnull=True, deadline__lt=issue)
    if passed.exists():
        return _("These tasks' deadlines fall before the notice's issue (%(date)s): %(list)s.") % {
            "date": issue.strftime("%d/%m/%Y"),
            "list": "; ".join(
                f"{a.agency} ({a.deadline:%d/%m/%Y})" for a in passed.select_related("agency")
            ),
        }


@condition(N, "signer_recorded", gettext_lazy("The signer is recorded"))
def signer_recorded(ctx):
    if not (ctx.doc.signer_name and ctx.doc.signer_title):
        return _("Record who signs the notice and their title.")


@condition(N, "recipients_listed", gettext_lazy("The recipients are listed"))
def recipients_listed(ctx):
    if not ctx.doc.recipients.strip():
        return _("List the recipients (Nơi nhận).")


@effect(N, "assign_notice_number", gettext_lazy("Number the notice from the yearly register"))
def assign_notice_number(ctx):
    notice = ctx.doc
    notice.issued_date = ctx.today
    if notice.number:
        return  # numbered once, never again
    year = ctx.today.year
    seq = take_next_number(f"{NOTICE_SERIES}-{year}")
    notice.number_year, notice.number_seq = year, seq
    notice.number = format_notice_number(seq)


@effect(N, "set_assignment_deadlines", gettext_lazy("Count deadlines in working days from issue"))
def set_assignment_deadlines(ctx):
    for a in ctx.doc.assignments.filter(working_days__isnull=False):
        a.deadline = add_working_days(ctx.today, a.working_days)
        a.save(update_fields=["deadline"])


@effect(
    N,
    "conclude_petitions",
    gettext_lazy("The concluded hearings' petitions move on"),
    follow_on=True,
)
def conclude_petitions(ctx):
    from ... import workflow

    for c in ctx.doc.conclusions.select_related("petition"):
        if c.petition.state == PetitionState.HEARD:
            workflow.apply(c.petition, "conclude", at=ctx.at, caused_by=ctx.event)


# -- a correction notice replacing an issued one -------------------------------------
@condition(N, "replacement_issued", gettext_lazy("A notice replacing it has been issued"))
def replacement_issued(ctx):
    replacement = getattr(ctx.doc, "replaced_by", None)
    if replacement is None or replacement.state not in ISSUED_STATES:
        return _(
            "No notice replacing this one has been signed and issued: an issued notice is "
            "never edited, the Board drafts a notice that replaces it."
        )


@effect(
    N,
    "replace_earlier_notice",
    gettext_lazy("The notice this one replaces is marked replaced"),
    follow_on=True,
)
def replace_earlier_notice(ctx):
    from ... import workflow

    earlier = ctx.doc.replaces
    if earlier is None or earlier.state == NoticeState.REPLACED:
        return
    workflow.apply(
        earlier,
        "replace",
        comment=_("Replaced by notice %(number)s of %(date)s.")
        % {"number": ctx.doc.number, "date": ctx.doc.issued_date.strftime("%d/%m/%Y")},
        at=ctx.at,
        caused_by=ctx.event,
    )


@effect(
    N,
    "cancel_replaced_tasks",
    gettext_lazy("The replaced notice's open tasks are cancelled (the new notice's stand)"),
    follow_on=True,
)
def cancel_replaced_tasks(ctx):
    from ... import workflow

    # A task the agency has reported stays to be accepted or returned under the notice
    # it was given by; the others are carried by the replacement, if it keeps them.
    number = ctx.doc.replaced_by.number
    for task in ctx.doc.assignments.filter(
        state__in=(AssignmentState.OPEN, AssignmentState.RETURNED)
    ).order_by("pk"):
        workflow.apply(
            task,
            "cancel",
            comment=_("Cancelled: notice %(number)s replaces the notice that gave it.")
            % {"number": number},
            at=ctx.at,
            caused_by=ctx.event,
        )


@message_values(N, placeholders=("number", "session"))
def notice_values(doc) -> dict:
    """What a message about a notice may name (result_notice.yaml `notify`)."""
    return {"number": doc.number or "", "session": str(doc.session)}


@recipients(
    N,
    "assigned_agencies",
    gettext_lazy("The agencies the notice assigns a task, each with its own deadline"),
    placeholders=("deadline",),
)
def assigned_agencies(doc):
    for a in doc.assignments.select_related("agency"):
        deadline = a.deadline.strftime("%d/%m/%Y") if a.deadline else "—"
        yield Recipients(users_of_agency(a.agency), a, {"deadline": deadline})


# -- assignments ---------------------------------------------------------------
@condition(A, "notice_issued", gettext_lazy("The result notice is issued"))
def notice_issued(ctx):
    if ctx.doc.notice.state not in ISSUED_STATES:
        return _("The result notice is not issued yet.")


def _own_tasks(user) -> Q | None:
    """The tasks `reported_by_assigned_agency` lets `user` report on."""
    if roles_of(user) & BOARD:
        return None
    return Q(agency_id__in=agency_scope_ids(user))


@condition(
    A,
    "reported_by_assigned_agency",
    gettext_lazy("The assigned agency or the Board reports"),
    rows=_own_tasks,
)
def reported_by_assigned_agency(ctx):
    if ctx.user is None or ctx.roles & BOARD:
        return None
    if ctx.doc.agency_id not in agency_scope_ids(ctx.user):
        return _("Only %(agency)s or the Board reports on this task.") % {"agency": ctx.doc.agency}


@condition(A, "report_written", gettext_lazy("The agency's report and date are given"))
def report_written(ctx):
    if not (ctx.doc.report.strip() and ctx.doc.done_on):
        return _("Write the agency's report and the date the task was done.")


@message_values(A, placeholders=("agency", "number"))
def assignment_values(doc) -> dict:
    """What a message about a task may name (assignment.yaml `notify`)."""
    return {"agency": str(doc.agency), "number": doc.notice.number or ""}


@recipients(A, "assigned_agency", gettext_lazy("The officers of the agency the task is given to"))
def assigned_agency(doc):
    yield Recipients(users_of_agency(doc.agency), doc, {})


@effect(
    A,
    "follow_up_petition",
    "When all its tasks are settled, the petition is followed up",
    follow_on=True,
)
def follow_up_petition(ctx):
    from ... import workflow

    petition = ctx.doc.petition
    if petition.state != PetitionState.CONCLUDED:
        return
    if petition.assignments.filter(state__in=OPEN_ASSIGNMENT_STATES).exists():
        return
    workflow.apply(petition, "follow_up", at=ctx.at, caused_by=ctx.event)


# -- Steps the law and the scheme reserve ------------------------------------
# workflow/reservations.py holds every declaration to these; none of their rules
# may be overridden.
reserve(
    N,
    "issue",
    roles={Role.CHAIRMAN},
    conditions=("session_held", "has_conclusions", "assignments_have_deadlines", "signer_recorded"),
    # Signed as it is issued (print_format/signing): the signed file is what carries
    # the legal value of the paper notice.
    effects=(
        "assign_notice_number",
        "set_assignment_deadlines",
        "sign_document",
        "replace_earlier_notice",
    ),
    from_states={"submitted"},
    guards=("issued", "distributed"),
    source="Nghị định 154/2026/NĐ-CP, Điều 25 khoản 2 và Điều 24 khoản 2; Đề án tiếp công "
    "dân trực tuyến, mục V.1.1 (Ban dự thảo, trình Chủ tịch UBND tỉnh)",
)
# An issued (signed) notice is revoked only by the notice that replaces it, never edited;
# nothing else reaches "replaced".
reserve(
    N,
    "replace",
    conditions=("replacement_issued",),
    effects=("cancel_replaced_tasks",),
    from_states={"issued", "distributed"},
    guards=("replaced",),
    source="Nghị định 154/2026/NĐ-CP, Điều 24 khoản 2 (dữ liệu điện tử đã ký số có giá trị "
    "như hồ sơ giấy); Nghị định 30/2020/NĐ-CP về công tác văn thư",
)
# A signed notice goes out with its issuing body's signature over the Chairman's.
reserve(
    N,
    "distribute",
    conditions=("sealed_if_signed",),
    source="Nghị định 30/2020/NĐ-CP, Phụ lục I (chữ ký số của cơ quan, tổ chức)",
)
# The agency assigned the task reports its result (the Board may record it for them).
reserve(
    A,
    "report",
    roles=BOARD | {Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER},
    conditions=("notice_issued", "reported_by_assigned_agency"),
    from_states={"open", "returned"},
    guards=("reported", "accepted"),
    source="Nghị định 154/2026/NĐ-CP, Điều 25 khoản 2 (cơ quan được giao gửi kết quả giải quyết)",
)

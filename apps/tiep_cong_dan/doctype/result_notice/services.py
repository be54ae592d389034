"""Writes to result notices and assignments outside their workflow steps."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ... import workflow
from .constants import IN_FORCE_STATES, OPEN_ASSIGNMENT_STATES, AssignmentState
from .models import Assignment, Conclusion, ResultNotice


@transaction.atomic
def draft_result_notice(
    notice: ResultNotice, *, by=None, at: datetime.datetime | None = None
) -> ResultNotice:
    """Start a result notice as a draft of the Board and log it."""
    notice.full_clean(exclude=["number"])
    if by is not None:
        notice._history_user = by
    notice.save()
    workflow.record_start(notice, by=by, at=at)
    _conclusions_from_hearings(notice)
    return notice


@transaction.atomic
def draft_notice_for_session(session, *, by=None) -> ResultNotice:
    """ "Lập thông báo kết quả" from a held session: the draft notice, its conclusions
    taken from what the console recorded at each hearing. Refused while the session is
    not held, and when it already has a notice (the refusal names it in `params`). The
    session's row is locked so that two clicks make one notice."""
    from ..reception_session.models import ReceptionSession

    locked = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    refusal = why_no_notice_for(locked)
    if refusal is not None:
        raise refusal
    notice = ResultNotice(session=locked, signer_name=locked.presiding_official[:120])
    return draft_result_notice(notice, by=by)


def why_no_notice_for(session) -> ValidationError | None:
    """Why a notice cannot be drawn up from `session` now, or None."""
    from ..reception_session.constants import HELD_SESSION_STATES

    existing = ResultNotice.objects.filter(session=session).order_by("pk").first()
    if existing is not None:
        return ValidationError(
            _("This session already has a result notice: %(notice)s."),
            code="notice_exists",
            params={"notice": existing},
        )
    if session.state not in HELD_SESSION_STATES:
        return ValidationError(
            _("This session has not been held yet: a result notice is drawn up once it is."),
            code="session_not_heard",
        )
    return None


@transaction.atomic
def draft_replacement(
    notice: ResultNotice, *, by=None, at: datetime.datetime | None = None
) -> ResultNotice:
    """ "Lập thông báo thay thế": an issued notice is never edited; a correction is a new
    notice of the same session that replaces it once the Chairman signs it. The draft
    starts as a copy of the notice: its signer, recipients, conclusions and the tasks
    still to be done (a task the agency has reported stays with the notice that gave
    it). The notice's row is locked, so two clicks make one draft."""
    locked = ResultNotice.objects.select_for_update().get(pk=notice.pk)
    refusal = why_no_replacement_for(locked)
    if refusal is not None:
        raise refusal
    draft = ResultNotice(
        session=locked.session,
        replaces=locked,
        signer_name=locked.signer_name,
        signer_title=locked.signer_title,
        recipients=locked.recipients,
    )
    draft.full_clean(exclude=["number"])
    if by is not None:
        draft._history_user = by
    draft.save()
    workflow.record_start(draft, by=by, at=at)
    Conclusion.objects.bulk_create(
        Conclusion(notice=draft, petition_id=c.petition_id, text=c.text)
        for c in locked.conclusions.order_by("pk")
    )
    kept = locked.assignments.filter(
        state__in=(AssignmentState.OPEN, AssignmentState.RETURNED)
    ).order_by("pk")
    for task in kept:
        copy = Assignment(
            notice=draft,
            petition_id=task.petition_id,
            agency_id=task.agency_id,
            task=task.task,
            # Counted in working days, it is counted again from the new issue; a date
            # stays the date the agency was given.
            deadline=None if task.working_days else task.deadline,
            working_days=task.working_days,
        )
        assign_task(copy, by=by, at=at)
    return draft


def why_no_replacement_for(notice: ResultNotice) -> ValidationError | None:
    """Why `notice` cannot be replaced now, or None (the refusal's `params` name a
    replacement that exists)."""
    existing = ResultNotice.objects.filter(replaces=notice).first()
    if existing is not None:
        return ValidationError(
            _("This notice already has a replacement: %(notice)s."),
            code="replacement_exists",
            params={"notice": existing},
        )
    if notice.state not in IN_FORCE_STATES:
        return ValidationError(
            _("Only an issued notice in force is replaced; a draft is edited."),
            code="notice_not_issued",
        )
    return None


def _conclusions_from_hearings(notice: ResultNotice) -> None:
    """The Chairman's conclusions taken down during the hearings open the draft (those
    not concluded by an earlier notice of the session)."""
    concluded = Conclusion.objects.filter(notice__session=notice.session).values("petition_id")
    for item in (
        notice.session.agenda_items.filter(heard=True)
        .exclude(conclusion_draft="")
        .exclude(petition_id__in=concluded)
    ):
        Conclusion.objects.create(notice=notice, petition=item.petition, text=item.conclusion_draft)


@transaction.atomic
def assign_task(
    assignment: Assignment, *, by=None, at: datetime.datetime | None = None
) -> Assignment:
    """Give an agency a task in a notice; its follow-up starts as open."""
    assignment.full_clean()
    if by is not None:
        assignment._history_user = by
    assignment.save()
    workflow.record_start(assignment, by=by, at=at)
    return assignment


TRANSFER_ACTION, TRANSFER_LABEL = "transfer", "Chuyển cơ quan thực hiện"


@transaction.atomic
def transfer_task(
    assignment: Assignment,
    *,
    to,
    reason: str,
    by=None,
    at: datetime.datetime | None = None,
) -> Assignment:
    """Hand an assignment still being followed up to another agency (the successor of
    a merged one), in its state: the change history and the event log keep the reason."""
    if not reason.strip():
        raise ValidationError(_("Give the reason the task changes hands."), code="reason_required")
    current = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if current.state not in OPEN_ASSIGNMENT_STATES:
        raise ValidationError(
            _("Only a task still being followed up changes hands."), code="task_closed"
        )
    current.agency = to
    current.full_clean()
    if by is not None:
        current._history_user = by
    # The history keeps 100 characters of the reason; the event log keeps all of it.
    current._change_reason = reason if len(reason) <= 100 else reason[:99] + "…"
    current.save(update_fields=["agency"])
    workflow.record_note(
        current, action=TRANSFER_ACTION, label=TRANSFER_LABEL, comment=reason, by=by, at=at
    )
    assignment.agency = current.agency
    return current

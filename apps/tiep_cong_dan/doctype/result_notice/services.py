"""Writes to result notices and assignments outside their workflow steps."""

import datetime

from django.db import transaction

from ... import workflow
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

"""Writes to result notices and assignments outside their workflow steps."""

import datetime

from django.db import transaction

from ... import workflow
from .models import Assignment, ResultNotice


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
    return notice


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

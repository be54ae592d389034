"""Writes to reception sessions outside their workflow steps."""

import datetime

from django.db import transaction

from ... import workflow
from .models import ReceptionSession


@transaction.atomic
def create_session(
    session: ReceptionSession, *, by=None, at: datetime.datetime | None = None
) -> ReceptionSession:
    """Create a session in its workflow's first state and log its creation."""
    session.full_clean()
    if by is not None:
        session._history_user = by
    session.save()
    workflow.record_start(session, by=by, at=at)
    return session

"""The Chairman's queue: approved cases in registration order, the urgent first.

Those not reached at a session go back to `approved` and keep their registration
number, so they stay ahead of every newer registration (scheme I.2, I.3)."""

import datetime
from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ..doctype.petition.constants import PetitionState
from ..doctype.petition.models import Petition
from ..doctype.reception_session.models import AgendaItem

OPEN_AGENDA_STATES = ("draft", "planned", "approved", "announced", "tested", "connected")


def queue(qs: QuerySet | None = None) -> QuerySet:
    """Approved petitions not yet on an open agenda, in the order they will be heard."""
    qs = Petition.objects.all() if qs is None else qs
    on_agenda = AgendaItem.objects.filter(
        petition_id=OuterRef("pk"), session__state__in=OPEN_AGENDA_STATES
    )
    return (
        qs.filter(state=PetitionState.APPROVED)
        .exclude(Exists(on_agenda))
        .order_by("-urgent", "registration_year", "registration_seq")
    )


def queue_length(qs: QuerySet | None = None, parts: Sequence[Q] = ()) -> int:
    """How many cases `queue(qs)` holds, counted as the approved cases less those on an
    open agenda (a few hundred at most, looked up by key). Counted as `queue(qs)` is
    written, MariaDB read each of a quarter of a million approved cases and asked the
    agenda of each; this way the count is read from the state's index alone.

    `parts`: the reader's scope as disjoint conditions whose union is `qs` (the rule's
    `scope_branches(user).parts`), each counted from an index holding its columns: a
    district's approved cases, counted through its scope (an index merge of two
    columns, sorted), took 106 ms; by its two parts, 16 ms."""
    qs = Petition.objects.all() if qs is None else qs
    approved = qs.filter(state=PetitionState.APPROVED).order_by()
    on_agenda = set(
        AgendaItem.objects.filter(session__state__in=OPEN_AGENDA_STATES).values_list(
            "petition_id", flat=True
        )
    )
    taken = approved.filter(pk__in=on_agenda).count() if on_agenda else 0
    if parts:
        every = Petition.objects.filter(state=PetitionState.APPROVED).order_by()
        return sum(every.filter(part).count() for part in parts) - taken
    return approved.count() - taken


def waiting_days(petition: Petition, today: datetime.date | None = None) -> int:
    """Days since the case was received: what the citizen has waited so far."""
    return ((today or timezone.localdate()) - petition.received_date).days

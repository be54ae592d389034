"""Writes to hearing dossiers outside their workflow steps: opening a session's dossiers
when the Chairman approves it, the agency's briefing as it is written."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ... import workflow
from ...core.records import save_changes
from ..admin_unit.services import unit_on
from ..agency.models import Agency
from ..working_calendar.services import add_working_days
from .models import HearingDossier
from .permissions import COMMITTEE_KINDS

BRIEFING = ("case_history", "decisions", "proposal")


def due_date_for(session, today: datetime.date | None = None) -> datetime.date:
    """N working days before the session (N set on the session), but never before the
    day the agencies are asked: an agency is not late on the day it learns of it."""
    due = add_working_days(session.date, -session.dossier_working_days)
    return max(due, today or timezone.localdate())


def _committee_of(unit, day: datetime.date) -> Agency | None:
    """The People's Committee answering for `unit` on `day`: the committee of the unit
    that then held its ground (a commune merged since answers through its successor);
    before the 2025 reorganisation, the district's, whose committees held the cases."""
    if unit is None:
        return None
    held = unit_on(unit, day)
    for candidate in (held, held.parent):
        if candidate is None:
            continue
        found = (
            Agency.objects.filter(unit=candidate, kind__in=COMMITTEE_KINDS, active=True)
            .order_by("pk")
            .first()
        )
        if found is not None:
            return found
    return None


def agencies_for(item, day: datetime.date) -> list[Agency]:
    """The agencies concerned with a hearing: the case's own, then the People's
    Committee of the unit where the matter arises (scheme V.1.2, V.1.3)."""
    petition = item.petition
    found = list(petition.agencies_concerned.all())
    committee = _committee_of(petition.matter_unit, day)
    if committee is not None and committee not in found:
        found.append(committee)
    return found


@transaction.atomic
def open_dossiers(session, *, at: datetime.datetime | None = None) -> list[HearingDossier]:
    """One dossier per agency concerned with each hearing of the approved `session`,
    due `session.dossier_working_days` working days before it. Those already opened (a
    session returned and approved again) are kept as they are."""
    at = at or timezone.now()
    due = due_date_for(session, timezone.localtime(at).date())
    items = session.agenda_items.select_related("petition__matter_unit").prefetch_related(
        "petition__agencies_concerned"
    )
    existing = set(session.dossiers.values_list("agenda_item_id", "agency_id"))
    opened = []
    for item in items.order_by("position"):
        for agency in agencies_for(item, session.date):
            if (item.pk, agency.pk) in existing:
                continue
            dossier = HearingDossier(
                session=session,
                agenda_item=item,
                petition=item.petition,
                agency=agency,
                due_date=due,
            )
            dossier.save()
            workflow.record_start(dossier, at=at)
            opened.append(dossier)
    return opened


@transaction.atomic
def write_briefing(dossier: HearingDossier, changes: dict, *, by=None) -> HearingDossier:
    """The agency's briefing (history of the case, what was decided, its proposal) as
    typed: validated and kept in the change history; the state is left to the steps."""
    unknown = set(changes) - set(BRIEFING)
    if unknown:
        raise ValueError(f"not part of a briefing: {sorted(unknown)}")
    return save_changes(dossier, changes, by=by)


def officers_of(agency: Agency):
    """The active users who prepare `agency`'s dossiers: its officers and, for a People's
    Committee, the officers of its unit."""
    who = Q(tcd_scopes__agency=agency)
    if agency.kind in COMMITTEE_KINDS and agency.unit_id:
        who |= Q(tcd_scopes__unit_id=agency.unit_id)
    return get_user_model().objects.filter(who, is_active=True).distinct()

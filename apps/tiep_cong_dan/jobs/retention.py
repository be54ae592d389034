"""Retention of closed cases (TCD_RETENTION_YEARS): the personal data of a citizen
whose every case closed longer ago than the period is anonymised
(doctype/citizen/anonymisation.py). A case is closed when its petition is in a final
state of the petition's workflow as it stands in the database (editable in the desk),
since the step that put it there; a citizen with any other case, open or closed
within the period, as petitioner or as a group's representative, is left alone.

The petitions themselves (number, dates, kind, outcome) and their event history stay
for the statistics. Each citizen is anonymised in a transaction of their own, after
checking again under a row lock, so a run stopped half way leaves every citizen either
whole or anonymised, and a second run picks up the rest. Each run's count is the
job's recorded result (desk: "Kết quả chạy tác vụ"), and administrators are told in
their inbox whenever data was removed.

The same run erases the personal data of online requests decided longer ago than
TCD_REQUEST_RETENTION_DAYS (doctype/reception_request/retention.py), each in its own
transaction too, counted in the result as `requests_erased`."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..access.roles import Role
from ..doctype.citizen.anonymisation import anonymise_citizen
from ..doctype.citizen.models import Citizen
from ..doctype.notification.services import notify
from ..doctype.petition.models import Petition, PetitionRepresentative
from ..doctype.reception_request import retention as requests
from ..workflow.loader import definition
from ..workflow.models import WorkflowEvent

SAMPLE = 50  # citizen ids listed in a run's result; the count is always complete


def retention_years() -> int:
    years = settings.TCD_RETENTION_YEARS
    if years < 1:
        raise ImproperlyConfigured("TCD_RETENTION_YEARS must be a whole number of years, >= 1")
    return years


def cutoff_for(today: datetime.date, years: int) -> datetime.datetime:
    """The start of the day `years` before `today` (29 February: the 28th)."""
    try:
        day = today.replace(year=today.year - years)
    except ValueError:
        day = today.replace(year=today.year - years, day=28)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def final_states() -> list[str]:
    return [name for name, state in definition("petition").states.items() if state.final]


def expired_petitions(cutoff: datetime.datetime, petitions: QuerySet | None = None) -> QuerySet:
    """Petitions (of `petitions`, default all) in a final state since before `cutoff`.
    The step that closed them is the latest event into their current state; a petition
    without one is not taken as closed."""
    closed_at = (
        WorkflowEvent.objects.filter(
            doctype="petition", object_id=OuterRef("pk"), to_state=OuterRef("state")
        )
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    petitions = Petition.objects.all() if petitions is None else petitions
    return (
        petitions.filter(state__in=final_states())
        .annotate(closed_at=Subquery(closed_at))
        .filter(closed_at__lt=cutoff)
    )


def citizens_due(cutoff: datetime.datetime) -> QuerySet:
    """Citizens not yet anonymised with at least one expired case and no other."""
    expired = expired_petitions(cutoff).values("pk")
    as_petitioner = Petition.objects.filter(citizen_id=OuterRef("pk"))
    as_representative = PetitionRepresentative.objects.filter(citizen_id=OuterRef("pk"))
    has_expired = Exists(as_petitioner.filter(pk__in=expired)) | Exists(
        as_representative.filter(petition_id__in=expired)
    )
    has_other = Exists(as_petitioner.exclude(pk__in=expired)) | Exists(
        as_representative.exclude(petition_id__in=expired)
    )
    return Citizen.objects.filter(Q(anonymised_at__isnull=True), has_expired).exclude(has_other)


def _only_expired_cases(pk: int, cutoff: datetime.datetime) -> bool:
    """The selection's test for one citizen, over their own few cases only."""
    mine = set(
        Petition.objects.filter(Q(citizen_id=pk) | Q(representatives__citizen_id=pk))
        .values_list("pk", flat=True)
        .distinct()
    )
    expired = expired_petitions(cutoff, Petition.objects.filter(pk__in=mine))
    return bool(mine) and mine == set(expired.values_list("pk", flat=True))


def _anonymise_if_still_due(pk: int, cutoff: datetime.datetime) -> bool:
    with transaction.atomic():
        # Locked, then checked again: a case registered for them since the selection
        # keeps their data.
        citizen = Citizen.objects.select_for_update().filter(pk=pk).first()
        if citizen is None or citizen.anonymised_at or not _only_expired_cases(pk, cutoff):
            return False
        anonymise_citizen(citizen)
        return True


def _tell_administrators(count: int, cutoff: datetime.datetime, today: datetime.date) -> None:
    admins = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=Role.ADMINISTRATOR) | Q(is_superuser=True))
        .distinct()
    )
    link = reverse("admin:tiep_cong_dan_citizen_changelist") + "?anonymised_at__isnull=False"
    with translation.override("vi"):
        message = _(
            "Retention: the personal data of %(count)s citizen(s) whose cases all closed "
            "before %(date)s was anonymised."
        ) % {"count": count, "date": timezone.localtime(cutoff).strftime("%d/%m/%Y")}
    # One message per run that removed data (a run is identified by its moment).
    notify(admins, message, link=link, key=f"retention:{today}:{timezone.now():%H%M%S%f}")


def request_cutoff(today: datetime.date, days: int) -> datetime.datetime:
    """The start of the day `days` before `today`."""
    day = today - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _apply_to_requests(today: datetime.date, *, dry_run: bool) -> dict:
    days = requests.retention_days()
    cutoff = request_cutoff(today, days)
    due = list(requests.requests_due(cutoff).order_by("pk").values_list("pk", flat=True))
    result = {
        "request_days": days,
        "requests_decided_before": timezone.localtime(cutoff).date().isoformat(),
    }
    if dry_run:
        return {**result, "requests_due": len(due), "requests": due[:SAMPLE]}
    done = [pk for pk in due if requests.erase_if_still_due(pk, cutoff)]
    return {**result, "requests_erased": len(done), "requests": done[:SAMPLE]}


def apply_retention(today: datetime.date, *, dry_run: bool = False) -> dict:
    """Anonymise every citizen due on `today` and erase the online requests due; with
    `dry_run`, only say which would be. Returns what the run did (the job's recorded
    result)."""
    years = retention_years()
    cutoff = cutoff_for(today, years)
    due = list(citizens_due(cutoff).order_by("pk").values_list("pk", flat=True))
    result = {
        "years": years,
        "closed_before": timezone.localtime(cutoff).date().isoformat(),
        "dry_run": dry_run,
    }
    if dry_run:
        result.update(_apply_to_requests(today, dry_run=True))
        return {**result, "due": len(due), "citizens": due[:SAMPLE]}
    done = [pk for pk in due if _anonymise_if_still_due(pk, cutoff)]
    if done:
        _tell_administrators(len(done), cutoff, today)
    result.update(_apply_to_requests(today, dry_run=False))
    return {**result, "anonymised": len(done), "citizens": done[:SAMPLE]}

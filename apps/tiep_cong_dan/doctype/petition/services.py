"""Writes to petitions: every path (desk, API, import, demo) goes through here."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ... import workflow
from ...core import tallies
from ...core.naming import take_next_number
from ...core.records import save_changes
from ..admin_unit.services import unit_on
from ..citizen.models import Citizen
from ..result_notice.models import Assignment
from ..working_calendar.services import add_working_days
from .constants import (
    ACCEPTANCE_WORKING_DAYS,
    GROUP_MIN_SIZE,
    NOT_COUNTED_STATES,
    SERIES_PREFIX,
    AcceptanceOutcome,
    Channel,
    RefusalGround,
)
from .models import ANONYMISED_PETITIONER, Petition, PetitionAgency, PetitionRepresentative


def format_registration_number(year: int, seq: int) -> str:
    return f"{year}/{SERIES_PREFIX}-{seq:06d}"


def validate_group(group_size: int, representative_count: int) -> None:
    """Law on Citizen Reception Art. 29: 5-10 petitioners appoint 1-2 representatives;
    more than 10 appoint at most 5."""
    if group_size < GROUP_MIN_SIZE:
        if representative_count:
            raise ValidationError(
                _("Representatives are appointed only by a group of %(min)s or more petitioners."),
                code="representatives_without_group",
                params={"min": GROUP_MIN_SIZE},
            )
        return
    most = 2 if group_size <= 10 else 5
    if not 1 <= representative_count <= most:
        raise ValidationError(
            ngettext(
                "A group of %(size)s petitioners appoints 1 to %(most)s representative "
                "(Law on Citizen Reception Art. 29); %(count)s given.",
                "A group of %(size)s petitioners appoints 1 to %(most)s representatives "
                "(Law on Citizen Reception Art. 29); %(count)s given.",
                most,
            ),
            code="representative_count",
            params={"size": group_size, "most": most, "count": representative_count},
        )


def _attribute_history(petition: Petition, by) -> None:
    # Jobs and imports have no request for django-simple-history to read the user from.
    if by is not None:
        petition._history_user = by


def _as_representative(item: PetitionRepresentative | Citizen) -> PetitionRepresentative:
    if isinstance(item, PetitionRepresentative):
        return item
    return PetitionRepresentative(citizen=item)


@transaction.atomic
def register_petition(
    petition: Petition,
    *,
    by=None,
    representatives: Iterable[PetitionRepresentative | Citizen] = (),
    agencies: Iterable = (),
    at: datetime.datetime | None = None,
    confirmed_note: str = "",
    issue_code: bool = True,
) -> Petition:
    """Register a new petition: validate, number it from the yearly series, record the
    petitioner's unit of residence as of today, start the Law Art. 28 clock and the
    workflow's event log, all in one transaction. `at` dates the receipt event when
    registering after the fact (imports, demo data).

    `representatives` are citizens, or unsaved PetitionRepresentative rows when the
    appointment paper is known. `confirmed_note` is kept on the receipt event when the
    officer registered despite likely duplicates (duplicates.confirmation_note).

    With `issue_code` the citizen's private lookup code is issued (lookup_code.py): the
    plain code is left on the instance as `issued_lookup_code` for the receipt, and
    sent by SMS. Records of the past (imports, demo data) are registered without one
    until the Board issues it."""
    if petition.pk:
        raise ValidationError(_("This petition is already registered."), code="already_registered")
    if petition.citizen_id:
        # Locked as the retention job locks it: a case is never registered for a
        # petitioner whose data that job is removing, nor after it has.
        citizen = Citizen.objects.select_for_update().get(pk=petition.citizen_id)
        if citizen.anonymised_at:
            raise ValidationError({"citizen": ANONYMISED_PETITIONER}, code="anonymised")
        # The case records where the petitioner lives as the units stood on its day: a
        # citizen recorded under a commune merged since is placed in its successor.
        unit = citizen.residence_unit
        if unit is not None and petition.received_date:
            unit = unit_on(unit, petition.received_date)
        petition.residence_unit = unit
    petition.created_by = by
    petition.full_clean(
        exclude=["registration_number"] + ([] if petition.citizen_id else ["residence_unit"])
    )
    rows = [_as_representative(r) for r in representatives]
    if len({r.citizen_id for r in rows}) != len(rows):
        raise ValidationError(
            _("The same person is listed twice as a representative."),
            code="duplicate_representative",
        )
    validate_group(petition.group_size, len(rows))
    year = petition.received_date.year
    seq = take_next_number(f"{SERIES_PREFIX}-{year}")
    petition.registration_year, petition.registration_seq = year, seq
    petition.registration_number = format_registration_number(year, seq)
    petition.acceptance_deadline = add_working_days(petition.received_date, ACCEPTANCE_WORKING_DAYS)
    _attribute_history(petition, by)
    petition.save()
    for row in rows:
        row.petition = petition
        row.full_clean(exclude=["petition"])
        row.save()
    if agencies:
        _link_agencies(petition, agencies)
    workflow.record_start(petition, by=by, at=at, comment=confirmed_note)
    if issue_code:
        from .lookup_code import issue_lookup_code

        petition.issued_lookup_code = issue_lookup_code(petition)
    return petition


@transaction.atomic
def update_petition(
    petition: Petition, *, by=None, fields: Iterable[str] | None = None
) -> Petition:
    """Save edits of a registered petition's data (not its state or number).

    `fields` names what was edited (a form's changed fields, an API call's keys); only
    those are written (core.records.save_changes), so a workflow step taken meanwhile
    (its state, the fields its effects set) is not undone. Without `fields` every field
    the desk form edits is written."""
    if not petition.pk:
        raise ValidationError(_("Register the petition first."), code="not_registered")
    changes = {
        f.name: getattr(petition, f.attname)
        for f in Petition._meta.concrete_fields
        if f.editable
        and not f.primary_key
        and f.name != "state"
        and (fields is None or f.name in fields or f.attname in fields)
    }
    # Its units and dates place it in the monthly figures (reporting keeps them).
    with tallies.kept("petition", [petition.pk]):
        current = save_changes(petition, changes, by=by)
        if {"residence_unit", "matter_unit"} & set(changes):
            # Its tasks carry its units (counted by them on the dashboards).
            Assignment.objects.filter(petition_id=petition.pk).update(
                case_residence_unit=current.residence_unit_id,
                case_matter_unit=current.matter_unit_id,
            )
    petition.refresh_from_db()
    return current


@transaction.atomic
def set_agencies_concerned(petition: Petition, agencies: Iterable) -> None:
    """Name the agencies a registered petition concerns (its department's officers see
    it, its figures count for them: reporting keeps them per agency)."""
    with tallies.kept("petition", [petition.pk]):
        _link_agencies(petition, agencies)


def _link_agencies(petition: Petition, agencies: Iterable) -> None:
    """The links, each new one with the case's state and order as stored (the row
    locked: a step taken meanwhile carries its state to the links after this)."""
    stored = (
        Petition.objects.select_for_update()
        .filter(pk=petition.pk)
        .values(*PetitionAgency.COPIED)
        .get()
    )
    petition.agencies_concerned.set(agencies, through_defaults=stored)


NOTIFY_ACCEPTANCE = "notify_acceptance"


@transaction.atomic
def record_acceptance_notice(
    petition: Petition,
    *,
    outcome: str,
    notified_on: datetime.date | None = None,
    transferred_to=None,
    transfer_letter: str | None = None,
    by=None,
    comment: str = "",
    expected_state: str | None = None,
):
    """Record the Law Art. 28 notice (accepted, extended, not accepted, transferred) as
    the recorded step "notify_acceptance", in whatever state the case is: a notice given
    late is still recorded, and shows as late. The day is the day the citizen was told
    (today unless given); the first notice's day is the one Art. 28 measures, so a later
    notice (a changed outcome) keeps it and has its own day in its event.

    The fields and the step are one transaction: a refused step keeps nothing."""
    if outcome not in AcceptanceOutcome.values or not outcome:
        raise ValidationError(
            {"acceptance_outcome": _("Choose what the citizen was told.")}, code="invalid"
        )
    today = timezone.localdate()
    day = notified_on or today
    if day > today:
        raise ValidationError(
            {"acceptance_notified_on": _("The date cannot be in the future.")},
            code="future_date",
        )
    if petition.received_date and day < petition.received_date:
        raise ValidationError(
            {
                "acceptance_notified_on": _(
                    "The citizen cannot be told before the petition was received."
                )
            },
            code="before_receipt",
        )
    changes: dict = {"acceptance_outcome": outcome}
    if transferred_to is not None:
        changes["transferred_to"] = transferred_to
    if transfer_letter is not None:
        changes["transfer_letter"] = transfer_letter
    if not Petition.objects.filter(pk=petition.pk, acceptance_notified_on__isnull=False).exists():
        changes["acceptance_notified_on"] = day
    note = comment or ""
    if notified_on and notified_on != today:
        note = (note + "\n" if note else "") + _("Citizen told on %(day)s.") % {
            "day": notified_on.strftime("%d/%m/%Y")
        }
    with tallies.kept("petition", [petition.pk]):
        current = save_changes(petition, changes, by=by)
        event = workflow.apply(
            current, NOTIFY_ACCEPTANCE, by=by, comment=note, expected_state=expected_state
        )
    petition.refresh_from_db()
    return event


VOID_DUPLICATE = "void_duplicate"


@transaction.atomic
def void_as_duplicate(
    petition: Petition,
    *,
    original: Petition,
    reason: str,
    by=None,
    expected_state: str | None = None,
):
    """Void a registration as a duplicate of `original` (the step "void_duplicate",
    through the engine): the case it repeats is recorded on it and in the event, with
    the reason. The petition stays on file with its history; it is left out of every
    figure, register and export (constants.NOT_COUNTED_STATES). The link and the step
    are one transaction: a refused step keeps neither."""
    reason = (reason or "").strip()
    if not reason:
        raise workflow.TransitionRefused(
            _("Give the reason for voiding this petition as a duplicate."),
            code="comment_required",
        )
    current = save_changes(petition, {"duplicate_of": original}, by=by)
    comment = _("Duplicate of petition %(number)s. Reason: %(reason)s") % {
        "number": original.registration_number,
        "reason": reason,
    }
    event = workflow.apply(
        current, VOID_DUPLICATE, by=by, comment=comment, expected_state=expected_state
    )
    petition.refresh_from_db()
    return event


def channel_guidance(channel: str) -> str:
    """What the officer tells a citizen who asked by phone or e-mail (scheme III.3.1.a)."""
    if channel in (Channel.PHONE, Channel.EMAIL):
        return _("Recorded. Guide the citizen to submit the petition in writing or in person.")
    return ""


@transaction.atomic
def link_same_matter(petition: Petition, *, matter: Petition, by=None) -> Petition:
    """Record that `petition` is another registration of the matter (vụ việc) first
    registered as `matter` ("cùng vụ việc với …"): each registration still counts in
    the figures of registrations (lượt, đơn), the matter once in those of matters
    (reporting/definitions.py). A link always names the matter's first case: a
    petition linked to one already linked is linked to that one's first, and the
    petitions linked to `petition` follow it."""
    root = matter.same_matter_as if matter.same_matter_as_id else matter
    if petition.pk is None or root.pk is None:
        raise ValidationError(_("Register the petition first."), code="not_registered")
    if root.pk == petition.pk:
        raise ValidationError(
            _("A petition cannot be the same matter as itself."), code="same_matter_self"
        )
    if root.kind != petition.kind:
        raise ValidationError(
            _("Only petitions of one kind can be the same matter (%(kind)s here).")
            % {"kind": petition.get_kind_display()},
            code="same_matter_kind",
        )
    if root.state in NOT_COUNTED_STATES or petition.state in NOT_COUNTED_STATES:
        raise ValidationError(
            _("A petition voided as a duplicate belongs to no matter."), code="same_matter_voided"
        )
    followers = list(
        Petition.objects.filter(same_matter_as_id=petition.pk).values_list("pk", flat=True)
    )
    with tallies.kept("petition", [petition.pk, *followers]):
        current = save_changes(petition, {"same_matter_as": root}, by=by)
        for pk in followers:
            save_changes(Petition(pk=pk), {"same_matter_as": root}, by=by)
    petition.refresh_from_db()
    return current


@transaction.atomic
def unlink_same_matter(petition: Petition, *, by=None) -> Petition:
    """Undo link_same_matter: the petition is a matter of its own again."""
    with tallies.kept("petition", [petition.pk]):
        current = save_changes(petition, {"same_matter_as": None}, by=by)
    petition.refresh_from_db()
    return current


@transaction.atomic
def cite_resolved_case(petition: Petition, *, earlier: Petition, by=None) -> Petition:
    """Prepare the refusal of a complaint already resolved (Law on Citizen Reception
    Art. 9(3), Decree 154 Art. 4(1)(h)): the ground and the earlier case it cites are
    recorded; the refusal itself is the workflow's step "refuse", taken by the officer
    with the refusal notice (form 01/TCD) as the step requires."""
    if earlier.pk == petition.pk:
        raise ValidationError(
            _("A petition cannot cite itself as resolved earlier."), code="cites_itself"
        )
    changes = {"refusal_ground": RefusalGround.LAW_9_3, "refusal_cites": earlier}
    return update_petition_fields(petition, changes, by=by)


def update_petition_fields(petition: Petition, changes: dict, *, by=None) -> Petition:
    with tallies.kept("petition", [petition.pk]):
        current = save_changes(petition, changes, by=by)
    petition.refresh_from_db()
    return current

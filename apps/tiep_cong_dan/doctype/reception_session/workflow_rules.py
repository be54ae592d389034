"""The rules and effects the session workflow (reception_session.yaml) names:
the Decree 154/2026 Art. 23 timeline, the agenda, the hearings held."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from ...access.roles import Role
from ...core import outbox
from ...core.naming import take_numbers
from ...workflow.notifications import Recipients, recipients
from ...workflow.registry import condition, effect, reserve
from ..bridge_point.constants import TestResult
from ..bridge_point.models import ConnectionTest
from ..notification.services import users_in_roles, users_of_agency
from ..petition.constants import PetitionState
from ..working_calendar.services import add_working_days
from .constants import (
    CONNECT_HOURS_BEFORE,
    INVITATION_SERIES,
    NOTICE_WORKING_DAYS,
    OPEN_SESSION_STATES,
    TEST_VALID_DAYS,
    TEST_WORKING_DAYS,
    HearingMode,
)

S = "reception_session"


# -- the petition's steps that ask about its sessions ------------------------------
# Declared here, beside the sessions they read (the petition's folder stays below this
# one); petition.yaml names them like its own.
P = "petition"


@condition(P, "on_an_agenda", gettext_lazy("The petition is on a session's agenda"))
def on_an_agenda(ctx):
    if not ctx.doc.agenda_items.filter(session__state__in=OPEN_SESSION_STATES).exists():
        return _("Put the petition on the agenda of an open session first.")


@condition(P, "heard_at_session", gettext_lazy("A session heard it"))
def heard_at_session(ctx):
    if not ctx.doc.agenda_items.filter(heard=True).exists():
        return _("No session has recorded this hearing as held.")


# The outbox tasks preparing and removing a session's meeting room (jobs/outbox.py).
PROVISION_ROOM = "conference.provision"
RELEASE_ROOM = "conference.release"


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


@condition(S, "agenda_set", gettext_lazy("The agenda has at least one hearing"))
def agenda_set(ctx):
    if not ctx.doc.agenda_items.exists():
        return _("Put at least one hearing on the agenda.")


@condition(S, "agenda_petitions_approved", gettext_lazy("Every petition on the agenda is approved"))
def agenda_petitions_approved(ctx):
    waiting = [
        str(item.petition)
        for item in ctx.doc.agenda_items.select_related("petition")
        if item.petition.state not in (PetitionState.APPROVED, PetitionState.SCHEDULED)
    ]
    if waiting:
        return _("Not approved for online reception: %(list)s.") % {"list": ", ".join(waiting)}


def _too_late(ctx, working_days: int, message: str) -> str | None:
    """The Art. 23 limit `working_days` before the session, as a refusal when passed."""
    latest = add_working_days(ctx.doc.date, -working_days)
    if ctx.today > latest:
        return message % {"days": working_days, "date": _d(latest)}
    return None


@condition(S, "notice_in_time", gettext_lazy("Notice at least 5 working days before (Art. 23)"))
def notice_in_time(ctx):
    return _too_late(
        ctx,
        NOTICE_WORKING_DAYS,
        _(
            "Citizens and agencies must be told at least %(days)s working days before the "
            "session (Decree 154 Art. 23): the last day was %(date)s."
        ),
    )


@condition(S, "tests_in_time", gettext_lazy("Tests done at least 1 working day before (Art. 23)"))
def tests_in_time(ctx):
    return _too_late(
        ctx,
        TEST_WORKING_DAYS,
        _(
            "The test connection must succeed at least %(days)s working day before the "
            "session (Decree 154 Art. 23): the last day was %(date)s."
        ),
    )


@condition(S, "participant_points_tested", gettext_lazy("Every participating point tested OK"))
def participant_points_tested(ctx):
    session = ctx.doc
    points = session.participant_points()
    if not points:
        return _("The session has no host or participating bridge point to test.")
    since = timezone.make_aware(
        datetime.datetime.combine(
            session.date - datetime.timedelta(days=TEST_VALID_DAYS), datetime.time()
        )
    )
    ok = set(
        ConnectionTest.objects.filter(
            bridge_point__in=points,
            tested_at__gte=since,
            tested_at__lte=ctx.at,
            result=TestResult.SUCCESS,
            audio_ok=True,
            video_ok=True,
        ).values_list("bridge_point_id", flat=True)
    )
    missing = [p.name for p in points if p.pk not in ok]
    if missing:
        return _("No successful test (audio and video) in the last %(days)s days: %(list)s.") % {
            "days": TEST_VALID_DAYS,
            "list": ", ".join(missing),
        }


@condition(S, "connected_in_time", gettext_lazy("All points connected 1 hour before (Art. 23)"))
def connected_in_time(ctx):
    session = ctx.doc
    start = timezone.make_aware(datetime.datetime.combine(session.date, session.start_time))
    latest = start - datetime.timedelta(hours=CONNECT_HOURS_BEFORE)
    if ctx.at > latest:
        return _(
            "Every point must be connected at least %(hours)s hour before the start "
            "(Decree 154 Art. 23), by %(time)s."
        ) % {
            "hours": CONNECT_HOURS_BEFORE,
            "time": timezone.localtime(latest).strftime("%H:%M %d/%m/%Y"),
        }


@condition(S, "session_day", gettext_lazy("It is the session's day"))
def session_day(ctx):
    if ctx.today != ctx.doc.date:
        return _("The session is on %(date)s.") % {"date": _d(ctx.doc.date)}


@condition(S, "no_online_hearing", gettext_lazy("No hearing is online"))
def no_online_hearing(ctx):
    if ctx.doc.has_online_hearing():
        return _("The agenda still has online hearings.")


@condition(S, "recording_referenced", gettext_lazy("The recordings are registered (Art. 24)"))
def recording_referenced(ctx):
    # Each online hearing held is covered by a registered recording (its own or the
    # whole meeting's), whose size and SHA-256 the system read; the free-text reference
    # of sessions closed before the register stays on them, but no longer closes one.
    from ..hearing_recording.services import uncovered_hearings

    missing = uncovered_hearings(ctx.doc)
    if missing:
        return _(
            "Register the recording of the online hearings (Decree 154 Art. 24): "
            "none yet for hearing(s) %(positions)s."
        ) % {"positions": ", ".join(str(item.position) for item in missing)}


# -- effects -------------------------------------------------------------------
def number_invitations(session, today, user) -> list:
    """Give the session's letters not yet sent a number from the year's register of
    invitation letters ("Số: 07/GM-BTCD", Decree 30/2020), in the order the Board prints
    them; a letter numbered already keeps its number. Returns the letters not yet sent.
    The numbers are reserved in one go and the letters written in one update (one locked
    counter per letter took seconds for a session's fifty letters)."""
    pending = list(session.invitations.filter(sent_at__isnull=True).order_by("kind", "id"))
    unnumbered = [invitation for invitation in pending if not invitation.number]
    if not unnumbered:
        return pending
    numbers = iter(take_numbers(f"{INVITATION_SERIES}-{today.year}", len(unnumbered)))
    for invitation in unnumbered:
        invitation.number = f"{next(numbers):02d}/{INVITATION_SERIES}"
    bulk_update_with_history(unnumbered, type(unnumbered[0]), ["number"], default_user=user)
    return pending


@effect(S, "mark_invitations_sent", gettext_lazy("Record the invitations as sent"))
def mark_invitations_sent(ctx):
    pending = number_invitations(ctx.doc, ctx.today, ctx.user)
    for invitation in pending:
        invitation.sent_at = ctx.at
    if pending:
        bulk_update_with_history(pending, type(pending[0]), ["sent_at"], default_user=ctx.user)


def _agenda_petitions(session, state):
    return [
        item.petition
        for item in session.agenda_items.select_related("petition").order_by("position")
        if item.petition.state == state
    ]


@effect(
    S,
    "schedule_agenda_petitions",
    gettext_lazy("Mark the agenda's petitions scheduled"),
    follow_on=True,
)
def schedule_agenda_petitions(ctx):
    from ... import workflow

    for petition in _agenda_petitions(ctx.doc, PetitionState.APPROVED):
        workflow.apply(petition, "schedule", at=ctx.at, caused_by=ctx.event)


@effect(
    S,
    "release_agenda_petitions",
    gettext_lazy("Return the agenda's petitions to the queue"),
    follow_on=True,
)
def release_agenda_petitions(ctx):
    from ... import workflow

    reason = _("Session %(session)s: %(comment)s") % {"session": ctx.doc, "comment": ctx.comment}
    for petition in _agenda_petitions(ctx.doc, PetitionState.SCHEDULED):
        workflow.apply(petition, "unschedule", comment=reason, at=ctx.at, caused_by=ctx.event)


def _heard_untold(session):
    """Hearings held of cases whose citizen was not given the Law Art. 28 notice."""
    return (
        session.agenda_items.filter(heard=True, petition__state=PetitionState.SCHEDULED)
        .filter(Q(petition__acceptance_outcome="") | Q(petition__acceptance_notified_on=None))
        .order_by("position")
    )


@condition(S, "heard_cases_notified", gettext_lazy("Every case heard was given its Art. 28 notice"))
def heard_cases_notified(ctx):
    numbers = list(_heard_untold(ctx.doc).values_list("petition__registration_number", flat=True))
    if numbers:
        return _(
            "Heard without the Art. 28 notice to the citizen: %(numbers)s. Record the notice "
            "on each case first (Law on Citizen Reception Art. 28)."
        ) % {"numbers": ", ".join(numbers)}


@effect(
    S,
    "record_hearings",
    gettext_lazy("Heard hearings are heard; the rest roll over"),
    follow_on=True,
)
def record_hearings(ctx):
    from ... import workflow

    heard = set(ctx.doc.agenda_items.filter(heard=True).values_list("petition_id", flat=True))
    for petition in _agenda_petitions(ctx.doc, PetitionState.SCHEDULED):
        action = "hear" if petition.pk in heard else "mark_not_reached"
        if action == "hear" and not petition.acceptance_told and ctx.event.overridden:
            # The Board head finished the session over the missing notice: each case's
            # step carries the same override, by the same person, with the same reason.
            workflow.apply(
                petition,
                action,
                by=ctx.user,
                comment=ctx.comment,
                override=True,
                at=ctx.at,
                caused_by=ctx.event,
            )
        else:
            workflow.apply(petition, action, at=ctx.at, caused_by=ctx.event)


@effect(S, "set_hearings_in_person", gettext_lazy("Every hearing becomes in person"))
def set_hearings_in_person(ctx):
    for item in ctx.doc.agenda_items.exclude(mode=HearingMode.IN_PERSON):
        item.mode = HearingMode.IN_PERSON
        item.save(update_fields=["mode"])


@effect(
    S,
    "prepare_conference_room",
    gettext_lazy("Prepare the video meeting room and its dial-outs on the platform"),
    after_commit=True,
)
def prepare_conference_room(doc, event):
    # Well ahead of the session (changes take about 90 s to reach Pexip's nodes); a
    # platform failure is retried by the job and shown on the session, never undoes
    # the approval.
    if doc.has_online_hearing():
        outbox.enqueue(PROVISION_ROOM, key=f"conference-provision:{event.pk}", session=doc.pk)


@effect(S, "move_to_backup_platform", gettext_lazy("Move the session to the backup platform"))
def move_to_backup_platform(ctx):
    # The agenda, the points and the invitations stay; the Pexip room's details stay
    # in this step's event (snapshot) and the session now waits for Vmeeting's.
    session = ctx.doc
    session.conference_platform = "vmeeting"
    session.conference_reference = ""
    session.conference_alias = ""
    session.host_pin = session.guest_pin = ""
    session.conference_provisioned_at = None
    session.conference_error = ""


def _meeting_page(doc) -> str:
    return reverse("admin:tiep_cong_dan_receptionsession_conference", args=[doc.pk])


# Who is told of a switch to the backup platform (reception_session.yaml,
# switch_to_backup), on the session's meeting page: it shows how each point joins.
@recipients(
    S,
    "conference_operators",
    gettext_lazy("The technicians and the Board, on the session's meeting page"),
)
def conference_operators(doc):
    roles = [Role.TECHNICIAN, Role.BOARD_OFFICER, Role.BOARD_HEAD]
    yield Recipients(users_in_roles(roles), _meeting_page(doc), {})


@recipients(
    S,
    "participant_points",
    gettext_lazy(
        "The officers at every participating bridge point (its agency's and its "
        "commune's), on the session's meeting page"
    ),
)
def participant_points(doc):
    users = set()
    for point in doc.participant_points():
        if point.agency_id:
            users |= set(users_of_agency(point.agency))
        if point.unit_id:
            users |= set(
                get_user_model().objects.filter(is_active=True, tcd_scopes__unit=point.unit)
            )
    yield Recipients(users, _meeting_page(doc), {})


@recipients(
    S,
    "invited_units",
    gettext_lazy(
        "The officers of every unit invited: the communes (and districts) whose chairmen "
        "are invited, those whose bridge points host a hearing, and the invited agencies"
    ),
)
def invited_units(doc):
    """Each invited unit's officers learn of the session from the desk and their own
    channels, not only from the letters (Decree 154 Art. 23: at least 5 working days
    ahead). One group per user, so that nobody is told twice."""
    from django.contrib.auth import get_user_model

    from ..notification.services import users_of_agency

    units = set(doc.invited_units.values_list("pk", flat=True))
    agencies = set(doc.invited_agencies.values_list("pk", flat=True))
    host = doc.host_bridge_point_id
    for point in doc.participant_points():
        if point.pk == host:
            continue  # the Board's own room
        if point.unit_id:
            units.add(point.unit_id)
        if point.agency_id:
            agencies.add(point.agency_id)
    users = get_user_model().objects.filter(is_active=True, tcd_scopes__unit_id__in=units)
    users = set(users.distinct())
    for agency in doc.invited_agencies.model.objects.filter(pk__in=agencies):
        users |= set(users_of_agency(agency))
    if users:
        yield Recipients(sorted(users, key=lambda u: u.pk), doc, {})


@effect(
    S,
    "release_conference_room",
    gettext_lazy("Remove the meeting room from the platform (its history stays there)"),
    after_commit=True,
)
def release_conference_room(doc, event):
    if doc.conference_platform == "pexip" and doc.conference_reference:
        outbox.enqueue(RELEASE_ROOM, key=f"conference-release:{event.pk}", session=doc.pk)


# -- Steps the law and the scheme reserve ------------------------------------
# workflow/reservations.py holds every declaration to these.
reserve(
    S,
    "approve",
    roles={Role.CHAIRMAN},
    conditions=("agenda_set", "no_double_booking"),
    # The approval asks the agencies for their dossiers (scheme V.1.2, V.1.3): a stored
    # declaration without it is replaced by the file (workflow/loader.py).
    effects=("prepare_invitations", "open_hearing_dossiers"),
    from_states={"planned"},
    guards=("approved", "announced", "tested", "connected"),
    source="Nghị định 154/2026/NĐ-CP, Điều 20 và Điều 25 khoản 1; Đề án tiếp công dân "
    "trực tuyến, mục V.1.1 (Chủ tịch UBND tỉnh quyết định)",
)
# Decree 154 Art. 23's deadlines and tests: the Board head alone may go past one, with
# a written reason the event keeps (a swapped day off, a line down); nobody else.
ART_23 = "Nghị định 154/2026/NĐ-CP, Điều 23 khoản 1"
reserve(
    S,
    "announce",
    conditions=("notice_in_time", "invitations_sealed_if_signed"),
    guards=("announced",),
    overridable={"notice_in_time": {Role.BOARD_HEAD}},
    source=ART_23,
)
# The Board's letters carry the Board head's digital signature (Decree 154 Art. 24(2)).
reserve(
    S,
    "sign_invitations",
    roles={Role.BOARD_HEAD},
    effects=("sign_invitations",),
    source="Nghị định 154/2026/NĐ-CP, Điều 23 và Điều 24 khoản 2; Nghị định 30/2020/NĐ-CP, "
    "Phụ lục I (chữ ký số của người có thẩm quyền)",
)
reserve(
    S,
    "confirm_tests",
    conditions=("tests_in_time", "participant_points_tested"),
    guards=("tested",),
    overridable={
        "tests_in_time": {Role.BOARD_HEAD},
        "participant_points_tested": {Role.BOARD_HEAD},
    },
    source=ART_23,
)
# "Connected" is judged from what the platform saw or the technician confirmed per
# point in the last hour (conference/readiness.py registers the rule).
reserve(
    S,
    "connect",
    conditions=("connected_in_time", "points_connected"),
    guards=("connected",),
    overridable={"connected_in_time": {Role.BOARD_HEAD}, "points_connected": {Role.BOARD_HEAD}},
    source=ART_23,
)
# Held in person only when nobody is heard online; closed only with the recording kept.
reserve(
    S,
    "hold_in_person",
    conditions=("no_online_hearing",),
    guards=("in_person",),
    source="Đề án tiếp công dân trực tuyến, mục III.3.2.b",
)
reserve(
    S,
    "close",
    conditions=("recording_referenced",),
    guards=("closed",),
    source="Nghị định 154/2026/NĐ-CP, Điều 24",
)
reserve(
    S,
    "finish",
    conditions=("heard_cases_notified",),
    overridable={"heard_cases_notified": {Role.BOARD_HEAD}},
    source="Luật Tiếp công dân 2013, Điều 28",
)

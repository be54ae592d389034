"""Rules and effects of the hearing dossier workflow (hearing_dossier.yaml), and the
session's step that opens the dossiers (reception_session.yaml, approve)."""

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...access.roles import BOARD, Role, roles_of
from ...core import outbox
from ...workflow.notifications import Recipients, message_values, recipients
from ...workflow.registry import condition, effect, reserve
from .constants import PENDING_STATES, DossierState
from .permissions import own_agency_ids
from .services import officers_of, open_dossiers

D = "hearing_dossier"
S = "reception_session"
# The outbox entry that makes a session's briefing pack (run by jobs/outbox.py).
MAKE_BRIEFING_PACK = "briefing.pack"


def _d(day) -> str:
    return day.strftime("%d/%m/%Y")


# -- the session's approval opens the dossiers ----------------------------------------
@effect(
    S,
    "open_hearing_dossiers",
    gettext_lazy("Ask each agency concerned with a hearing for its dossier"),
    follow_on=True,
)
def open_hearing_dossiers(ctx):
    open_dossiers(ctx.doc, at=ctx.at)


@effect(
    S,
    "cancel_hearing_dossiers",
    gettext_lazy("Withdraw the dossiers still asked of the agencies"),
    follow_on=True,
)
def cancel_hearing_dossiers(ctx):
    # A cancelled session needs no dossier: the agencies stop being waited for and
    # reminded; what was accepted stays as it was.
    reason = _("Session %(session)s cancelled: %(comment)s") % {
        "session": ctx.doc,
        "comment": ctx.comment,
    }
    _withdraw_pending(ctx, reason)


@effect(
    S,
    "lapse_hearing_dossiers",
    gettext_lazy("Stop waiting for the dossiers not accepted once the session is held"),
    follow_on=True,
)
def lapse_hearing_dossiers(ctx):
    # Once the Chairman has heard the cases, a dossier still open, returned or waiting
    # for review serves nothing: it is withdrawn, so the agency is neither reminded nor
    # counted late for it; what was accepted stays as it was.
    reason = _("Session %(session)s held: the dossier is no longer awaited.") % {
        "session": ctx.doc
    }
    _withdraw_pending(ctx, reason)


def _withdraw_pending(ctx, reason: str) -> None:
    """The session's dossiers still open, returned or waiting for review withdrawn, each
    by its own step caused by the session's."""
    from ... import workflow

    for dossier in ctx.doc.dossiers.filter(state__in=PENDING_STATES).order_by("pk"):
        workflow.apply(dossier, "cancel", comment=reason, at=ctx.at, caused_by=ctx.event)


@recipients(
    S,
    "dossier_agencies",
    gettext_lazy(
        "The officers of every agency asked for a hearing dossier (the cases' agencies and "
        "the communes' People's Committees), each with its own due date"
    ),
    placeholders=("due", "count"),
)
def dossier_agencies(doc):
    by_agency = defaultdict(list)
    for dossier in doc.dossiers.select_related("agency").order_by("agency_id", "pk"):
        by_agency[dossier.agency].append(dossier)
    base = reverse("admin:tiep_cong_dan_hearingdossier_changelist")
    for agency, dossiers in by_agency.items():
        users = list(officers_of(agency))
        if users:
            yield Recipients(
                users,
                f"{base}?session__id__exact={doc.pk}",
                {"due": _d(min(d.due_date for d in dossiers)), "count": str(len(dossiers))},
            )


# -- the dossier's own steps ------------------------------------------------------------
def _own_dossiers(user) -> Q | None:
    """The dossiers `prepared_by_own_agency` lets `user` submit."""
    if roles_of(user) & BOARD:
        return None
    return Q(agency_id__in=own_agency_ids(user))


@condition(
    D,
    "prepared_by_own_agency",
    gettext_lazy("The agency asked, or the Board on its behalf, submits"),
    rows=_own_dossiers,
)
def prepared_by_own_agency(ctx):
    if ctx.user is None or ctx.roles & BOARD:
        return None
    if ctx.doc.agency_id not in own_agency_ids(ctx.user):
        return _("Only %(agency)s or the Board submits this dossier.") % {"agency": ctx.doc.agency}


@condition(D, "briefing_written", gettext_lazy("The briefing is written"))
def briefing_written(ctx):
    missing = [
        str(ctx.doc._meta.get_field(name).verbose_name)
        for name in ("case_history", "decisions", "proposal")
        if not getattr(ctx.doc, name).strip()
    ]
    if missing:
        return _("Write the briefing first: %(fields)s.") % {"fields": ", ".join(missing)}


@effect(D, "stamp_submission", gettext_lazy("Record when it was submitted, and whether late"))
def stamp_submission(ctx):
    # Accepted after its due date, but marked late for the Board and the reports.
    dossier = ctx.doc
    dossier.submitted_at = ctx.at
    dossier.submitted_late = ctx.today > dossier.due_date


@effect(D, "keep_return_reason", gettext_lazy("Show the agency why it was returned"))
def keep_return_reason(ctx):
    ctx.doc.return_reason = ctx.comment


@message_values(D, placeholders=("agency", "case", "session", "due", "late"))
def dossier_values(doc) -> dict:
    """What a message about a dossier may name (hearing_dossier.yaml `notify`)."""
    return {
        "agency": str(doc.agency),
        "case": str(doc.petition),
        "session": str(doc.session),
        "due": _d(doc.due_date),
        "late": _("submitted late") if doc.submitted_late else _("submitted on time"),
    }


@recipients(D, "dossier_agency", gettext_lazy("The officers of the agency the dossier is asked of"))
def dossier_agency(doc):
    yield Recipients(officers_of(doc.agency), doc, {})


# -- Steps the scheme reserves -------------------------------------------------
# workflow/reservations.py holds every declaration to these. The agency concerned hands
# in its dossier (the Board may record it for them), its date and lateness always kept;
# the Board, who prepares the session, reviews it.
reserve(
    D,
    "submit",
    roles=BOARD | {Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER},
    conditions=("prepared_by_own_agency",),
    effects=("stamp_submission",),
    from_states={"open", "returned"},
    guards=("submitted",),
    source="Đề án tiếp công dân trực tuyến, mục V.1.2 và V.1.3 (sở, ngành, UBND cấp huyện, "
    "cấp xã chuẩn bị nội dung, hồ sơ, tài liệu liên quan đến vụ việc)",
)
reserve(
    D,
    "accept",
    roles=BOARD,
    from_states={"submitted"},
    guards=("accepted",),
    source="Đề án tiếp công dân trực tuyến, mục V.1.1 (Ban Tiếp công dân chủ trì, phối hợp "
    "với các cơ quan có liên quan)",
)


@effect(
    D,
    "pack_when_complete",
    gettext_lazy("Make the Chairman's briefing pack once every dossier of the session is in"),
    after_commit=True,
)
def pack_when_complete(doc, event):
    # The pack is made on request, or by itself when the last dossier asked for is
    # accepted (nothing left open, returned or waiting for review), for the one who
    # accepted it, the Chairman and the Office, once per accepting step.
    dossiers = doc.session.dossiers
    if dossiers.filter(state__in=PENDING_STATES).exists():
        return
    if not dossiers.filter(state=DossierState.ACCEPTED).exists():
        return
    outbox.enqueue(
        MAKE_BRIEFING_PACK,
        key=f"briefing-pack:{event.pk}",
        session=doc.session_id,
        requester=event.actor_id,
    )

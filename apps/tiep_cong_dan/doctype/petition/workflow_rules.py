"""The legal rules and effects the petition workflow (petition.yaml) names."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...access.roles import Role
from ...workflow.registry import condition, effect, reserve
from ..working_calendar.services import add_working_days
from .constants import (
    DENUNCIATION_BASIS,
    EXPLAINED_IN_PERSON_GROUNDS,
    NOT_COUNTED_STATES,
    REFUSAL_NOTICE_GROUNDS,
    REFUSAL_NOTICE_WORKING_DAYS,
    AcceptanceOutcome,
    EligibilityBasis,
    Jurisdiction,
    PetitionState,
)
from .services import validate_group

P = "petition"


@condition(P, "jurisdiction_determined", gettext_lazy("Jurisdiction is determined"))
def jurisdiction_determined(ctx):
    if ctx.doc.jurisdiction == Jurisdiction.UNDETERMINED:
        return _("Determine the jurisdiction before classifying.")


@condition(P, "within_chairman_jurisdiction", gettext_lazy("Within the Chairman's jurisdiction"))
def within_chairman_jurisdiction(ctx):
    # Scheme III.3.1.b: the Board proposes cases the Chairman resolves or directs.
    if ctx.doc.jurisdiction != Jurisdiction.CHAIRMAN:
        return _(
            "Only a case within the Chairman's jurisdiction (to resolve or direct) can be "
            "proposed (scheme III.3.1.b)."
        )


@condition(
    P, "eligibility_basis_recorded", gettext_lazy("A basis for online reception is recorded")
)
def eligibility_basis_recorded(ctx):
    if ctx.doc.eligibility_basis == EligibilityBasis.NONE:
        return _(
            "Record the basis for online reception (scheme III.2.1–2.3 or Decree 154 Art. 20)."
        )


@condition(
    P, "consent_or_chairman_proposal", gettext_lazy("Citizen consents, or a chairman proposed")
)
def consent_or_chairman_proposal(ctx):
    p = ctx.doc
    if p.citizen_consent:
        return None
    if p.eligibility_basis == EligibilityBasis.SCHEME_2_2 and p.chairman_proposal:
        return None
    if p.chairman_proposal:
        return _(
            "A district/commune chairman's proposal stands in for consent only for an ad hoc "
            "case (scheme III.2.2); otherwise record the citizen's consent."
        )
    return _(
        "Record the citizen's consent to online reception or, for an ad hoc case, the "
        "district/commune chairman's proposal (scheme III.2)."
    )


@condition(P, "denouncer_waived_identity_protection", gettext_lazy("No identity protection asked"))
def denouncer_waived_identity_protection(ctx):
    p = ctx.doc
    if p.is_denunciation and p.identity_protection_requested:
        return _(
            "The denouncer asked for identity protection: a denunciation is heard online only "
            "when the denouncer does not (Decree 154 Art. 20(4))."
        )


@condition(
    P, "online_basis_fits_kind", gettext_lazy("The basis for online reception fits the kind")
)
def online_basis_fits_kind(ctx):
    # Decree 154 Art. 20: (1) and (2) name complaints, recommendations and feedback; a
    # denunciation is heard online only under (4), and (4) only for a denunciation.
    p = ctx.doc
    if not p.eligibility_basis:
        return None  # eligibility_basis_recorded asks for one
    if not p.is_denunciation:
        if p.eligibility_basis == DENUNCIATION_BASIS:
            return _(
                "Decree 154 Art. 20(4) is for denunciations only: choose the basis that fits "
                "this complaint, recommendation or feedback."
            )
        return None
    if p.eligibility_basis != DENUNCIATION_BASIS:
        return _(
            "A denunciation is heard online only on the basis of Decree 154 Art. 20(4) "
            "(a complex denunciation, no identity protection asked, confidentiality ensured); "
            "the other bases are for complaints, recommendations and feedback."
        )
    missing = []
    if not p.complex_case:
        missing.append(_("the denunciation is recorded as complex"))
    if not p.confidentiality_ensured:
        missing.append(_("the Board records that confidentiality can be ensured"))
    if missing:
        return _("Decree 154 Art. 20(4) also needs: %(missing)s.") % {
            "missing": "; ".join(str(m) for m in missing)
        }
    return None


@condition(P, "group_representatives_appointed", gettext_lazy("A group has its representatives"))
def group_representatives_appointed(ctx):
    p = ctx.doc
    try:
        validate_group(p.group_size, p.representatives.count())
    except ValidationError as exc:
        return " ".join(exc.messages)


@condition(P, "reason_given", gettext_lazy("A reason is given"))
def reason_given(ctx):
    if not (ctx.comment or ctx.doc.reply_reason).strip():
        return _("Give the reason: the citizen must be told it in writing (scheme III.3.1.b).")


@condition(P, "reply_letter_recorded", gettext_lazy("The reply letter is recorded"))
def reply_letter_recorded(ctx):
    if not (ctx.doc.reply_letter_number and ctx.doc.reply_letter_date):
        return _("Record the reply letter's number and date first.")


def _was_refused_online(petition) -> bool:
    from ...workflow.models import WorkflowEvent

    return WorkflowEvent.objects.filter(
        doctype=P,
        object_id=petition.pk,
        to_state__in=[PetitionState.NOT_PROPOSED, PetitionState.REJECTED],
    ).exists()


@condition(P, "reply_issued_if_required", gettext_lazy("A reply letter was issued when one is due"))
def reply_issued_if_required(ctx):
    p = ctx.doc
    if _was_refused_online(p) and not (p.reply_letter_number and p.reply_letter_date):
        return _(
            "The petition was not proposed or not approved: it cannot close before the "
            "reply letter is issued."
        )


@condition(P, "refusal_ground_recorded", gettext_lazy("A refusal ground is recorded"))
def refusal_ground_recorded(ctx):
    if not ctx.doc.refusal_ground:
        return _("Choose the ground for refusal (Law Art. 9, Decree 154 Art. 4).")


@condition(
    P, "refusal_notice_if_required", gettext_lazy("The refusal notice is issued when required")
)
def refusal_notice_if_required(ctx):
    p = ctx.doc
    if p.refusal_ground in REFUSAL_NOTICE_GROUNDS and not (
        p.refusal_notice_number and p.refusal_notice_date
    ):
        return _("This ground needs a refusal notice (form 01/TCD): record its number and date.")


@condition(P, "refusal_notice_recorded", gettext_lazy("The refusal notice is recorded"))
def refusal_notice_recorded(ctx):
    p = ctx.doc
    if p.refusal_ground not in REFUSAL_NOTICE_GROUNDS:
        return _("On this ground no refusal notice (form 01/TCD) is issued.")
    if not (p.refusal_notice_number and p.refusal_notice_date):
        return _("Record the refusal notice's number and date first.")


@condition(
    P, "refusal_explained_if_required", gettext_lazy("The reason was explained in person")
)
def refusal_explained_if_required(ctx):
    p = ctx.doc
    if p.refusal_ground in EXPLAINED_IN_PERSON_GROUNDS and not (
        p.refusal_explained_by and p.refusal_explained_on
    ):
        return _(
            "On this ground the person receiving the citizen explains the reason to them in "
            "person (Decree 154 Art. 4(2)): record who explained it and on what day."
        )


@condition(P, "acceptance_notified", gettext_lazy("The citizen was given the Art. 28 notice"))
def acceptance_notified(ctx):
    if not ctx.doc.acceptance_told:
        return _(
            "The citizen has not been told whether the case is accepted (Law on Citizen "
            "Reception Art. 28): record the notice first (“Record the acceptance notice”)."
        )


@condition(P, "acceptance_outcome_recorded", gettext_lazy("The Art. 28 outcome is chosen"))
def acceptance_outcome_recorded(ctx):
    p = ctx.doc
    if not p.acceptance_outcome:
        return _(
            "Choose what the citizen is told: accepted, extended, not accepted or transferred "
            "(“Record the acceptance notice”, in any state)."
        )
    if p.acceptance_outcome == AcceptanceOutcome.TRANSFERRED:
        return transfer_recorded(ctx)


@condition(P, "acceptance_outcome_changed", gettext_lazy("Not the same Art. 28 notice twice"))
def acceptance_outcome_changed(ctx):
    from ...workflow.models import WorkflowEvent

    last = (
        WorkflowEvent.objects.filter(doctype=P, object_id=ctx.doc.pk, action=ctx.transition.action)
        .order_by("-at", "-id")
        .first()
    )
    if last and last.snapshot.get("acceptance_outcome") == ctx.doc.acceptance_outcome:
        told = ctx.doc.acceptance_notified_on or timezone.localtime(last.at).date()
        return _("This notice was already recorded on %(date)s; change the outcome first.") % {
            "date": told.strftime("%d/%m/%Y")
        }


@condition(
    P, "transfer_recorded", gettext_lazy("The receiving agency and transfer letter are recorded")
)
def transfer_recorded(ctx):
    if not (ctx.doc.transferred_to_id and ctx.doc.transfer_letter):
        return _("Record the receiving agency and the transfer letter.")


@condition(P, "duplicate_of_recorded", gettext_lazy("The petition it duplicates is recorded"))
def duplicate_of_recorded(ctx):
    p = ctx.doc
    original = p.duplicate_of if p.duplicate_of_id else None
    if original is None:
        return _("Choose the petition this one duplicates.")
    if original.pk == p.pk:
        return _("A petition cannot be a duplicate of itself.")
    if original.state in NOT_COUNTED_STATES:
        return _(
            "Petition %(number)s was itself voided as a duplicate: choose the petition it "
            "duplicates instead."
        ) % {"number": original.registration_number}
    # Same kind only: a complaint voided as the copy of a denunciation would say, on a
    # page seen by those not cleared, who the denouncer is.
    if original.kind != p.kind:
        return _(
            "Petition %(number)s is of another kind (%(kind)s): correct the kind of this "
            "petition first if it was classified wrongly."
        ) % {"number": original.registration_number, "kind": original.get_kind_display()}


@condition(P, "off_open_agendas", gettext_lazy("Not on the agenda of a session to come"))
def off_open_agendas(ctx):
    # An approved case may sit on a draft agenda: a voided one would stop that
    # session's approval, which schedules every case on it.
    from ..reception_session.constants import OPEN_SESSION_STATES
    from ..reception_session.models import ReceptionSession

    sessions = ReceptionSession.objects.filter(
        agenda_items__petition=ctx.doc, state__in=OPEN_SESSION_STATES
    )
    if sessions.exists():
        return _("Take it off the agenda of %(sessions)s first.") % {
            "sessions": ", ".join(str(s) for s in sessions[:3])
        }


# -- effects -------------------------------------------------------------------
@effect(P, "mark_urgent", gettext_lazy("Move the case ahead in the queue"))
def mark_urgent(ctx):
    ctx.doc.urgent = True


@effect(
    P, "record_reply_reason", gettext_lazy("Keep the comment as the reason for the reply letter")
)
def record_reply_reason(ctx):
    if ctx.comment:
        ctx.doc.reply_reason = ctx.comment


@effect(P, "stamp_acceptance_notice", gettext_lazy("Record the day the citizen was told (Art. 28)"))
def stamp_acceptance_notice(ctx):
    if not ctx.doc.acceptance_notified_on:
        ctx.doc.acceptance_notified_on = ctx.today


@effect(P, "record_transfer_outcome", gettext_lazy("Record the transfer as the Art. 28 outcome"))
def record_transfer_outcome(ctx):
    ctx.doc.acceptance_outcome = AcceptanceOutcome.TRANSFERRED
    stamp_acceptance_notice(ctx)


@effect(
    P, "start_refusal_notice_clock", gettext_lazy("Set the 3-working-day deadline of form 01/TCD")
)
def start_refusal_notice_clock(ctx):
    if ctx.doc.refusal_ground in REFUSAL_NOTICE_GROUNDS:
        ctx.doc.refusal_notice_due = add_working_days(ctx.today, REFUSAL_NOTICE_WORKING_DAYS)


# -- Steps the law and the scheme reserve ------------------------------------
# workflow/reservations.py holds every declaration to these; none of their rules
# may be overridden.
ONLINE_RULES = (
    "eligibility_basis_recorded",
    "online_basis_fits_kind",
    "consent_or_chairman_proposal",
    "denouncer_waived_identity_protection",
    "group_representatives_appointed",
)
# A case is queued, scheduled, heard and concluded only after the Chairman's decision
# to hear it online, or the Board head's admission to his in-person reception.
DECIDED = ("approved", "scheduled", "heard", "concluded", "followed_up")
reserve(
    P,
    "endorse",
    roles={Role.BOARD_HEAD},
    conditions=ONLINE_RULES,
    from_states={"proposed"},
    guards=("endorsed",),
    source="Đề án tiếp công dân trực tuyến, mục V.1.1 (Ban Tiếp công dân báo cáo, đề xuất)",
)
reserve(
    P,
    "approve",
    roles={Role.CHAIRMAN},
    conditions=ONLINE_RULES,
    from_states={"endorsed"},
    guards=DECIDED,
    alternatives=("admit_in_person",),
    source="Nghị định 154/2026/NĐ-CP, Điều 20 và 22; Đề án tiếp công dân trực tuyến, "
    "mục V.1.1 (Chủ tịch UBND tỉnh quyết định)",
)
reserve(
    P,
    "admit_in_person",
    roles={Role.BOARD_OFFICER, Role.BOARD_HEAD},
    conditions=("within_chairman_jurisdiction",),
    from_states={"classified"},
    guards=DECIDED,
    alternatives=("approve",),
    source="Nghị định 154/2026/NĐ-CP, Điều 25 khoản 1 và Điều 26 khoản 1",
)
# The Board's letters to the citizen are signed by its head as they are issued
# (print_format/signing): the signed file carries the paper letter's legal value.
reserve(
    P,
    "issue_reply",
    roles={Role.BOARD_HEAD},
    conditions=("reason_given", "reply_letter_recorded"),
    effects=("sign_reply_letter",),
    from_states={"not_proposed", "rejected"},
    guards=("replied",),
    source="Đề án tiếp công dân trực tuyến, mục III.3.1.b; Nghị định 154/2026/NĐ-CP, "
    "Điều 24 khoản 2",
)
reserve(
    P,
    "issue_refusal_notice",
    roles={Role.BOARD_HEAD},
    conditions=("refusal_notice_recorded", "refusal_notice_unsigned"),
    effects=("sign_refusal_notice",),
    from_states={"refused"},
    source="Nghị định 154/2026/NĐ-CP, Điều 4 khoản 3 (Mẫu 01/TCD) và Điều 24 khoản 2",
)
# Law Art. 28: a case is heard and closed only once the citizen was told whether it
# is accepted; the Board head alone may go on without it, with a written reason the
# engine logs as an override. Every other rule of these steps stays binding.
ART_28 = "Luật Tiếp công dân 2013, Điều 28"
reserve(
    P,
    "hear",
    conditions=("heard_at_session", "acceptance_notified"),
    overridable={"acceptance_notified": {Role.BOARD_HEAD}},
    source=ART_28,
)
reserve(
    P,
    "close",
    conditions=(
        "reply_issued_if_required",
        "refusal_notice_if_required",
        "assignments_settled",
        "acceptance_notified",
    ),
    overridable={"acceptance_notified": {Role.BOARD_HEAD}},
    source=ART_28,
)

"""Rules and effects of the online request's workflow (reception_request.yaml)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...access.roles import BOARD
from ...workflow.registry import condition, effect, reserve

R = "reception_request"


@condition(R, "identity_checked", gettext_lazy("Place and result of the identity check recorded"))
def identity_checked(ctx):
    if not ctx.doc.identity_check_place or not (ctx.comment or "").strip():
        return _(
            "Record where the identity papers were checked (commune bridge point or the "
            "Office) and the result of the identity check (Decree 154/2026, Art. 12(1), "
            "Art. 21(4)): use the “Chuyển thành đơn” button on the request's page."
        )


@condition(R, "decline_reason_given", gettext_lazy("Reason for declining given"))
def decline_reason_given(ctx):
    if not (ctx.comment or "").strip():
        return _("Give the reason: the citizen is told it by SMS.")


@effect(
    R,
    "register_as_petition",
    gettext_lazy(
        "Record the citizen, register the petition with the files; the lookup code "
        "carries over to the petition"
    ),
)
def register_as_petition(ctx):
    from .services import register_as_petition as register

    request = ctx.doc
    request.identity_check_note = ctx.comment
    request.petition = register(request, by=ctx.user, note=ctx.comment)
    request.decided_at, request.decided_by = ctx.at, ctx.user


@effect(R, "record_decline_reason", gettext_lazy("Record the reason for declining"))
def record_decline_reason(ctx):
    ctx.doc.decline_reason = ctx.comment
    ctx.doc.decided_at, ctx.doc.decided_by = ctx.at, ctx.user


@effect(
    R,
    "tell_citizen_declined",
    gettext_lazy("Tell the citizen the reason by SMS (and by e-mail if given)"),
    after_commit=True,
)
def tell_citizen_declined(doc, event):
    from .services import tell_citizen_declined as tell

    tell(doc)


# -- Steps the decree reserves ------------------------------------------------------
SOURCE = (
    "Nghị định 154/2026/NĐ-CP, Điều 12 khoản 1 và Điều 21 khoản 4 (kiểm tra danh tính người "
    "được tiếp), Điều 20 (tiếp trực tuyến khi công dân đồng ý)"
)
reserve(
    R,
    "convert",
    roles=BOARD,
    conditions=("identity_checked",),
    effects=("register_as_petition",),
    from_states={"submitted"},
    guards=("converted",),
    source=SOURCE,
)
reserve(
    R,
    "decline",
    roles=BOARD,
    conditions=("decline_reason_given",),
    effects=("record_decline_reason", "tell_citizen_declined"),
    from_states={"submitted"},
    guards=("declined",),
    source=SOURCE,
)

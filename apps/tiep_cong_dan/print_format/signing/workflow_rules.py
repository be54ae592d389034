"""The signing steps the workflow files name: the signer's signature as the document is
issued (result notice: the Chairman; monthly report: the Board head; the Board's
numbered letters to a citizen, the reply letter and the refusal notice: the Board head)
and the issuing body's signature its clerk adds after it (`seal`). Each runs inside its
step: a failed signature refuses the step, which rolls back whole (no number, no file,
no state)."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...doctype.reception_session.workflow_rules import number_invitations
from ...workflow.engine import TransitionRefused
from ...workflow.registry import condition, effect
from ..documents import DOCUMENTS
from .constants import SignatureKind
from .errors import SigningFailed
from .models import DocumentSignature
from .service import sign_as_organisation, sign_on_issue, signed_document

# The documents whose own workflow issues them (the document is the workflow's record).
SIGNED_DOCTYPES = ("result_notice", "monthly_report")
# Letters issued by a step of another record's workflow: (doctype, effect) -> document.
# The Board's clerk adds the Board's signature by `seal_<document>` once the
# `<document>_awaiting_seal` condition holds.
SIGNED_LETTERS = {
    ("petition", "sign_reply_letter"): "reply_letter",
    ("petition", "sign_refusal_notice"): "refusal_notice",
}
# Every effect that signs (the desk asks a PIN for the steps that run one).
SIGNING_EFFECTS = frozenset(
    {
        "sign_document",
        "sign_as_organisation",
        "sign_invitations",
        "seal_invitations",
        *(name for _d, name in SIGNED_LETTERS),
        *(f"seal_{code}" for code in SIGNED_LETTERS.values()),
    }
)


def _refused(exc: SigningFailed) -> TransitionRefused:
    return TransitionRefused(
        _("Not signed, so nothing was issued:"), code=exc.code, reasons=[exc.message]
    )


def _signs(ctx) -> bool:
    """Whether the step signs: a person's step (one the system takes, an import or a
    follow-on of another document, signs nothing: a signature is a person's), dated on
    or after the day the site began to sign digitally (TCD_SIGNING_FROM; before it, the
    document was signed on paper: the demo's history, a past record)."""
    if ctx.user is None:
        return False
    start = settings.TCD_SIGNING_FROM
    return start is None or timezone.localtime(ctx.at).date() >= start


def _signing(sign, code: str | None = None):
    """The effect that signs `code`'s document (None: the workflow's own record's)."""

    def run(ctx):
        if not _signs(ctx):
            return
        spec = DOCUMENTS[code or ctx.workflow.doctype]
        try:
            sign(spec, ctx.doc, ctx.user, pin=ctx.data.get("pin"))
        except SigningFailed as exc:
            raise _refused(exc) from None

    return run


def _awaiting_seal_of(code: str | None = None):
    """The rule "signed by the signer, not yet by the issuing body" for `code`'s
    document (None: the workflow's own record's)."""

    def check(ctx):
        document = signed_document(DOCUMENTS[code or ctx.workflow.doctype], ctx.doc)
        if document is None:
            return _("The signer's signature is not on the issued file.")
        if document.signatures.filter(kind=SignatureKind.ORGANISATION).exists():
            return _("The issuing body has signed this document already.")

    return check


_awaiting_seal = _awaiting_seal_of()


def _sealed_if_signed(ctx):
    # Decree 30/2020 Appendix I: an electronic document goes out with the issuing
    # body's digital signature over its signer's. A document issued without a signature
    # (a step the system took, a record imported from paper) goes as it is.
    document = signed_document(DOCUMENTS[ctx.workflow.doctype], ctx.doc)
    if document is None:
        return None
    kinds = set(document.signatures.values_list("kind", flat=True))
    if SignatureKind.SIGNER in kinds and SignatureKind.ORGANISATION not in kinds:
        return _(
            "The issuing body's digital signature is not on the signed file yet: its "
            "clerk adds it first, then the document is sent."
        )


for _doctype in SIGNED_DOCTYPES:
    # After the number is given and the document saved in its issued state (follow_on:
    # the rendered file shows them), inside the step's transaction.
    effect(
        _doctype,
        "sign_document",
        gettext_lazy("Sign the issued document (PAdES) and keep the signed file"),
        follow_on=True,
    )(_signing(sign_on_issue))
    effect(
        _doctype,
        "sign_as_organisation",
        gettext_lazy("Add the issuing body's signature to the signed file"),
        follow_on=True,
    )(_signing(sign_as_organisation))
    condition(
        _doctype,
        "awaiting_organisation_signature",
        gettext_lazy("Signed by the signer, not yet by the issuing body"),
    )(_awaiting_seal)
    condition(
        _doctype,
        "sealed_if_signed",
        gettext_lazy("A signed document carries the issuing body's signature"),
    )(_sealed_if_signed)


def _refusal_notice_unsigned(ctx):
    if signed_document(DOCUMENTS["refusal_notice"], ctx.doc) is not None:
        return _("The refusal notice is signed and issued already.")


condition(
    "petition",
    "refusal_notice_unsigned",
    gettext_lazy("The refusal notice is not signed yet"),
)(_refusal_notice_unsigned)

for (_doctype, _name), _code in SIGNED_LETTERS.items():
    effect(
        _doctype,
        _name,
        gettext_lazy("Sign the letter (PAdES) and keep the signed file"),
        follow_on=True,
    )(_signing(sign_on_issue, _code))
    effect(
        _doctype,
        f"seal_{_code}",
        gettext_lazy("Add the Board's signature to the signed letter"),
        follow_on=True,
    )(_signing(sign_as_organisation, _code))
    condition(
        _doctype,
        f"{_code}_awaiting_seal",
        gettext_lazy("The letter is signed by the Board head, not yet by the Board"),
    )(_awaiting_seal_of(_code))


# -- a session's invitation letters, signed at once by the Board head ------------------
def _letters(session):
    """The session's letters, each with whether the head signed it and whether the
    Board did (one query)."""

    def signed(kind: str) -> Exists:
        return Exists(
            DocumentSignature.objects.filter(
                document__doctype="invitation", document__object_id=OuterRef("pk"), kind=kind
            )
        )

    return session.invitations.annotate(
        head_signed=signed(SignatureKind.SIGNER), board_signed=signed(SignatureKind.ORGANISATION)
    ).order_by("kind", "id")


def _unsigned_invitations(session) -> list:
    return list(_letters(session).filter(head_signed=False).select_related("session"))


def _unsealed_invitations(session) -> list:
    """The letters the Board head signed that lack the Board's signature."""
    letters = _letters(session).filter(head_signed=True, board_signed=False)
    return list(letters.select_related("session"))


def _invitations_to_sign(ctx):
    letters = list(_letters(ctx.doc).values_list("head_signed", flat=True))
    if not letters:
        return _("The session has no invitation letters.")
    if all(letters):
        return _("Every invitation letter of the session is signed.")


def _sign_letters(ctx, letters, sign) -> None:
    """`sign` each of a session's `letters` with the step's one PIN; a failure on any
    refuses the step whole, so no letter is left half-signed."""
    spec = DOCUMENTS["invitation"]
    for letter in letters:
        try:
            sign(spec, letter, ctx.user, pin=ctx.data.get("pin"))
        except SigningFailed as exc:
            raise _refused(exc) from None


def _sign_invitations(ctx):
    # The session's letters (up to fifty): each numbered if it is not yet (from the
    # year's register), rendered once and signed.
    if not _signs(ctx):
        return
    number_invitations(ctx.doc, ctx.today, ctx.user)
    _sign_letters(ctx, _unsigned_invitations(ctx.doc), sign_on_issue)


def _waiting_for_the_board(session) -> int:
    return _letters(session).filter(head_signed=True, board_signed=False).count()


def _invitations_awaiting_seal(ctx):
    if not _waiting_for_the_board(ctx.doc):
        return _("No signed invitation letter is waiting for the Board's signature.")


def _invitations_sealed_if_signed(ctx):
    # As for every signed document (Decree 30/2020 Appendix I): the letters the head
    # signed go out with the Board's signature; letters not signed go as they are.
    waiting = _waiting_for_the_board(ctx.doc)
    if waiting:
        return _(
            "%(count)s signed invitation letter(s) lack the Board's digital signature: "
            "the Board's clerk adds it first, then the letters are sent."
        ) % {"count": waiting}


def _seal_invitations(ctx):
    if _signs(ctx):
        _sign_letters(ctx, _unsealed_invitations(ctx.doc), sign_as_organisation)


condition(
    "reception_session",
    "invitations_awaiting_seal",
    gettext_lazy("Some signed invitation letter lacks the Board's signature"),
)(_invitations_awaiting_seal)
condition(
    "reception_session",
    "invitations_sealed_if_signed",
    gettext_lazy("Signed invitation letters carry the Board's signature"),
)(_invitations_sealed_if_signed)
effect(
    "reception_session",
    "seal_invitations",
    gettext_lazy("Add the Board's signature to every signed invitation letter"),
    follow_on=True,
)(_seal_invitations)
condition(
    "reception_session",
    "invitations_to_sign",
    gettext_lazy("Some invitation letter is not signed yet"),
)(_invitations_to_sign)
effect(
    "reception_session",
    "sign_invitations",
    gettext_lazy("Number and sign every invitation letter of the session (PAdES)"),
    follow_on=True,
)(_sign_invitations)

"""What each finding of a signature check is called (codes, for the API and the
tests) and what it says to a reader (Vietnamese through the catalogue)."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Verdict(StrEnum):
    VALID = "valid"  # every signature intact, trusted and covering the document
    INVALID = "invalid"  # signed, but at least one signature fails
    UNSIGNED = "unsigned"  # a readable PDF without any signature
    NOT_PDF = "not_pdf"  # not a PDF, or one that cannot be read


class Problem(StrEnum):
    NOT_PDF = "not_pdf"
    UNREADABLE = "unreadable"
    ENCRYPTED = "encrypted"
    NO_SIGNATURES = "no_signatures"
    TRAILING_BYTES = "trailing_bytes"
    MALFORMED = "malformed"
    TAMPERED = "tampered"
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    EXPIRED_UNPROVED = "expired_unproved"
    NOT_YET_VALID = "not_yet_valid"
    UNTRUSTED = "untrusted"
    REVOKED = "revoked"
    CHAIN_INVALID = "chain_invalid"
    PARTIAL = "partial"
    MODIFIED = "modified"
    TIMESTAMP_INVALID = "timestamp_invalid"


MESSAGES = {
    Problem.NOT_PDF: _("The file is not a PDF document."),
    Problem.UNREADABLE: _(
        "The PDF file is damaged: its structure cannot be read, so its signatures cannot "
        "be checked."
    ),
    Problem.ENCRYPTED: _("The PDF file is encrypted: its signatures cannot be checked."),
    Problem.NO_SIGNATURES: _(
        "The PDF file carries no digital signature: nothing proves who issued it or that "
        "it is unchanged."
    ),
    Problem.TRAILING_BYTES: _(
        "Bytes were added to the file after its last signature and they are not a valid "
        "incremental update: the signatures cover only part of the file."
    ),
    Problem.MALFORMED: _("The signature cannot be read: %(error)s"),
    Problem.TAMPERED: _(
        "The document was changed after it was signed: the content's hash does not match "
        "the hash that was signed."
    ),
    Problem.BAD_SIGNATURE: _(
        "The signature value is not cryptographically valid for the signer's certificate."
    ),
    Problem.EXPIRED: _(
        "The signer's certificate had expired at the time of signing (valid until "
        "%(until)s, signed at %(at)s)."
    ),
    Problem.EXPIRED_UNPROVED: _(
        "The signer's certificate has expired (valid until %(until)s) and no trusted "
        "timestamp proves that the document was signed before that."
    ),
    Problem.NOT_YET_VALID: _(
        "The signer's certificate was not yet valid at the time of signing (valid from "
        "%(since)s, signed at %(at)s)."
    ),
    Problem.UNTRUSTED: _(
        "The signer's certificate does not lead to a root certificate this site trusts "
        "(issued by %(issuer)s)."
    ),
    Problem.REVOKED: _("The signer's certificate was revoked on %(at)s (reason: %(reason)s)."),
    Problem.CHAIN_INVALID: _("The signer's certificate chain is not valid (%(reason)s)."),
    Problem.PARTIAL: _(
        "The signature does not cover the whole file: some bytes of the document are "
        "outside what was signed."
    ),
    Problem.MODIFIED: _(
        "The document was modified after this signature in a way a later signature does "
        "not allow (content changed, not only signatures or form fields added)."
    ),
    Problem.TIMESTAMP_INVALID: _(
        "The signature's timestamp token is not valid or not trusted, so the signing time "
        "is not proved."
    ),
}


# RFC 5280's reason codes, as a CRL or an OCSP response gives them.
REVOCATION_REASONS = {
    "unspecified": _("no reason given"),
    "key_compromise": _("the private key was compromised"),
    "ca_compromise": _("the certification authority's key was compromised"),
    "affiliation_changed": _("the holder's affiliation changed"),
    "superseded": _("replaced by another certificate"),
    "cessation_of_operation": _("no longer used"),
    "certificate_hold": _("suspended"),
    "remove_from_crl": _("no reason given"),
    "privilege_withdrawn": _("the holder's rights were withdrawn"),
    "aa_compromise": _("the attribute authority's key was compromised"),
}


def revocation_reason(code: str) -> str:
    return str(REVOCATION_REASONS.get(code, code))


def message(problem: Problem, **params) -> str:
    text = str(MESSAGES[problem])
    return text % params if params else text

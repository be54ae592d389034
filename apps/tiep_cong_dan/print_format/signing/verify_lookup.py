"""Verifying an issued document by its number: the stored PDF is checked on the server
and only what a verifier may publish is returned — the kind of document, its number,
the day it was issued and, per signature, whether it holds, who signed (name, title,
body), with which certificate and when. Never the content, never a citizen's data,
never the file (a number of a letter is printed on it; its text is not public)."""

import datetime
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from ..documents import DOCUMENTS
from ..models import IssuedDocument
from .verify import Verification, verify_pdf

MAX_NUMBER_LENGTH = 60  # IssuedDocument.number
# A number repeats each year (05/TB-UBND of 2025 and of 2026): each issue is listed.
MAX_MATCHES = 10
# The full copy is the one signed; a redacted copy or an extract is made from it.
VARIANT_ORDER = {"full": 0, "redacted": 1}


@dataclass(frozen=True)
class IssuedCheck:
    kind: str  # the document type in words
    number: str
    issued_on: datetime.date
    verification: Verification | None  # None: the stored file is missing
    # The issued document replacing it, in words; "" while it is in force.
    replaced_by: str = ""

    def as_dict(self) -> dict:
        return {
            "document_type": self.kind,
            "number": self.number,
            "issued_on": self.issued_on.isoformat(),
            "in_force": not self.replaced_by,
            "replaced_by": self.replaced_by or None,
            "file_found": self.verification is not None,
            "verification": self.verification.as_dict() if self.verification else None,
        }


def _pick(documents: list[IssuedDocument]) -> list[IssuedDocument]:
    """One file per issued document: its full copy, else the first other copy."""
    chosen: dict[tuple[str, int], IssuedDocument] = {}
    for doc in sorted(documents, key=lambda d: (VARIANT_ORDER.get(d.variant, 9), d.pk)):
        chosen.setdefault((doc.doctype, doc.object_id), doc)
    return sorted(chosen.values(), key=lambda d: d.created_at, reverse=True)


def verify_file(doc: IssuedDocument) -> Verification | None:
    try:
        with doc.file.open("rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        return None
    return verify_pdf(data)


def _check(doc: IssuedDocument, verification: Verification | None) -> IssuedCheck:
    spec = DOCUMENTS.get(doc.doctype)
    record = spec.model.objects.filter(pk=doc.object_id).first() if spec else None
    # The day printed on the document (a record imported or written later than it was
    # issued keeps its own), else the day its file was stored.
    issued_on = spec.issued_on(record) if record is not None else None
    return IssuedCheck(
        kind=str(spec.label) if spec else doc.doctype,
        number=doc.number,
        issued_on=issued_on or timezone.localtime(doc.created_at).date(),
        verification=verification,
        replaced_by=spec.replaced_by(record) if record is not None else "",
    )


def check_issued(number: str) -> list[IssuedCheck]:
    """Each issued PDF numbered `number` (as printed on it), verified."""
    number = " ".join(number.split())
    if not number or len(number) > MAX_NUMBER_LENGTH:
        return []
    found = list(
        IssuedDocument.objects.filter(number=number, fmt="pdf").order_by("-id")[: MAX_MATCHES * 4]
    )
    return [_check(doc, verify_file(doc)) for doc in _pick(found)[:MAX_MATCHES]]


def stored_copy_of(data: bytes, verification: Verification) -> IssuedCheck | None:
    """The issued document an uploaded file is, byte for byte, a stored copy of (its
    kind, number and day, and whether a later document replaced it), or None. Only what
    the number's look-up shows; the upload's own verification is reused."""
    digest = hashlib.sha256(data).hexdigest()
    doc = IssuedDocument.objects.filter(sha256=digest, fmt="pdf").order_by("-id").first()
    return _check(doc, verification) if doc is not None else None

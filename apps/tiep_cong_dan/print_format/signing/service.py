"""Signing an issued document, as its issue step runs (in the step's transaction: a
failure rolls the step back, the document stays unsigned and unissued), and the issuing
body's signature added after it as an incremental update of the same file.

The signed copy is the Board's full copy (`document_file(spec, obj, None, "pdf")`):
from then on it is what every reader of that copy gets, never re-rendered."""

import hashlib

from asn1crypto import pem
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from ...core.site_profile import site_profile
from ..context.common import SIGNING_AS
from ..documents import DocumentSpec
from ..models import IssuedDocument
from ..service import _fresh
from . import appearance
from .backends import backend_for
from .constants import IssuingBody, SignatureKind
from .errors import SigningFailed
from .models import DocumentSignature, SealImage, SignatureImage
from .pades import Signed, sign_pdf

SIGNER_FIELD = "ChuKyNguoiKy"
ORGANISATION_FIELD = "ChuKyCoQuan"
# Which body's seal closes each signed document.
ISSUING_BODIES = {
    "result_notice": IssuingBody.COMMITTEE,
    "monthly_report": IssuingBody.BOARD,
    "reply_letter": IssuingBody.BOARD,
    "refusal_notice": IssuingBody.BOARD,
    "invitation": IssuingBody.BOARD,
}


def issuing_body(spec: DocumentSpec) -> IssuingBody:
    return ISSUING_BODIES.get(spec.code, IssuingBody.BOARD)


def organisation_name(body: IssuingBody) -> str:
    profile = site_profile()
    return profile.committee if body == IssuingBody.COMMITTEE else profile.board


def _key(spec: DocumentSpec, obj) -> dict:
    return {
        "doctype": spec.code,
        "object_id": obj.pk,
        "number": spec.issued_number(obj),
        "variant": spec.variant(obj, None),
        "fmt": "pdf",
    }


def signed_document(spec: DocumentSpec, obj) -> IssuedDocument | None:
    """The signed file of `obj`'s document (None: not issued or not signed)."""
    key = _key(spec, obj)
    if not key["number"]:
        return None
    return IssuedDocument.objects.filter(**key, signatures__isnull=False).distinct().first()


def signatures_of(document: IssuedDocument) -> list[DocumentSignature]:
    """The signatures in an issued document's file, the signer's first: what the
    verification pages and the nightly check read."""
    return list(document.signatures.select_related("signed_by").order_by("signed_at", "id"))


def _record(document: IssuedDocument, signed: Signed, kind: str, user, device: str, placement):
    cert = signed.certificate
    return DocumentSignature.objects.create(
        document=document,
        kind=kind,
        field_name=signed.field_name,
        signed_by=user,
        device=device,
        subject=cert.subject.human_friendly[:500],
        issuer=cert.issuer.human_friendly[:500],
        serial=format(cert.serial_number, "x"),
        fingerprint=hashlib.sha256(cert.dump()).hexdigest(),
        certificate_pem=pem.armor("CERTIFICATE", cert.dump()).decode(),
        signed_at=signed.signed_at,
        level=signed.level,
        file_sha256=signed.sha256,
        validation=signed.validation,
        placement=placement,
    )


def _png(model, **where) -> bytes | None:
    row = model.objects.filter(**where).only("png").first()
    return bytes(row.png) if row is not None else None


def sign_on_issue(spec: DocumentSpec, obj, user, *, pin: str | None = None) -> DocumentSignature:
    """Render `obj`'s document (already numbered), sign it as `user` and freeze the
    signed bytes as the issued document. Call inside the issue step's transaction."""
    key = _key(spec, obj)
    if not key["number"]:
        raise SigningFailed(_("Only a numbered document is signed."), code="not_issued")
    frozen = IssuedDocument.objects.filter(**key).first()
    if frozen is not None and frozen.signatures.exists():
        raise SigningFailed(
            _("This document was issued already; its file cannot be signed again."),
            code="already_issued",
        )
    # A letter numbered by hand is frozen as soon as it is printed with its number,
    # before its issue step: what was printed (and perhaps sent for review) is what is
    # signed, never a new rendering.
    data = _frozen_bytes(frozen) if frozen is not None else _rendered_for(spec, obj, user)
    name = getattr(obj, "signer_name", "") or user.get_full_name()
    page, box = appearance.signer_box(data, name)
    image = _png(SignatureImage, user=user)
    backend = backend_for(user)
    signed = sign_pdf(
        data,
        backend=backend,
        key_name=user.get_username(),
        pin=pin,
        holder=user.get_full_name() or user.get_username(),
        field_name=SIGNER_FIELD,
        page=page,
        box=box,
        style_for=lambda at: appearance.signer_style(image),
    )
    with transaction.atomic():
        document = frozen or IssuedDocument(**key)
        old = document.file.name if frozen is not None else ""
        document.sha256 = signed.sha256
        document.file.save(
            f"{spec.filename(obj)}-{key['variant']}.pdf", ContentFile(signed.data), save=False
        )
        document.save()
        if old and old != document.file.name:
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(old))
        return _record(
            document, signed, SignatureKind.SIGNER, user, backend.code, {"page": page, "box": box}
        )


def _rendered_for(spec: DocumentSpec, obj, user) -> bytes:
    """The full copy rendered for `user`'s signature (a Board letter names its signer)."""
    token = SIGNING_AS.set(user)
    try:
        return _fresh(spec, obj, None, "pdf")
    finally:
        SIGNING_AS.reset(token)


def _frozen_bytes(document: IssuedDocument) -> bytes:
    with document.file.open("rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise SigningFailed(
            _("The stored file no longer matches its recorded hash; it is not signed again."),
            code="file_changed",
        )
    return data


def sign_as_organisation(
    spec: DocumentSpec, obj, user, *, pin: str | None = None
) -> DocumentSignature:
    """The issuing body's signature over the signer's, added to the signed file as an
    incremental update (what the signer signed stays byte for byte); the issued
    document's file and hash become the new file's."""
    document = signed_document(spec, obj)
    if document is None:
        raise SigningFailed(_("The signer has not signed this document yet."), code="not_signed")
    if document.signatures.filter(kind=SignatureKind.ORGANISATION).exists():
        raise SigningFailed(
            _("The issuing body has signed this document already."), code="already_signed"
        )
    first = document.signatures.get(kind=SignatureKind.SIGNER)
    data = _frozen_bytes(document)
    body = issuing_body(spec)
    organisation = organisation_name(body)
    seal = _png(SealImage, body=body)
    backend = backend_for(user)
    page, box = first.placement["page"], appearance.seal_box(tuple(first.placement["box"]))
    signed = sign_pdf(
        data,
        backend=backend,
        key_name=f"org-{body}",
        pin=pin,
        holder=organisation,
        field_name=ORGANISATION_FIELD,
        page=page,
        box=box,
        style_for=lambda at: appearance.seal_style(seal, organisation, at),
    )
    with transaction.atomic():
        old = document.file.name
        document.file.save(old.rsplit("/", 1)[-1], ContentFile(signed.data), save=False)
        document.sha256 = signed.sha256
        document.save(update_fields=["file", "sha256"])
        row = _record(
            document,
            signed,
            SignatureKind.ORGANISATION,
            user,
            backend.code,
            {"page": page, "box": box},
        )
        storage = document.file.storage
        # The file the signer alone signed is part of the new one (incremental update).
        transaction.on_commit(lambda: storage.delete(old) if old != document.file.name else None)
    return row


def needs_pin(user) -> bool:
    """Whether `user`'s signing device asks for a PIN at signing."""
    try:
        return backend_for(user).needs_pin
    except SigningFailed:
        return False

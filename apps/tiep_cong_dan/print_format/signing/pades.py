"""One PAdES signature added to a PDF as an incremental update (the bytes before it are
kept as they were: a later signature never re-renders what an earlier one signed).

Level: B-T when a timestamp authority stamps the signature (TCD_SIGNING_TSA_URL, or
the demo TSA, pyHanko's in-process DummyTimeStamper, in the demo and the tests); B-LT
when the revocation data of the chain is embedded too (the demo CA's CRL, or what the
certificates' responders answered with TCD_SIGNING_FETCH_REVOCATION; the level is read
from the signed file); B-B otherwise. The signer's certificate is checked before
anything is signed: in its validity period and chaining to a trusted root (trust.py)."""

import contextlib
import datetime
import hashlib
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import x509
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    InvalidCertificateError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)

from . import aio
from .appearance import vietnam_time
from .backends import SignerBackend
from .errors import SigningFailed
from .trust import demo_crls, trusted_roots

log = logging.getLogger(__name__)


class _OfflineRevocationNotice(logging.Filter):
    """pyHanko warns at every signature that revocation data is embedded without
    fetching: here that is the design (the CRLs are given, nothing is fetched)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "fetching is not allowed" not in record.getMessage()


logging.getLogger("pyhanko.sign.signers.pdf_signer").addFilter(_OfflineRevocationNotice())


@dataclass
class Signed:
    """What one signature made: the new file and what is recorded about it."""

    data: bytes
    certificate: x509.Certificate
    signed_at: datetime.datetime
    level: str
    field_name: str
    validation: dict = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def validation_context() -> ValidationContext:
    """The site's trusted roots and the revocation data: the demo CA's CRL handed over
    (a revoked or unlisted certificate fails), or, with TCD_SIGNING_FETCH_REVOCATION,
    what the certificates' OCSP responders and CRL points answer (a revoked certificate
    fails; a responder that cannot be reached does not stop the signature, which then
    carries no revocation data and is B-T, not B-LT)."""
    crls = demo_crls()
    return ValidationContext(
        trust_roots=trusted_roots(),
        crls=crls,
        allow_fetching=settings.TCD_SIGNING_FETCH_REVOCATION and not crls,
        revocation_mode="hard-fail" if crls else "soft-fail",
    )


def _has_revocation_data(data: bytes) -> bool:
    """Whether the file carries a document security store with revocation answers (the
    mark of B-LT), as embedding put them there."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    root = PdfFileReader(io.BytesIO(data), strict=False).root
    if "/DSS" not in root:
        return False
    dss = root["/DSS"]  # the dictionary itself (get() would give the reference)
    return any(k in dss for k in ("/CRLs", "/OCSPs"))


def _timestamper():
    if settings.TCD_SIGNING_TSA_URL:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        return HTTPTimeStamper(settings.TCD_SIGNING_TSA_URL, timeout=10)
    if settings.TCD_SIGNING_DEMO_PKI:
        from .demo_tsa import demo_timestamper

        return demo_timestamper(Path(settings.TCD_SIGNING_PKI_DIR))
    return None


def _date(value: datetime.datetime) -> str:
    return vietnam_time(value)[:10]


async def check_certificate(cert: x509.Certificate, others, context: ValidationContext) -> None:
    """Refuses a certificate out of its validity period, revoked, or not chaining to a
    trusted root, before it signs anything."""
    now = datetime.datetime.now(datetime.UTC)
    validity = cert["tbs_certificate"]["validity"]
    start, end = validity["not_before"].native, validity["not_after"].native
    holder = cert.subject.human_friendly
    if now > end:
        raise SigningFailed(
            _("The signing certificate of %(who)s expired on %(date)s.")
            % {"who": holder, "date": _date(end)},
            code="certificate_expired",
        )
    if now < start:
        raise SigningFailed(
            _("The signing certificate of %(who)s is valid only from %(date)s.")
            % {"who": holder, "date": _date(start)},
            code="certificate_not_yet_valid",
        )
    validator = CertificateValidator(
        cert, intermediate_certs=list(others), validation_context=context
    )
    try:
        await validator.async_validate_usage({"non_repudiation"})
    except RevokedError:
        raise SigningFailed(
            _("The signing certificate of %(who)s has been revoked.") % {"who": holder},
            code="certificate_revoked",
        ) from None
    except (PathBuildingError, PathValidationError, InvalidCertificateError):
        raise SigningFailed(
            _(
                "The signing certificate of %(who)s does not come from a certification "
                "authority this site trusts."
            )
            % {"who": holder},
            code="certificate_untrusted",
        ) from None


async def _sign(
    data: bytes,
    backend: SignerBackend,
    key_name: str,
    pin: str | None,
    holder: str,
    field_name: str,
    page: int,
    box,
    style_for,
) -> Signed:
    async with (
        backend.open(key_name, pin, holder=holder) as signer,
        # Read after the device is open: opening a demo key on a fresh site makes the
        # demo PKI, whose root, CRL and timestamp authority these then find. Closed
        # in this loop: it may have opened a session to fetch revocation data.
        contextlib.aclosing(validation_context()) as context,
    ):
        timestamper = _timestamper()
        embed = bool(demo_crls()) or settings.TCD_SIGNING_FETCH_REVOCATION
        cert = signer.signing_cert
        await check_certificate(cert, signer.cert_registry, context)
        signed_at = datetime.datetime.now(datetime.UTC)
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        fields.append_signature_field(
            writer, fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=box)
        )
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            embed_validation_info=embed,
            validation_context=context if embed else None,
        )
        pdf_signer = signers.PdfSigner(
            meta, signer=signer, timestamper=timestamper, stamp_style=style_for(signed_at)
        )
        out = await pdf_signer.async_sign_pdf(writer, in_place=False)
    data = out.getvalue()
    level = "B-B" if timestamper is None else ("B-LT" if _has_revocation_data(data) else "B-T")
    return Signed(data, cert, signed_at, level, field_name)


def sign_pdf(
    data: bytes,
    *,
    backend: SignerBackend,
    key_name: str,
    pin: str | None,
    holder: str,
    field_name: str,
    page: int,
    box: tuple[float, float, float, float],
    style_for,
) -> Signed:
    """`data` with one more signature (`style_for(signing time)` draws it in `box` of
    `page`). Raises SigningFailed with the reason in the signer's words; the PIN goes
    to the device only."""
    try:
        signed = aio.run(
            _sign(data, backend, key_name, pin, holder, field_name, page, box, style_for)
        )
    except SigningFailed:
        raise
    except Exception as exc:
        failure = backend.failure(exc)
        if failure is not None:
            raise failure from None
        log.exception("Signing with the %s device failed", backend.code)
        raise SigningFailed(
            _("The document could not be signed (%(kind)s); nothing was issued.")
            % {"kind": type(exc).__name__},
            code="signing_error",
        ) from None
    signed.validation = validate_last(signed.data)
    return signed


def validate_last(data: bytes) -> dict:
    """The newest signature of `data` as the site's validator sees it."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    embedded = reader.embedded_signatures[-1]
    # What follows the newest signature is only its own revocation data: no later
    # change to review (the verification pages review the whole file's history).
    async def validate():
        async with contextlib.aclosing(validation_context()) as context:
            return await async_validate_pdf_signature(embedded, context, skip_diff=True)

    status = aio.run(validate())
    return {
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "coverage": status.coverage.name if status.coverage else "",
        "bottom_line": bool(status.bottom_line),
        "timestamped": status.timestamp_validity is not None,
    }

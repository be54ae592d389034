"""Verifying a signed PDF: for each embedded signature, who signed it, with which
certificate, when (and whether a timestamp proves it), whether its chain reaches a root
the site trusts, whether the signed bytes are intact and whether the signature covers
the whole document; then one verdict for the file, every failure named in words.

pyHanko does the cryptography and the path validation, offline: nothing is fetched
(a verification page must not make the server call addresses a file names), the
revocation data embedded in the file (its DSS) is used. Two checks are ours:
- bytes appended after the last revision that are no incremental update: pyHanko's
  reader skips them and would call the file untouched;
- a certificate expired *now* but valid when a trusted timestamp proves it signed is
  validated again at that time (the point of B-T and B-LT signatures)."""

import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509 as asn1_x509
from django.utils import timezone
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from . import aio
from .trust import trusted_roots
from .verify_messages import Problem, Verdict, message, revocation_reason

# Anything a parser of hostile input may raise: an uploaded file is the attacker's
# choice, and a failure to read it is an answer ("damaged"), never a server error.
# AssertionError: pyHanko and its validator assert on some inconsistent signatures (an
# algorithm that does not fit the key) rather than raising an error of their own.
READ_ERRORS = (
    PdfError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    LookupError,
    AssertionError,
)
# How far from the end a damaged file is searched for an earlier end of revision.
EOF_MARKERS_TRIED = 8
_EOF = re.compile(rb"%%EOF[ \t]*(?:\r\n|\r|\n)?")
ALLOWED_LATER = ("NONE", "LTA_UPDATES", "FORM_FILLING")
EXPIRY_INDICATIONS = (
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
)


def _configured_roots() -> list[asn1_x509.Certificate]:
    """The site's trusted roots (trust.py: settings.TCD_SIGNING_TRUST_ROOTS)."""
    return trusted_roots()


@dataclass
class SignatureReport:
    field: str
    signer_name: str = ""
    organisation: str = ""
    title: str = ""
    serial: str = ""
    fingerprint: str = ""  # SHA-256 of the certificate, hex pairs
    issuer: str = ""
    valid_from: datetime.datetime | None = None
    valid_until: datetime.datetime | None = None
    signing_time: datetime.datetime | None = None
    time_from_timestamp: bool = False
    intact: bool = False  # the signed bytes hash to what was signed, signature valid
    trusted: bool = False  # the chain reaches a configured root, certificate good
    coverage: str = "partial"  # entire_file | entire_revision | partial
    modification_level: str | None = None
    whole_document: bool = False
    pades_level: str = ""
    # Revocation data for this signer's certificate is embedded (the file's DSS holds a
    # CRL of its issuer or an OCSP answer for it): verifiable after it expires.
    has_ltv_data: bool = False
    revoked: bool = False
    problems: list[tuple[Problem, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, problem: Problem, **params) -> None:
        self.problems.append((problem, message(problem, **params)))

    def as_dict(self) -> dict:
        def when(value):
            return value.isoformat() if value else None

        return {
            "field": self.field,
            "valid": self.ok,
            "signer_name": self.signer_name,
            "organisation": self.organisation,
            "title": self.title,
            "certificate": {
                "serial": self.serial,
                "sha256": self.fingerprint,
                "issuer": self.issuer,
                "valid_from": when(self.valid_from),
                "valid_until": when(self.valid_until),
            },
            "signing_time": when(self.signing_time),
            "time_from_timestamp": self.time_from_timestamp,
            "intact": self.intact,
            "trusted": self.trusted,
            "revoked": self.revoked,
            "coverage": self.coverage,
            "modification_level": self.modification_level,
            "whole_document": self.whole_document,
            "pades_level": self.pades_level,
            "problems": [{"code": str(p), "message": m} for p, m in self.problems],
        }


@dataclass
class Verification:
    verdict: Verdict
    signatures: list[SignatureReport] = field(default_factory=list)
    problems: list[tuple[Problem, str]] = field(default_factory=list)
    document_timestamps: int = 0
    has_ltv_data: bool = False  # revocation data embedded (DSS)

    @property
    def ok(self) -> bool:
        return self.verdict == Verdict.VALID

    @property
    def messages(self) -> list[str]:
        found = [m for _p, m in self.problems]
        for report in self.signatures:
            found.extend(f"{report.signer_name or report.field}: {m}" for _p, m in report.problems)
        return found

    def as_dict(self) -> dict:
        return {
            "verdict": str(self.verdict),
            "valid": self.ok,
            "problems": [{"code": str(p), "message": m} for p, m in self.problems],
            "signatures": [s.as_dict() for s in self.signatures],
            "document_timestamps": self.document_timestamps,
            "ltv_data": self.has_ltv_data,
        }


def _refused(verdict: Verdict, problem: Problem, **params) -> Verification:
    return Verification(verdict, problems=[(problem, message(problem, **params))])


def _revision_end(data: bytes) -> int:
    """Where the file's last revision ends: after its last %%EOF and that line's end."""
    ends = [m.end() for m in _EOF.finditer(data)]
    return ends[-1] if ends else len(data)


def _open(data: bytes) -> tuple[PdfFileReader | None, bool]:
    """The reader, and whether bytes that are no revision follow the last one. A file
    whose tail breaks the reader is read up to an earlier end of revision, so that its
    signatures are still shown, and reported as extended by foreign bytes."""
    tail = data[_revision_end(data) :]
    try:
        return PdfFileReader(io.BytesIO(data), strict=False), bool(tail.strip(b"\x00 \t\r\n\f"))
    except READ_ERRORS:
        pass
    ends = [m.end() for m in _EOF.finditer(data)][::-1][:EOF_MARKERS_TRIED]
    for end in ends[1:] if ends and ends[0] == len(data) else ends:
        try:
            return PdfFileReader(io.BytesIO(data[:end]), strict=False), True
        except READ_ERRORS:
            continue
    return None, False


def _name_attr(name: asn1_x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def _describe_cert(report: SignatureReport, cert: asn1_x509.Certificate) -> None:
    report.signer_name = _name_attr(cert.subject, "common_name") or cert.subject.human_friendly
    report.organisation = _name_attr(cert.subject, "organization_name")
    report.title = _name_attr(cert.subject, "title")
    report.serial = format(cert.serial_number, "X")
    digest = hashlib.sha256(cert.dump()).hexdigest().upper()
    report.fingerprint = ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
    issuer = [_name_attr(cert.issuer, k) for k in ("common_name", "organization_name")]
    report.issuer = ", ".join(v for v in issuer if v) or cert.issuer.human_friendly
    report.valid_from = cert["tbs_certificate"]["validity"]["not_before"].native
    report.valid_until = cert["tbs_certificate"]["validity"]["not_after"].native


def _context(roots, dss: DocumentSecurityStore | None, moment=None) -> ValidationContext:
    kwargs = {"trust_roots": roots, "allow_fetching": False}
    if moment is not None:
        # Validation at the proved signing time: revocation data issued later counts.
        kwargs.update(moment=moment, retroactive_revinfo=True)
    if dss is not None:
        return dss.as_validation_context(kwargs)
    return ValidationContext(**kwargs)


def _timestamp_time(status: PdfSignatureStatus) -> datetime.datetime | None:
    ts = status.timestamp_validity
    if ts is not None and ts.intact and ts.valid and ts.trusted:
        return ts.timestamp
    return None


def _pades_level(sig, status: PdfSignatureStatus, report: "SignatureReport", verification) -> str:
    if str(sig.sig_object.get("/SubFilter", "")) != "/ETSI.CAdES.detached":
        return "CMS (adbe.pkcs7.detached)"
    if status.timestamp_validity is None:
        return "B-B"
    if not report.has_ltv_data:
        return "B-T"
    return "B-LTA" if verification.document_timestamps else "B-LT"


def _coverage(report: SignatureReport, status: PdfSignatureStatus, trailing: bool) -> None:
    level = status.modification_level
    report.modification_level = level.name if level is not None else None
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        report.coverage = "entire_file"
    elif status.coverage == SignatureCoverageLevel.ENTIRE_REVISION:
        report.coverage = "entire_revision"
    else:
        report.coverage = "partial"
    later_allowed = report.modification_level in ALLOWED_LATER and status.docmdp_ok is not False
    report.whole_document = (
        not trailing
        and report.coverage != "partial"
        and (report.coverage == "entire_file" or later_allowed)
    )
    if trailing:
        report.add(Problem.TRAILING_BYTES)
    elif report.coverage == "partial":
        report.add(Problem.PARTIAL)
    elif not later_allowed:
        report.add(Problem.MODIFIED)


def _when(value: datetime.datetime | None) -> str:
    if value is None:
        return "?"
    return timezone.localtime(value).strftime("%H:%M:%S %d/%m/%Y")


def _trust(report: SignatureReport, status: PdfSignatureStatus) -> None:
    indication = status.trust_problem_indic
    if status.revocation_details is not None:
        details = status.revocation_details
        report.revoked = True
        report.add(
            Problem.REVOKED,
            at=_when(details.revocation_date),
            reason=revocation_reason(str(details.revocation_reason.native)),
        )
        return
    at = report.signing_time
    if report.valid_until and at and at > report.valid_until:
        report.add(Problem.EXPIRED, until=_when(report.valid_until), at=_when(at))
        return
    if report.valid_from and at and at < report.valid_from:
        report.add(Problem.NOT_YET_VALID, since=_when(report.valid_from), at=_when(at))
        return
    # The chain's own verdict, whatever the document's bytes: a tampered file signed
    # with a good certificate is told apart from one signed with a bad certificate.
    if status.trust_problem_indic is None and status.validation_path is not None:
        report.trusted = True
        return
    if indication == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND:
        report.add(Problem.UNTRUSTED, issuer=report.issuer)
    elif indication in EXPIRY_INDICATIONS:
        report.add(Problem.EXPIRED_UNPROVED, until=_when(report.valid_until))
    else:
        reason = getattr(indication, "name", "") or "?"
        report.add(Problem.CHAIN_INVALID, reason=reason)


async def _check_one(sig, roots, dss, trailing, verification) -> SignatureReport:
    report = SignatureReport(field=sig.field_name or "")
    try:
        _describe_cert(report, sig.signer_cert)
        status = await async_validate_pdf_signature(sig, _context(roots, dss))
        proved = _timestamp_time(status)
        if (
            proved is not None
            and status.trust_problem_indic in EXPIRY_INDICATIONS
            and report.valid_from <= proved <= report.valid_until
        ):
            # Expired since, but a trusted timestamp proves it signed in time.
            status = await async_validate_pdf_signature(sig, _context(roots, dss, proved))
    except (SignatureValidationError, NotImplementedError, *READ_ERRORS) as exc:
        report.add(Problem.MALFORMED, error=str(exc)[:200] or type(exc).__name__)
        return report
    report.signing_time = _timestamp_time(status) or status.signer_reported_dt
    report.time_from_timestamp = _timestamp_time(status) is not None
    report.intact = status.intact and status.valid
    report.has_ltv_data = _covered(sig.signer_cert, dss)
    report.pades_level = _pades_level(sig, status, report, verification)
    if not status.intact:
        report.add(Problem.TAMPERED)
    elif not status.valid:
        report.add(Problem.BAD_SIGNATURE)
    _trust(report, status)
    if status.timestamp_validity is not None and not report.time_from_timestamp:
        report.add(Problem.TIMESTAMP_INVALID)
    _coverage(report, status, trailing)
    return report


def _covered(cert: asn1_x509.Certificate, dss) -> bool:
    """Whether `dss` carries revocation data for `cert`: a CRL its issuer signed, or an
    OCSP answer about its serial number. A file signed twice may hold it for one
    signer only (the first signature B-LT, a later one added without it)."""
    if dss is None:
        return False
    try:
        for ref in dss.crls:
            crl = asn1_crl.CertificateList.load(ref.get_object().data)
            if crl.issuer == cert.issuer:
                return True
        for ref in dss.ocsps:
            answer = asn1_ocsp.OCSPResponse.load(ref.get_object().data)
            basic = answer.basic_ocsp_response
            if basic is None:
                continue
            for single in basic["tbs_response_data"]["responses"]:
                if single["cert_id"]["serial_number"].native == cert.serial_number:
                    return True
    except (ValueError, TypeError, KeyError, *READ_ERRORS):
        return False
    return False


async def _check_all(reader, roots, trailing, verification) -> None:
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except READ_ERRORS:
        dss = None
    verification.has_ltv_data = bool(dss and (dss.crls or dss.ocsps))
    signatures = []
    for sig in reader.embedded_signatures:
        if sig.sig_object_type == "/DocTimeStamp":
            verification.document_timestamps += 1
        else:
            signatures.append(sig)
    for sig in signatures:
        verification.signatures.append(await _check_one(sig, roots, dss, trailing, verification))


def verify_pdf(data: bytes, roots: list[asn1_x509.Certificate] | None = None) -> Verification:
    """Every signature of `data` checked against `roots` (default: the site's)."""
    if not data.lstrip()[:5] == b"%PDF-" and b"%PDF-" not in data[:1024]:
        return _refused(Verdict.NOT_PDF, Problem.NOT_PDF)
    reader, trailing = _open(data)
    if reader is None:
        return _refused(Verdict.NOT_PDF, Problem.UNREADABLE)
    if reader.encrypted:
        return _refused(Verdict.NOT_PDF, Problem.ENCRYPTED)
    verification = Verification(Verdict.INVALID)
    try:
        embedded = reader.embedded_signatures
    except READ_ERRORS:
        return _refused(Verdict.NOT_PDF, Problem.UNREADABLE)
    if not [s for s in embedded if s.sig_object_type != "/DocTimeStamp"]:
        if trailing and b"/ByteRange" in data:
            # A signed file whose signed revision no longer reads: damaged, not unsigned.
            return _refused(Verdict.NOT_PDF, Problem.UNREADABLE)
        return _refused(Verdict.UNSIGNED, Problem.NO_SIGNATURES)
    roots = _configured_roots() if roots is None else roots
    aio.run(_check_all(reader, roots, trailing, verification))
    if all(s.ok for s in verification.signatures):
        verification.verdict = Verdict.VALID
    return verification

"""Signing on issue, end to end with the demo CA and its local TSA: the Chairman's
signature as the notice is issued, the People's Committee's added by its clerk as an
incremental update; and the refusals that leave the notice unsigned and unissued."""

import datetime
import hashlib
import io

import pytest
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import serialization
from django.utils import translation
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from tiep_cong_dan import workflow
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import IssuedDocument
from tiep_cong_dan.print_format.service import document_file
from tiep_cong_dan.print_format.signing import pki as demo_pki
from tiep_cong_dan.print_format.signing.constants import SignatureKind
from tiep_cong_dan.print_format.signing.pades import validation_context
from tiep_cong_dan.print_format.signing.service import signatures_of, signed_document
from tiep_cong_dan.workflow.engine import TransitionRefused

from ...workflow.helpers import at

SPEC = DOCUMENTS["result_notice"]


def issue(notice, user, **kwargs):
    return workflow.apply(notice, "issue", by=user, at=at(datetime.date(2026, 3, 20)), **kwargs)


def _embedded(data: bytes):
    return PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures


def test_issue_signs_the_notice_and_the_clerk_adds_the_committee_signature(
    submitted_notice, role_users
):
    # Given a notice submitted to the Chairman; when he issues it
    issue(submitted_notice, role_users["chutich"])

    # then the frozen full copy is the signed file, with one B-LT signature recorded
    document = signed_document(SPEC, submitted_notice)
    [first] = signatures_of(document)
    with document.file.open("rb") as fh:
        signed = fh.read()
    assert document_file(SPEC, submitted_notice, None, "pdf") == signed
    assert document.sha256 == hashlib.sha256(signed).hexdigest() == first.file_sha256
    assert first.kind == SignatureKind.SIGNER
    assert first.signed_by == role_users["chutich"]
    assert first.level == "B-LT"
    assert first.validation["intact"] and first.validation["valid"]
    assert first.validation["trusted"] and first.validation["timestamped"]
    assert "CERTIFICATE" in first.certificate_pem and len(first.fingerprint) == 64

    # When the clerk of the People's Committee's office adds the body's signature
    workflow.apply(submitted_notice, "seal", by=role_users["vanphong"])

    # then the file grows by an incremental update: what the Chairman signed is intact
    document.refresh_from_db()
    with document.file.open("rb") as fh:
        sealed = fh.read()
    assert sealed.startswith(signed)
    assert document.sha256 == hashlib.sha256(sealed).hexdigest()
    kinds = [s.kind for s in signatures_of(document)]
    assert kinds == [SignatureKind.SIGNER, SignatureKind.ORGANISATION]
    statuses = [validate_pdf_signature(e, validation_context()) for e in _embedded(sealed)]
    assert [s.bottom_line for s in statuses] == [True, True]
    # Each covers its own revision whole; only the revocation data (B-LT) follows them.
    assert [s.coverage.name for s in statuses] == ["ENTIRE_REVISION", "ENTIRE_REVISION"]
    assert all(s.docmdp_ok is not False for s in statuses)
    assert all(s.timestamp_validity is not None for s in statuses)
    # and served as stored, never rendered again
    assert document_file(SPEC, submitted_notice, None, "pdf") == sealed

    # A second seal is refused: the body has signed
    with pytest.raises(TransitionRefused):
        workflow.apply(submitted_notice, "seal", by=role_users["vanphong"])


def _refused_and_untouched(notice, user, code: str, words: str, **kwargs) -> None:
    with pytest.raises(TransitionRefused) as refused:
        issue(notice, user, **kwargs)
    assert refused.value.code == code
    assert words in str(refused.value)
    notice.refresh_from_db()
    assert notice.state == "submitted"
    assert notice.number == ""
    assert not IssuedDocument.objects.filter(doctype="result_notice", object_id=notice.pk).exists()


def test_an_unreachable_token_rolls_the_issue_back(submitted_notice, role_users, settings):
    settings.TCD_SIGNING_BACKEND = "pkcs11"
    settings.TCD_SIGNING_PKCS11_MODULE = "/nonexistent/libtoken.so"
    _refused_and_untouched(
        submitted_notice,
        role_users["chutich"],
        "token_unreachable",
        "PKCS#11",
        data={"pin": "1234"},
    )


def test_pkcs11_without_pin_is_refused(submitted_notice, role_users, settings):
    settings.TCD_SIGNING_BACKEND = "pkcs11"
    _refused_and_untouched(submitted_notice, role_users["chutich"], "pin_missing", "PIN")


def _replace_certificate(folder, key_name: str, *, not_before, not_after, issuer_dir=None):
    root_key, root_cert = demo_pki.load_ca(issuer_dir or folder)
    key = serialization.load_pem_private_key((folder / f"{key_name}.key.pem").read_bytes(), None)
    cert = demo_pki.issue_certificate(
        root_cert,
        root_key,
        cx509.Name.from_rfc4514_string("CN=Ho Tien Thieu,O=Demo"),
        key,
        not_before=not_before,
        not_after=not_after,
    )
    (folder / f"{key_name}.cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def test_an_expired_certificate_is_refused_before_signing(submitted_notice, role_users, pki):
    now = datetime.datetime.now(datetime.UTC)
    _replace_certificate(
        pki,
        "chutich",
        not_before=now - datetime.timedelta(days=400),
        not_after=now - datetime.timedelta(days=2),
    )
    _refused_and_untouched(
        submitted_notice, role_users["chutich"], "certificate_expired", "hết hạn"
    )


def test_a_certificate_from_an_untrusted_ca_is_refused(submitted_notice, role_users, pki, tmp_path):
    other = tmp_path / "other-ca"
    demo_pki.ensure_demo_pki(other)
    now = datetime.datetime.now(datetime.UTC)
    _replace_certificate(
        pki,
        "chutich",
        not_before=now - datetime.timedelta(days=1),
        not_after=now + datetime.timedelta(days=30),
        issuer_dir=other,
    )
    _refused_and_untouched(
        submitted_notice, role_users["chutich"], "certificate_untrusted", "tin cậy"
    )


def test_a_system_step_signs_nothing(submitted_notice):
    # An import or a follow-on step: nobody signs, the document freezes unsigned later.
    issue(submitted_notice, None)
    assert submitted_notice.state == "issued"
    assert signed_document(SPEC, submitted_notice) is None


def test_the_first_signature_on_a_fresh_site_makes_the_pki_and_is_trusted(
    submitted_notice, role_users, settings, tmp_path
):
    # A site just set up has no PKI yet: the first issue makes it, and the signature
    # it makes chains to the root the site trusts (not checked before the root exists).
    fresh = tmp_path / "fresh-pki"
    settings.TCD_SIGNING_PKI_DIR = fresh
    settings.TCD_SIGNING_TRUST_ROOTS = [str(fresh / "root-ca.cert.pem")]
    issue(submitted_notice, role_users["chutich"])
    [signature] = signatures_of(signed_document(SPEC, submitted_notice))
    assert signature.validation["trusted"] and signature.level == "B-LT"


def test_workers_making_the_pki_at_once_make_one(tmp_path):
    # Two workers that find no PKI at the same moment: one makes it, the other uses it,
    # and every signer's certificate chains to the one root left on disk.
    from concurrent.futures import ThreadPoolExecutor

    folder = tmp_path / "race"
    with ThreadPoolExecutor(4) as pool:
        made = list(pool.map(lambda _i: demo_pki.ensure_demo_pki(folder), range(4)))
    assert sorted(made) == [False, False, False, True]
    root = cx509.load_pem_x509_certificate((folder / "root-ca.cert.pem").read_bytes())
    for signer in demo_pki.demo_signers():
        cert = cx509.load_pem_x509_certificate((folder / f"{signer.key}.cert.pem").read_bytes())
        cert.verify_directly_issued_by(root)
    assert not [p for p in folder.iterdir() if p.name.startswith(".") and p.name != ".lock"]


def test_a_signed_notice_goes_out_only_with_the_bodys_signature(submitted_notice, role_users):
    # Issued and signed by the Chairman: sending it before the office's clerk adds the
    # People's Committee's signature is refused, saying why; after the seal it goes.
    issue(submitted_notice, role_users["chutich"])
    with translation.override("vi"), pytest.raises(TransitionRefused) as refused:
        workflow.apply(submitted_notice, "distribute", by=role_users["canbo"])
    assert "chưa có chữ ký số của cơ quan ban hành" in str(refused.value)
    submitted_notice.refresh_from_db()
    assert submitted_notice.state == "issued"
    workflow.apply(submitted_notice, "seal", by=role_users["vanphong"])
    workflow.apply(submitted_notice, "distribute", by=role_users["canbo"])
    assert submitted_notice.state == "distributed"


def test_a_notice_issued_without_a_signature_goes_as_it_is(submitted_notice, role_users):
    # A step the system took (an import of a paper record) signed nothing: no seal to wait for.
    issue(submitted_notice, None)
    workflow.apply(submitted_notice, "distribute", by=role_users["canbo"])
    assert submitted_notice.state == "distributed"


def test_a_revocation_responder_out_of_reach_gives_an_honest_b_t(
    submitted_notice, role_users, settings, pki
):
    # Production fetches the revocation data the certificates name. When the CA's CRL
    # point cannot be reached the Chairman still signs (soft-fail: nothing says the
    # certificate is revoked), and the signature is recorded for what it is: B-T, with
    # no revocation data embedded, not B-LT.
    settings.TCD_SIGNING_FETCH_REVOCATION = True
    (pki / "root-ca.crl").unlink()  # no CRL handed over: fetched from its (unreachable) URL
    issue(submitted_notice, role_users["chutich"])
    [signature] = signatures_of(signed_document(SPEC, submitted_notice))
    assert signature.level == "B-T"
    assert signature.validation["intact"] and signature.validation["trusted"]


def test_a_step_dated_before_digital_signing_began_was_signed_on_paper(
    submitted_notice, role_users, settings
):
    # Decree 154/2026 (Art. 24(2)) took effect on 01/07/2026: a notice issued before it
    # (the demo's history, a past record) was signed on paper. It is issued, numbered and
    # sent as it is; nothing is signed in its name.
    settings.TCD_SIGNING_FROM = datetime.date(2026, 7, 1)
    issue(submitted_notice, role_users["chutich"])  # dated 20/03/2026
    submitted_notice.refresh_from_db()
    assert submitted_notice.state == "issued" and submitted_notice.number
    assert signed_document(SPEC, submitted_notice) is None
    workflow.apply(submitted_notice, "distribute", by=role_users["canbo"])
    assert submitted_notice.state == "distributed"


def test_a_step_on_the_day_digital_signing_began_signs(submitted_notice, role_users, settings):
    settings.TCD_SIGNING_FROM = datetime.date(2026, 3, 20)
    issue(submitted_notice, role_users["chutich"])  # dated 20/03/2026
    assert signed_document(SPEC, submitted_notice) is not None

"""verify_pdf on files signed with pyHanko under the test PKI: an intact file holds;
each way a file can fail is named in words and by its code."""

import datetime

import pytest
from tiep_cong_dan.print_format.signing.verify import _configured_roots, verify_pdf
from tiep_cong_dan.print_format.signing.verify_messages import Problem, Verdict

from .pki import DAY, NOW, plain_pdf, revocation_list, sign_pdf, with_revocation_data


def _codes(verification) -> list[Problem]:
    found = [p for p, _m in verification.problems]
    for report in verification.signatures:
        found.extend(p for p, _m in report.problems)
    return found


def test_an_intact_signed_file_verifies_with_every_fact(signed_pdf, pki):
    result = verify_pdf(signed_pdf)
    assert result.verdict == Verdict.VALID and result.messages == []
    (sig,) = result.signatures
    assert (sig.signer_name, sig.organisation, sig.title) == (
        "Nguyễn Văn Chủ Tịch",
        "UBND tỉnh Lạng Sơn",
        "Chủ tịch",
    )
    assert sig.serial == format(pki.signer.cert.serial_number, "X")
    assert len(sig.fingerprint) == 95 and sig.issuer == "Test Signing CA, Test PKI"
    assert sig.intact and sig.trusted and sig.whole_document
    assert (sig.coverage, sig.modification_level, sig.pades_level) == (
        "entire_file",
        "NONE",
        "B-T",
    )
    # Signed when the session's fixture was made: after the PKI, not in the future.
    assert sig.time_from_timestamp
    assert NOW <= sig.signing_time <= datetime.datetime.now(datetime.UTC)
    assert sig.valid_until == pki.signer.cert.not_valid_after_utc


def test_a_byte_changed_inside_the_signed_range_is_tampering(signed_pdf):
    at = signed_pdf.index(b"Thong bao")
    tampered = signed_pdf[:at] + b"X" + signed_pdf[at + 1 :]
    result = verify_pdf(tampered)
    assert result.verdict == Verdict.INVALID
    assert _codes(result) == [Problem.TAMPERED]
    assert not result.signatures[0].intact and result.signatures[0].trusted
    assert "mã băm của nội dung không khớp" in verify_pdf_vi(tampered)


def verify_pdf_vi(data: bytes) -> str:
    from django.utils import translation

    with translation.override("vi"):
        return " ".join(verify_pdf(data).messages)


def test_a_certificate_expired_before_signing_fails(pki):
    expired = sign_pdf(plain_pdf(), pki.expired, timestamper=pki.timestamper())
    result = verify_pdf(expired)
    assert result.verdict == Verdict.INVALID and _codes(result) == [Problem.EXPIRED]
    assert result.signatures[0].intact and not result.signatures[0].trusted
    assert "đã hết hạn tại thời điểm ký" in verify_pdf_vi(expired)


def test_a_signer_under_an_untrusted_root_fails(pki):
    result = verify_pdf(sign_pdf(plain_pdf(), pki.stranger))
    assert _codes(result) == [Problem.UNTRUSTED]
    assert "Other Root CA" in result.messages[0]
    assert result.signatures[0].pades_level == "B-B"


def test_no_configured_root_trusts_nothing(signed_pdf, settings):
    settings.TCD_SIGNING_TRUST_ROOTS = []
    assert _configured_roots() == []
    assert _codes(verify_pdf(signed_pdf)) == [Problem.UNTRUSTED, Problem.TIMESTAMP_INVALID]


def test_the_roots_are_read_from_the_configured_pem_files(pki, trusted_roots, demo_signing):
    # the test PKI's root, and the demo PKI's with which these tests issue notices
    demo_root = (demo_signing / "root-ca.cert.pem").read_bytes()
    found = [c.dump() for c in _configured_roots()]
    assert found[0] == pki.root.asn1.dump() and len(found) == 2
    assert b"BEGIN CERTIFICATE" in demo_root


@pytest.mark.parametrize("tail", [b"garbage bytes\n", b"junk\n%%EOF\n", b"\n1 0 obj\n<< >>\n"])
def test_bytes_appended_after_the_signature_leave_it_partial(signed_pdf, tail):
    result = verify_pdf(signed_pdf + tail)
    assert result.verdict == Verdict.INVALID
    assert _codes(result) == [Problem.TRAILING_BYTES]
    sig = result.signatures[0]
    assert sig.intact and sig.trusted and not sig.whole_document
    assert "không phải là một lần cập nhật hợp lệ" in verify_pdf_vi(signed_pdf + tail)


def test_a_second_signature_as_an_incremental_update_keeps_both_whole(signed_pdf, pki):
    both = sign_pdf(
        signed_pdf, pki.organisation, field_name="Signature2", timestamper=pki.timestamper()
    )
    result = verify_pdf(both)
    assert result.verdict == Verdict.VALID
    first, second = result.signatures
    assert (first.signer_name, second.signer_name) == (
        "Nguyễn Văn Chủ Tịch",
        "Văn phòng UBND tỉnh Lạng Sơn",
    )
    assert (first.coverage, first.modification_level) == ("entire_revision", "FORM_FILLING")
    assert second.coverage == "entire_file"
    assert first.whole_document and second.whole_document


def test_a_file_that_is_not_a_pdf_is_named_so():
    result = verify_pdf(b"PK\x03\x04 a zip file")
    assert (result.verdict, _codes(result)) == (Verdict.NOT_PDF, [Problem.NOT_PDF])
    assert verify_pdf_vi(b"hello") == "Tệp không phải là văn bản PDF."


def test_a_damaged_pdf_is_named_so():
    result = verify_pdf(b"%PDF-1.7\nnothing else")
    assert (result.verdict, _codes(result)) == (Verdict.NOT_PDF, [Problem.UNREADABLE])


def test_an_unsigned_pdf_is_named_so():
    result = verify_pdf(plain_pdf())
    assert (result.verdict, _codes(result)) == (Verdict.UNSIGNED, [Problem.NO_SIGNATURES])
    assert "không có chữ ký số" in verify_pdf_vi(plain_pdf())


def test_the_json_form_carries_every_field(signed_pdf):
    data = verify_pdf(signed_pdf).as_dict()
    assert data["verdict"] == "valid" and data["valid"] is True
    sig = data["signatures"][0]
    assert set(sig["certificate"]) == {"serial", "sha256", "issuer", "valid_from", "valid_until"}
    assert sig["intact"] and sig["trusted"] and sig["whole_document"]
    assert sig["time_from_timestamp"] is True and sig["problems"] == []


def test_a_certificate_revoked_per_the_files_own_revocation_list_fails(pki):
    signed = sign_pdf(plain_pdf(), pki.signer)
    crl = revocation_list(pki.intermediate, pki.signer, NOW - 2 * DAY)
    result = verify_pdf(with_revocation_data(signed, crl))
    assert _codes(result) == [Problem.REVOKED] and result.has_ltv_data
    sig = result.signatures[0]
    assert sig.revoked and not sig.trusted and sig.intact
    # The revocation data was added as an incremental update: the signature still covers
    # the document (LTA_UPDATES only).
    assert (sig.coverage, sig.modification_level, sig.whole_document) == (
        "entire_revision",
        "LTA_UPDATES",
        True,
    )
    text = verify_pdf_vi(with_revocation_data(signed, crl))
    assert "đã bị thu hồi lúc" in text and "lộ khóa bí mật" in text


def test_revocation_data_of_another_certificate_changes_nothing(pki, signed_pdf):
    crl = revocation_list(pki.intermediate, pki.organisation, NOW - 2 * DAY)
    result = verify_pdf(with_revocation_data(signed_pdf, crl))
    assert result.verdict == Verdict.VALID and result.signatures[0].pades_level == "B-LT"


def test_a_damaged_signed_file_is_an_answer_never_an_error(signed_pdf):
    """Bytes changed, cut or inserted anywhere: a verdict, with a reason, every time."""
    import random

    rnd = random.Random(22)
    for _ in range(60):
        data = bytearray(signed_pdf)
        at = rnd.randrange(len(data))
        if rnd.random() < 0.5:
            data[at] = rnd.randrange(256)
        else:
            del data[at : at + rnd.randint(1, 40)]
        result = verify_pdf(bytes(data))
        assert result.verdict == Verdict.VALID or result.messages, bytes(data[at - 20 : at + 20])


def test_a_certificate_expired_since_holds_when_a_timestamp_proves_an_earlier_signing(pki):
    """B-T: the timestamp authority proves the signing 20 days ago, while the certificate
    (expired 10 days ago) was valid; the signature is checked at that time."""
    earlier = sign_pdf(plain_pdf(), pki.expired, timestamper=pki.timestamper(NOW - 20 * DAY))
    result = verify_pdf(earlier)
    assert result.verdict == Verdict.VALID, result.messages
    sig = result.signatures[0]
    assert sig.trusted and sig.time_from_timestamp
    assert sig.signing_time < sig.valid_until < NOW


def test_an_expired_certificate_without_a_timestamp_is_not_proved(pki):
    result = verify_pdf(sign_pdf(plain_pdf(), pki.expired))
    assert _codes(result) == [Problem.EXPIRED]  # the time it claims is after the expiry

"""The nightly integrity check re-validates the signatures of stored issued PDFs: one
that no longer verifies is reported, as is a certificate about to expire in a file
without revocation data (LTV); an intact, trusted one is not."""

import datetime

import pytest
from tiep_cong_dan.jobs import integrity

from .conftest import store_signed
from .pki import DAY, NOW, _issue, _name

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 21)


def test_a_valid_signature_is_not_reported(signed_notice):
    found = integrity.check(TODAY)
    assert found["signatures"] == [] and found["documents"] == []


def test_a_signature_that_no_longer_verifies_is_reported(notice, pki, settings, tmp_path):
    doc = store_signed(notice, pki.signer, pki)
    other = tmp_path / "other.pem"
    other.write_bytes(pki.other_root.pem())
    settings.TCD_SIGNING_TRUST_ROOTS = [str(other)]  # the site's root changed
    found = integrity.check(TODAY)
    (line,) = found["signatures"]
    assert line.startswith(f"{doc.file.name}: chữ ký không còn hợp lệ")
    assert "không dẫn đến chứng thư gốc được hệ thống tin cậy" in line
    assert found["problems"] >= 1


def test_a_certificate_about_to_expire_without_ltv_data_is_reported(notice, pki):
    soon = _issue(_name("Phó Chủ Tịch Sắp Hết Hạn"), pki.intermediate, end=NOW + 10 * DAY)
    doc = store_signed(notice, soon, pki)
    (line,) = integrity.check(TODAY)["signatures"]
    assert line.startswith(f"{doc.file.name}: chứng thư số của Phó Chủ Tịch Sắp Hết Hạn hết hạn")
    assert "không có dữ liệu kiểm tra thu hồi (LTV)" in line


def test_the_files_are_read_in_batches(signed_notice, django_assert_num_queries):
    """One query for every issued file (streamed in chunks), none per file."""
    with django_assert_num_queries(1):
        documents, signatures = integrity._documents()
    assert (documents, signatures) == ([], [])

"""The verification pages: the public one (no sign-in, no session, the strict policy,
throttled, a size limit, nothing kept, a number answered with publishable facts only)
and the desk's (any signed-in officer)."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from tiep_cong_dan.public.isolation import PUBLIC_CSP
from tiep_cong_dan.public.signature_check import CHECKS

from .pki import plain_pdf

PAGE = "/xac-thuc-van-ban/"
pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, name: str = "thong-bao.pdf", path: str = PAGE):
    return client.post(path, {"file": SimpleUploadedFile(name, data, "application/pdf")})


def _tampered(data: bytes) -> bytes:
    at = data.index(b"Thong bao")
    return data[:at] + b"X" + data[at + 1 :]


def test_the_empty_page_offers_both_ways():
    response = Client().get(PAGE)
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Security-Policy"] == PUBLIC_CSP
    assert "Kiểm tra tệp PDF" in body and "Tra theo số văn bản" in body
    assert 'enctype="multipart/form-data"' in body


def test_an_intact_file_is_shown_valid_without_any_session(signed_pdf):
    client = Client(enforce_csrf_checks=False)
    response = _upload(client, signed_pdf)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Văn bản còn nguyên vẹn: mọi chữ ký số đều hợp lệ." in body
    for fact in (
        "Nguyễn Văn Chủ Tịch — Chủ tịch, UBND tỉnh Lạng Sơn",
        "Có: nội dung đã ký không bị thay đổi",
        "xác nhận bởi dấu thời gian",
        "Có: đến chứng thư gốc được tin cậy",
        "PAdES B-T",
    ):
        assert fact in body, fact
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert response["Cache-Control"] == "no-store"


def test_a_tampered_file_names_why(signed_pdf):
    body = _upload(Client(), _tampered(signed_pdf)).content.decode()
    assert "Văn bản KHÔNG được xác thực" in body
    assert "Văn bản đã bị thay đổi sau khi ký" in body


def test_a_signed_in_officer_is_anonymous_there(login, signed_pdf, client):
    login("canbo")
    response = _upload(client, signed_pdf)
    assert response.status_code == 200 and response.wsgi_request.user.is_anonymous
    assert client.get("/desk/").status_code == 200  # the desk session is untouched


@pytest.mark.parametrize(
    "data,expected",
    [
        (b"GIF89a not a pdf", "Tệp không phải là văn bản PDF."),
        (plain_pdf(), "Tệp PDF không có chữ ký số"),
    ],
)
def test_not_a_pdf_and_an_unsigned_pdf_are_said_plainly(data, expected):
    response = _upload(Client(), data)
    assert response.status_code == 200 and expected in response.content.decode()


def test_no_file_and_a_file_too_large_are_refused_in_words(settings, signed_pdf):
    assert "Chọn tệp PDF cần kiểm tra." in Client().post(PAGE, {}).content.decode()
    settings.TCD_SIGNATURE_CHECK_MAX_BYTES = 1024 * 1024
    big = _upload(Client(), b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10))
    assert big.status_code == 400 and "Tệp lớn hơn 1 MB" in big.content.decode()


def test_nothing_is_kept(signed_pdf, tmp_path, settings):
    from tiep_cong_dan.print_format.models import IssuedDocument

    before = IssuedDocument.objects.count()
    spool = tmp_path / "spool"
    spool.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(spool)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # spooled to a temporary file
    assert _upload(Client(), signed_pdf).status_code == 200
    assert list(spool.iterdir()) == [] and IssuedDocument.objects.count() == before


def test_checks_are_throttled_per_address(signed_pdf):
    client = Client()
    for _ in range(CHECKS.count):
        assert client.get(PAGE, {"so": "99/TB-UBND"}).status_code == 200
    response = _upload(client, signed_pdf)
    assert response.status_code == 429 and response["Retry-After"] == str(CHECKS.seconds)
    assert "quá nhiều lần" in response.content.decode()


def test_a_number_shows_the_signatures_and_nothing_of_the_content(signed_notice):
    response = Client().get(PAGE, {"so": signed_notice.number})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"số {signed_notice.number}, phát hành ngày" in body
    assert "Văn bản còn nguyên vẹn: mọi chữ ký số đều hợp lệ." in body
    assert "Nguyễn Văn Chủ Tịch" in body
    for secret in ("Hoàng Văn An", "Lương Văn Cường", "020090000001", "Giao Sở kiểm tra"):
        assert secret not in body, secret
    assert "/desk/files/" not in body and "documents/" not in body


def test_an_unknown_number_says_so():
    body = Client().get(PAGE, {"so": "999/TB-UBND"}).content.decode()
    assert "Không có văn bản nào đã phát hành mang số này." in body


def test_the_desk_page_checks_a_file_and_a_number(login, signed_pdf, signed_notice):
    url = reverse("admin:tiep_cong_dan_signature_check")
    client = login("xa_dongkinh")  # any officer: a signature proves nothing secret
    assert client.get(url).status_code == 200
    body = _upload(client, _tampered(signed_pdf), path=url).content.decode()
    assert "Văn bản đã bị thay đổi sau khi ký" in body
    body = client.get(url, {"so": signed_notice.number}).content.decode()
    assert "Văn bản còn nguyên vẹn" in body and "Hoàng Văn An" not in body


def test_the_desk_page_needs_a_sign_in():
    response = Client().get(reverse("admin:tiep_cong_dan_signature_check"))
    assert response.status_code == 302 and "/login/" in response["Location"]

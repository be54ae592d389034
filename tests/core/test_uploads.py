"""Uploads under attack: a file of another type behind an accepted extension, an
oversized or empty file, a name that tries to climb out of the media folder, and a
forged key on the register import. Each is refused with a Vietnamese message and leaves
nothing behind, or is stored under a name the sender does not choose."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tiep_cong_dan.core.uploads import validate_attachment
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment

from ..conftest import make_citizen, new_unit, sign_in
from ..doctype.petition.test_petition_desk import URL, _form

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("don.exe", b"MZ\x90\x00", "file_type"),
        ("don", PDF, "file_type"),
        ("don.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "file_content"),  # a program renamed
        ("anh.jpg", b"<?php system($_GET['c']); ?>", "file_content"),
        ("don.docx", b"%PDF-1.7", "file_content"),
        ("rong.pdf", b"", "file_empty"),
    ],
)
def test_a_file_is_judged_by_its_bytes_not_its_name(name, content, code):
    with pytest.raises(ValidationError) as exc:
        validate_attachment(SimpleUploadedFile(name, content))
    assert exc.value.code == code


def test_an_oversized_file_is_refused_before_it_is_read(settings):
    settings.TCD_MAX_ATTACHMENT_BYTES = 1024
    with pytest.raises(ValidationError) as exc:
        validate_attachment(SimpleUploadedFile("don.pdf", PDF + b"0" * 2048))
    assert exc.value.code == "file_too_large"


def _register_with(client, upload):
    unit = new_unit("05977")
    citizen = make_citizen(unit, "Hoàng Văn An", "020090000811")
    data = _form(
        citizen,
        unit,
        **{
            "attachments-TOTAL_FORMS": 1,
            "attachments-0-title": "Đơn khiếu nại",
            "attachments-0-file": upload,
        },
    )
    return client.post(reverse(URL), data)


def test_a_climbing_file_name_lands_under_a_random_name(client, role_users, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    sign_in(client, "canbo")
    response = _register_with(client, SimpleUploadedFile("../../../../etc/cron.d/don.pdf", PDF))
    assert response.status_code == 302
    stored = PetitionAttachment.objects.get()
    assert re.fullmatch(r"petitions/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", stored.file.name)
    path = Path(stored.file.path).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) and path.read_bytes() == PDF
    assert "/" not in stored.original_name and ".." not in stored.original_name


def test_a_disguised_file_refuses_the_whole_form_in_vietnamese(
    client, role_users, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    sign_in(client, "canbo")
    response = _register_with(client, SimpleUploadedFile("don.pdf", b"MZ\x90\x00\x03\x00"))
    assert response.status_code == 200
    assert "không phải là tệp .pdf" in response.content.decode()
    assert not Petition.objects.exists() and not PetitionAttachment.objects.exists()
    assert not list((tmp_path / "media").rglob("*.*"))  # nothing written to disk


def test_the_register_import_refuses_oversized_files_and_forged_keys(
    client, role_users, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "secret.xlsx").write_bytes(b"PK\x03\x04 outside the media folder")
    sign_in(client, "canbo")
    url = reverse("admin:tiep_cong_dan_petition_import")
    big = SimpleUploadedFile("so.xlsx", b"PK\x03\x04" + b"0" * (10 * 1024 * 1024 + 1))
    page = client.post(url, {"file": big})
    assert page.status_code == 200 and "lớn hơn 10 MB" in page.content.decode()
    assert not list((tmp_path / "media").rglob("*.xlsx"))
    session = client.session
    session["tcd_import"] = "../secret"
    session.save()
    forged = client.post(url, {"key": "../secret"}, follow=True)
    assert forged.redirect_chain and "Hãy tải lại tệp sổ." in forged.content.decode()
    assert not Petition.objects.exists()

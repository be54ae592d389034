"""Uploads under attack: a file of another type behind an accepted extension, a
polyglot (a page or script behind a genuine signature), a PDF that acts by itself, an
Office file with macros, a damaged image, an oversized or empty file, a name that tries
to climb out of the media folder, and a forged import. Each is refused with a
Vietnamese message and leaves nothing behind, or is stored under a name the sender does
not choose."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from tiep_cong_dan.core.uploads import validate_attachment
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment

from ..conftest import make_citizen, new_unit, sign_in
from ..doctype.petition.test_petition_desk import URL, _form


def _pdf(**root) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    for key, value in root.items():
        writer._root_object[NameObject(f"/{key}")] = value
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image(fmt: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 32), "white").save(out, fmt)
    return out.getvalue()


def _office(kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "docx":
        import docx

        docx.Document().save(out)
    else:
        from openpyxl import Workbook

        Workbook().save(out)
    return out.getvalue()


def _with_member(package: bytes, name: str, data: bytes, content_type: str = "") -> bytes:
    """`package` with one more member (and its content type declared)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "[Content_Types].xml" and content_type:
                body = body.replace(
                    b"</Types>",
                    f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode(),
                )
            dst.writestr(item, body)
        dst.writestr(name, data)
    return out.getvalue()


PDF = _pdf()
JS_ACTION = DictionaryObject(
    {
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject("app.alert('x')"),
    }
)


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


def test_genuine_files_of_every_accepted_type_pass():
    for name, content in [
        ("don.pdf", PDF),
        ("anh.jpg", _image("JPEG")),
        ("anh.jpeg", _image("JPEG")),
        ("anh.png", _image("PNG")),
        ("bien-ban.docx", _office("docx")),
        ("danh-sach.xlsx", _office("xlsx")),
    ]:
        validate_attachment(SimpleUploadedFile(name, content))  # no exception


@pytest.mark.parametrize(
    "name, content",
    [
        # A genuine JPEG (or PNG, PDF) signature, then a page a browser would run.
        ("anh.jpg", _image("JPEG")[:120] + b"<html><script>alert(document.cookie)</script>"),
        ("anh.jpg", _image("JPEG") + b"<HTML><ScRiPt src=//x.example/a.js></script>"),
        ("anh.png", _image("PNG") + b"<svg onload=alert(1)>"),
        ("don.pdf", PDF + b"<iframe src=javascript:alert(1)>"),
    ],
)
def test_a_polyglot_with_markup_behind_a_real_signature_is_refused(name, content):
    with pytest.raises(ValidationError) as exc:
        validate_attachment(SimpleUploadedFile(name, content))
    assert exc.value.code == "file_active_content"
    assert "mã trang web" in exc.value.messages[0]


def test_a_pdf_that_acts_by_itself_is_refused():
    with_js = _pdf(OpenAction=JS_ACTION)
    # The same with its names escaped (#xx) so no byte pattern matches: pypdf decodes
    # them while walking the objects.
    escaped = (
        with_js.replace(b"/JavaScript", b"/J#61vaScript")
        .replace(b"/JS ", b"/J#53 ")
        .replace(b"/OpenAction", b"/Open#41ction")
    )
    assert b"/JavaScript" not in escaped and b"/OpenAction" not in escaped
    launch = _pdf(
        OpenAction=DictionaryObject(
            {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("x.exe")}
        )
    )
    embedded = _pdf(Names=DictionaryObject({NameObject("/EmbeddedFiles"): DictionaryObject()}))
    for content in (with_js, escaped, launch, embedded):
        with pytest.raises(ValidationError) as exc:
            validate_attachment(SimpleUploadedFile("don.pdf", content))
        assert exc.value.code == "file_active_content"
        assert "không được chấp nhận trong tệp PDF" in exc.value.messages[0]


def test_damaged_and_forged_bodies_are_refused():
    for name, content in [
        ("anh.jpg", _image("JPEG")[:-40]),  # cut short: does not decode
        ("anh.png", _image("PNG")[:60] + b"\0" * 200),
        ("don.pdf", b"%PDF-1.7\n" + b"0" * 600),  # a signature and nothing of a PDF
    ]:
        with pytest.raises(ValidationError) as exc:
            validate_attachment(SimpleUploadedFile(name, content))
        assert exc.value.code == "file_damaged", name
        assert "bị hỏng" in exc.value.messages[0]


def test_office_files_with_macros_or_script_links_are_refused():
    with_macros = _with_member(
        _office("docx"),
        "word/vbaProject.bin",
        b"\xd0\xcf\x11\xe0 macro",
        "application/vnd.ms-office.vbaProject",
    )
    script_link = _with_member(
        _office("xlsx"),
        "xl/_rels/extra.rels",
        b'<Relationships><Relationship Target="javascript:alert(1)"/></Relationships>',
    )
    for name, content in [("bien-ban.docx", with_macros), ("danh-sach.xlsx", script_link)]:
        with pytest.raises(ValidationError) as exc:
            validate_attachment(SimpleUploadedFile(name, content))
        assert exc.value.code == "file_active_content", name
    # A Word file whose package names no Word document is no Word file.
    not_word = _with_member(_office("xlsx"), "word/document.xml", b"<w:document/>")
    with pytest.raises(ValidationError) as exc:
        validate_attachment(SimpleUploadedFile("bien-ban.docx", not_word))
    assert exc.value.code == "file_content"


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


def test_the_register_import_refuses_oversized_files_and_other_peoples_imports(
    client, role_users, settings, tmp_path, login
):
    from tiep_cong_dan.imports.models import ImportJob

    settings.MEDIA_ROOT = str(tmp_path / "media")
    sign_in(client, "canbo")
    url = reverse("admin:tiep_cong_dan_petition_import")
    big = SimpleUploadedFile("so.xlsx", b"PK\x03\x04" + b"0" * (10 * 1024 * 1024 + 1))
    page = client.post(url, {"file": big})
    assert page.status_code == 200 and "lớn hơn 10 MB" in page.content.decode()
    assert not list((tmp_path / "media").rglob("*.xlsx")) and not ImportJob.objects.exists()
    theirs = ImportJob.objects.create(
        kind="register",
        uploaded_by=role_users["truongban"],
        original_name="so.xlsx",
        state="checked",
    )
    job_url = reverse("admin:tiep_cong_dan_petition_import_job", args=[theirs.pk])
    assert client.get(job_url).status_code == 404
    assert client.post(job_url, {"action": "commit"}).status_code == 404
    assert client.post(job_url, {"action": "cancel"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == "checked" and not theirs.commit
    missing = reverse("admin:tiep_cong_dan_petition_import_job", args=[theirs.pk + 1])
    assert client.get(missing).status_code == 404
    assert not Petition.objects.exists()

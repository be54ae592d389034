"""Printing in the desk, per role: who may download which document, the register and
the monthly report pages, bulk invitations; and print formats as data: an edit takes
effect on the next render, a broken one is refused with its line, never a 500."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan.doctype.reception_session.constants import InviteeKind
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import PrintFormat
from tiep_cong_dan.print_format.service import document_file

from .conftest import COMPLAINANT, DENOUNCER, docx_text, pdf_text


def url(code, obj, fmt="pdf"):
    return reverse("admin:tiep_cong_dan_document", args=[code, obj.pk, fmt])


# Who gets what for a petition of the Đông Kinh commune that no department is
# concerned with: the Board and the province see it; the commune officer sees its own
# commune's case; a department not concerned, the technician and the central observer
# do not: for them it does not exist (404), as a record outside one's rule never does;
# the technician may not read petitions at all (403, whatever the number).
PETITION_READERS = {
    "canbo": 200,
    "truongban": 200,
    "chutich": 200,
    "vanphong": 200,
    "xa_dongkinh": 200,
    "so_nnmt": 404,
    "kythuat": 403,
    "trunguong": 404,
}


@pytest.mark.parametrize("code", ["reply_letter", "receipt"])
def test_petition_letters_by_role(login, letters, code):
    petition = letters["answered"]
    for user, status in PETITION_READERS.items():
        for fmt in ("pdf", "docx"):
            response = login(user).get(url(code, petition, fmt))
            assert response.status_code == status, (user, fmt, response.status_code)
            if status == 200:
                assert response.content[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")


def test_a_commune_officer_gets_the_refusal_of_a_denouncer_redacted(login, letters, tmp_path):
    refused = letters["refused"]
    board = login("canbo").get(url("refusal_notice", refused))
    assert DENOUNCER in pdf_text(board.content, tmp_path)
    commune = login("xa_dongkinh").get(url("refusal_notice", refused))
    assert commune.status_code == 200
    assert DENOUNCER not in pdf_text(commune.content, tmp_path)
    assert "thông tin được bảo mật" in pdf_text(commune.content, tmp_path)


def test_a_letter_that_does_not_exist_is_not_found(login, letters):
    # The answered petition was never refused: no refusal notice to print.
    assert login("canbo").get(url("refusal_notice", letters["answered"])).status_code == 404
    assert login("canbo").get(url("no_such_thing", letters["answered"])).status_code == 404
    bad_format = f"/desk/tiep_cong_dan/printformat/print/receipt/{letters['answered'].pk}/exe/"
    assert login("canbo").get(bad_format).status_code == 404


def test_invitations_by_role(login, announced, tmp_path):
    to_denouncer = announced.invitations.get(kind=InviteeKind.CITIZEN, citizen__full_name=DENOUNCER)
    to_agency = announced.invitations.get(kind=InviteeKind.AGENCY)
    assert login("canbo").get(url("invitation", to_denouncer)).status_code == 200
    # The department is invited: it reads its own letter, not the denouncer's.
    assert login("so_nnmt").get(url("invitation", to_agency)).status_code == 200
    assert login("so_nnmt").get(url("invitation", to_denouncer)).status_code == 404
    assert login("xa_dongkinh").get(url("invitation", to_denouncer)).status_code == 404
    bulk = reverse("admin:tiep_cong_dan_session_invitations", args=[announced.pk])
    everything = pdf_text(login("canbo").get(bulk).content, tmp_path)
    assert DENOUNCER in everything and everything.count("GIẤY MỜI") == announced.invitations.count()
    department = login("so_nnmt").get(bulk)
    assert department.status_code == 200
    text = pdf_text(department.content, tmp_path)
    # Its own letter, the complainant's and the commune's; never the denouncer's.
    assert DENOUNCER not in text and text.count("GIẤY MỜI") == 3
    assert login("kythuat").get(bulk).status_code in (200, 302)  # sees the session, no letter
    assert DENOUNCER not in login("kythuat").get(bulk).content.decode("latin-1")


def test_the_session_page_links_its_papers(login, announced):
    page = login("canbo").get(
        reverse("admin:tiep_cong_dan_receptionsession_change", args=[announced.pk])
    )
    html = page.content.decode()
    assert url("agenda", announced) in html
    assert reverse("admin:tiep_cong_dan_session_invitations", args=[announced.pk]) in html
    first = announced.invitations.order_by("id").first()
    assert url("invitation", first) in html and first.number in html


def test_the_register_page(login, letters, tmp_path):
    page = reverse("admin:tiep_cong_dan_register")
    assert "Sổ tiếp công dân" in login("canbo").get(page).content.decode()
    query = {"start": "2026-03-01", "end": "2026-03-31", "fmt": "pdf"}
    board = login("canbo").get(page, query)
    assert board["Content-Type"] == "application/pdf"
    text = pdf_text(board.content, tmp_path)
    assert COMPLAINANT in text and DENOUNCER in text
    commune = pdf_text(login("xa_dongkinh").get(page, query).content, tmp_path)
    assert COMPLAINANT in commune and DENOUNCER not in commune
    docx = login("canbo").get(page, {**query, "fmt": "docx"})
    assert COMPLAINANT in docx_text(docx.content)
    backwards = login("canbo").get(page, {"start": "2026-03-31", "end": "2026-03-01", "fmt": "pdf"})
    assert backwards.status_code == 200 and "Thời gian kết thúc trước thời gian bắt đầu" in (
        backwards.content.decode()
    )
    assert login("kythuat").get(page).status_code == 403


def test_an_edited_print_format_takes_effect_on_the_next_render(letters, tmp_path):
    petition = letters["refused"]
    fmt = PrintFormat.objects.get(code="refusal_notice")
    fmt.template = fmt.template.replace(
        "{% endblock %}", "<p>Dòng thêm của quản trị.</p>{% endblock %}", 1
    )
    fmt.save()
    text = pdf_text(document_file(DOCUMENTS["refusal_notice"], petition, None, "pdf"), tmp_path)
    # Issued before the edit? No: the refusal notice was never rendered, so the first
    # render (and the frozen copy) already carries the edit.
    assert "Dòng thêm của quản trị." in text


def test_the_editor_is_told_the_line_of_a_broken_template(login, letters):
    fmt = PrintFormat.objects.get(code="reply_letter")
    change = reverse("admin:tiep_cong_dan_printformat_change", args=[fmt.pk])
    client = login("quantri")
    broken = (
        '{% extends "base.html" %}\n{% block body %}\n{{ paragraphs | nosuchfilter }}\n'
        "{% endblock %}"
    )
    response = client.post(
        change, {"name": fmt.name, "description": fmt.description, "template": broken}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "reply_letter.html, dòng 3" in page
    fmt.refresh_from_db()
    assert "nosuchfilter" not in fmt.template  # nothing saved
    undefined = (
        '{% extends "base.html" %}\n{% block body %}\n\n{{ no_such_value.x }}\n{% endblock %}'
    )
    response = client.post(change, {"name": fmt.name, "description": "", "template": undefined})
    assert "dòng 4" in response.content.decode()
    fine = fmt.template.replace("trả lời để ông (bà) được biết", "trả lời để ông (bà) biết")
    response = client.post(change, {"name": fmt.name, "description": "", "template": fine})
    assert response.status_code == 302
    fmt.refresh_from_db()
    assert fmt.updated_by.username == "quantri"


def test_only_administrators_edit_print_formats(login):
    fmt = PrintFormat.objects.get(code="receipt")
    change = reverse("admin:tiep_cong_dan_printformat_change", args=[fmt.pk])
    data = {"name": fmt.name, "description": "", "template": fmt.template + "<p>x</p>"}
    login("truongban").post(change, data)
    fmt.refresh_from_db()
    assert not fmt.template.endswith("<p>x</p>")
    assert login("truongban").get(change).status_code == 200  # reads it
    assert login("so_nnmt").get(change).status_code in (302, 403)


def test_a_broken_stored_template_is_a_message_not_a_server_error(login, letters):
    PrintFormat.objects.filter(code="receipt").update(template="{% if %}")
    client = login("canbo")
    response = client.get(url("receipt", letters["answered"]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Không in được văn bản" in page and "receipt.html, dòng 1" in page


def test_the_preview_renders_a_real_record(login, letters):
    fmt = PrintFormat.objects.get(code="reply_letter")
    preview = login("quantri").get(
        reverse("admin:tiep_cong_dan_printformat_preview", args=[fmt.pk])
    )
    assert preview["Content-Type"] == "application/pdf"
    agenda = PrintFormat.objects.get(code="agenda")  # no session yet: told so, no error
    response = login("quantri").get(
        reverse("admin:tiep_cong_dan_printformat_preview", args=[agenda.pk])
    )
    assert response.status_code == 302


def test_unedited_formats_follow_the_shipped_files(role_users):
    from tiep_cong_dan.print_format.loader import load_print_formats, shipped_source

    PrintFormat.objects.filter(code="agenda").update(template="cũ")
    PrintFormat.objects.filter(code="receipt").update(
        template="sửa", updated_by=role_users["quantri"]
    )
    written = load_print_formats()
    assert "agenda" in written and "receipt" not in written
    assert PrintFormat.objects.get(code="agenda").template == shipped_source("agenda")
    assert PrintFormat.objects.get(code="receipt").template == "sửa"
    load_print_formats(reset=True)
    assert PrintFormat.objects.get(code="receipt").template == shipped_source("receipt")


def test_no_date_means_today_in_the_date_line(letters):
    from tiep_cong_dan.print_format.context import reply_letter_context

    petition = letters["answered"]
    petition.reply_letter_number, petition.reply_letter_date = "", None
    context = reply_letter_context(petition)
    assert context["draft"] and context["number"].strip() == "/BTCD-TCD"
    today = datetime.date.today()
    assert f"năm {today.year}" in context["place_date"]


def test_a_missing_frozen_file_is_reported_not_rerendered(login, letters):
    from tiep_cong_dan.print_format.models import IssuedDocument

    client = login("canbo")
    address = url("reply_letter", letters["answered"])
    assert client.get(address).status_code == 200  # issued: frozen now
    stored = IssuedDocument.objects.get(doctype="reply_letter", fmt="pdf")
    stored.file.storage.delete(stored.file.name)
    response = client.get(address)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "khôi phục từ bản sao lưu" in page


def test_render_samples_writes_one_pdf_per_document(notice, announced, letters, report, tmp_path):
    from django.core.management import call_command
    from tiep_cong_dan.management.commands.render_samples import SAMPLE_NAMES
    from tiep_cong_dan.print_format.catalog import CATALOG

    assert set(SAMPLE_NAMES) == set(CATALOG) - {"base"}
    call_command("render_samples", out=str(tmp_path / "samples"))
    written = sorted(p.name for p in (tmp_path / "samples").iterdir())
    expected = [f"{name}.pdf" for name in SAMPLE_NAMES.values()]
    expected += ["bao-cao-thang.docx", "bao-cao-thang.xlsx"]  # the report in its 3 forms
    assert written == sorted(expected)
    for path in (tmp_path / "samples").iterdir():
        assert path.read_bytes()[:4] == (b"%PDF" if path.suffix == ".pdf" else b"PK\x03\x04")

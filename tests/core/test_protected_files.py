"""No stored file is reachable by its address alone. Every kind (a petition's
attachment, an issued document's frozen file, a document made in the background, an
uploaded import) is served only by /desk/files/, which asks the owning record's rule:
anonymous and out-of-scope readers get 404 and never the bytes; a reader in scope gets
them as a download with nosniff and a sandboxing policy, the read logged; /media/
serves nothing, DEBUG or not; the web server can send the bytes (X-Accel-Redirect,
X-Sendfile)."""

import importlib
import io

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import clear_url_caches, reverse
from pypdf import PdfWriter
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.core.files import file_url
from tiep_cong_dan.doctype.petition.models import PetitionAttachment
from tiep_cong_dan.imports.models import ImportJob
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import IssuedDocument

from ..print_format import conftest as print_fixtures

# The printing tests' fixtures: a refused denunciation (its notice issued), a notice.
letters, notice = print_fixtures.letters, print_fixtures.notice

SANDBOX = "sandbox; default-src 'none'"


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def attach(petition, name="cccd-mat-truoc.pdf") -> PetitionAttachment:
    attachment = PetitionAttachment(petition=petition, title="Bản chụp CCCD", original_name=name)
    attachment.file.save(name, ContentFile(pdf_bytes()), save=False)
    attachment.save()
    return attachment


def assert_served(response, data: bytes, download_name: str) -> None:
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Disposition"].startswith(f'attachment; filename="{download_name}"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX


def assert_refused(response) -> None:
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_a_complaints_attachment_goes_to_readers_in_scope_and_is_logged(
    login, placed_petitions, media
):
    attachment = attach(placed_petitions["dongkinh"])
    address = file_url(attachment.file.name)
    assert address == f"/desk/files/{attachment.file.name}"
    assert_refused(Client().get(address))  # anonymous
    for outside in ("huyen_locbinh", "kythuat", "trunguong"):
        assert_refused(login(outside).get(address))
    assert not ConfidentialAccess.objects.exists()
    response = login("xa_dongkinh").get(address)  # the petitioner's commune
    assert_served(response, attachment.file.open("rb").read(), "cccd-mat-truoc.pdf")
    entry = ConfidentialAccess.objects.get()
    assert entry.kind == AccessKind.PERSONAL and entry.user.username == "xa_dongkinh"
    assert entry.fields == "attachments" and entry.path == address
    assert entry.object_ids == str(placed_petitions["dongkinh"].citizen_id)


def test_a_denunciations_scans_go_to_cleared_readers_only(login, placed_petitions, media):
    attachment = attach(placed_petitions["dongkinh_tc"], "don-to-cao.pdf")
    address = file_url(attachment.file.name)
    # The commune officer sees the case, with its identity masked: not its scans.
    for masked in ("xa_dongkinh", "vanphong", "quantri"):
        assert_refused(login(masked).get(address))
    response = login("chutich").get(address)
    assert_served(response, attachment.file.open("rb").read(), "don-to-cao.pdf")
    entry = ConfidentialAccess.objects.get()
    assert entry.kind == AccessKind.CONFIDENTIAL and entry.user.username == "chutich"
    assert entry.object_ids == str(placed_petitions["dongkinh_tc"].citizen_id)


def test_the_petition_form_links_its_attachments_through_the_guarded_view(
    login, placed_petitions, media
):
    attachment = attach(placed_petitions["dongkinh"])
    page = login("canbo").get(
        reverse("admin:tiep_cong_dan_petition_change", args=[placed_petitions["dongkinh"].pk])
    )
    text = page.content.decode()
    assert f'href="/desk/files/{attachment.file.name}"' in text
    assert "/media/" not in text


def test_names_that_belong_to_nobody_or_climb_out_are_not_found(login, placed_petitions, media):
    attach(placed_petitions["dongkinh"])
    (media / "secret.txt").write_text("not a record's file")
    client = login("canbo")
    for name in ("secret.txt", "petitions/../secret.txt", "petitions/2026/01/none.pdf", "x/y"):
        assert client.get(f"/desk/files/{name}").status_code == 404


@pytest.fixture
def debug_urls(settings):
    """The URL configuration as DEBUG builds it (where Django's static() once added
    MEDIA_URL)."""
    import sites.urls

    settings.DEBUG = True
    importlib.reload(sites.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(sites.urls)
    clear_url_caches()


def test_media_is_served_by_nothing_even_with_debug(debug_urls, login, placed_petitions, media):
    attachment = attach(placed_petitions["dongkinh"])
    for client in (Client(), login("canbo")):
        response = client.get(f"/media/{attachment.file.name}")
        assert_refused(response)


def test_nginx_sends_the_bytes_through_an_internal_redirect(
    login, placed_petitions, media, settings
):
    settings.TCD_PROTECTED_FILES = "nginx"
    attachment = attach(placed_petitions["dongkinh"])
    client = login("canbo")
    response = client.get(file_url(attachment.file.name))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX
    assert ConfidentialAccess.objects.count() == 1
    # Refused readers get no redirect at all.
    refused = login("huyen_locbinh").get(file_url(attachment.file.name))
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused
    settings.TCD_PROTECTED_FILES = "apache"
    apache = login("canbo").get(file_url(attachment.file.name))
    assert apache.content == b"" and apache["X-Sendfile"] == attachment.file.path


def test_an_issued_documents_frozen_copies_go_to_their_own_readers(login, letters, media):
    refused = letters["refused"]  # a denunciation's refusal notice, issued
    document = reverse("admin:tiep_cong_dan_document", args=["refusal_notice", refused.pk, "pdf"])
    assert login("canbo").get(document).status_code == 200  # the full copy, frozen
    assert login("xa_dongkinh").get(document).status_code == 200  # the redacted one
    full = IssuedDocument.objects.get(variant="full")
    redacted = IssuedDocument.objects.get(variant="redacted")
    assert_refused(Client().get(file_url(full.file.name)))
    # The commune officer reads the case but only its redacted copy.
    assert_refused(login("xa_dongkinh").get(file_url(full.file.name)))
    assert_refused(login("huyen_locbinh").get(file_url(redacted.file.name)))
    before = ConfidentialAccess.objects.count()
    response = login("truongban").get(file_url(full.file.name))
    name = DOCUMENTS["refusal_notice"].filename(refused) + ".pdf"
    assert_served(response, full.file.open("rb").read(), name)
    entry = ConfidentialAccess.objects.order_by("pk").last()
    assert ConfidentialAccess.objects.count() == before + 1
    assert entry.kind == AccessKind.CONFIDENTIAL and entry.user.username == "truongban"
    redacted_copy = login("xa_dongkinh").get(file_url(redacted.file.name))
    assert redacted_copy.status_code == 200


def test_a_document_made_in_the_background_goes_to_its_requester_only(
    login, notice, role_users, media
):
    import datetime

    from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
    from tiep_cong_dan.doctype.monthly_report.services import draft_monthly_report

    half_year = draft_monthly_report(
        MonthlyReport(
            period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 6, 30)
        ),
        by=role_users["canbo"],
    )
    client = login("chutich")
    job_page = client.get(
        reverse("admin:tiep_cong_dan_document", args=["monthly_report", half_year.pk, "pdf"])
    )["Location"]
    page = client.get(job_page)
    link = page.context["download"]
    assert link.startswith("/desk/files/exports/") and link in page.content.decode()
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Security-Policy"] == SANDBOX
    for other in ("vanphong", "canbo"):  # readers of reports, but not who asked
        assert_refused(login(other).get(link))
    assert_refused(Client().get(link))


def test_an_uploaded_import_is_never_handed_back(login, role_users, media):
    job = ImportJob(kind="register", uploaded_by=role_users["canbo"], original_name="so.xlsx")
    job.file.save("so.xlsx", ContentFile(b"PK\x03\x04 personal data"), save=True)
    for user in ("canbo", "quantri"):
        assert login(user).get(file_url(job.file.name)).status_code == 404

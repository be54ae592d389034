"""Attachments on every document type: one mechanism (access/attachments) that every
type with a workflow declares; the Board attaches to sessions, notices and reports, an
agency to its own task even once it can no longer edit it; every file checked on
upload (core/uploads.py) and downloaded only through its record's rule."""

import datetime
import io

import pytest
from django.contrib import admin
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfWriter
from tiep_cong_dan.access.attachments.desk import AttachmentsPanelMixin
from tiep_cong_dan.access.attachments.models import Attachment
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.case_proposal.models import CaseProposal
from tiep_cong_dan.doctype.hearing_dossier.models import HearingDossier
from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.workflow.bindings import BINDINGS

from ..conftest import sign_in
from .test_permission_matrix import ALL

ROLES = sorted(ALL)
CLEARED = {"canbo", "truongban", "chutich"}


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name: str = "bien-ban.pdf", data: bytes | None = None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, pdf_bytes() if data is None else data, "application/pdf")


def _url(obj, name: str, *args) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=[obj.pk, *args])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def docs(placed_petitions, media):
    """A held session of Đông Kinh's complaint, its draft notice with a task for Sở Nông
    nghiệp và Môi trường, a second session that heard Đông Kinh's denunciation with its
    task for the same department, and a draft monthly report."""
    snnmt = Agency.objects.get(code="SNNMT")
    built = {}
    for key, case, day in (
        ("complaint", "dongkinh", datetime.date(2026, 3, 16)),
        ("denunciation", "dongkinh_tc", datetime.date(2026, 4, 15)),
    ):
        petition = placed_petitions[case]
        session = ReceptionSession.objects.create(
            kind="periodic", date=day, presiding_official="Chủ tịch UBND tỉnh", state="held"
        )
        AgendaItem.objects.create(
            session=session, position=1, petition=petition, mode="in_person", heard=True
        )
        notice = ResultNotice.objects.create(session=session)
        Conclusion.objects.create(notice=notice, petition=petition, text="Giao Sở kiểm tra.")
        task = Assignment.objects.create(
            notice=notice,
            petition=petition,
            agency=snnmt,
            task="Kiểm tra, báo cáo",
            deadline=day + datetime.timedelta(days=45),
        )
        built[key] = {"session": session, "notice": notice, "task": task}
    built["report"] = MonthlyReport.objects.create(
        period_start=datetime.date(2026, 3, 1), period_end=datetime.date(2026, 3, 31)
    )
    return built


def test_every_document_type_declares_its_attachments():
    """Each type with a workflow takes files through the one mechanism, or (petitions,
    whose papers the receipt 02/TCD lists with their pages) through its own inline of
    files: a new type that says nothing fails here."""
    generic = set()
    for binding in BINDINGS.values():
        model = binding.model
        model_admin = admin.site._registry[model]
        if rule_for(model).attachments:
            assert isinstance(model_admin, AttachmentsPanelMixin), model
            assert _url(model(pk=1), "attach")  # its upload address exists
            generic.add(model)
        else:
            own = [
                inline
                for inline in model_admin.inlines
                if any(isinstance(f, models.FileField) for f in inline.model._meta.fields)
            ]
            assert own, f"{model.__name__} takes no attachments"
    assert generic == {
        ReceptionSession,
        ResultNotice,
        Assignment,
        MonthlyReport,
        CaseProposal,
        HearingDossier,
    }


@pytest.mark.parametrize("kind", ["session", "notice", "report"])
def test_the_board_attaches_a_file_shown_on_the_page_and_downloaded(login, docs, kind):
    obj = docs["report"] if kind == "report" else docs["complaint"][kind]
    client = login("canbo")
    page = client.get(_url(obj, "change"))
    assert 'id="attachment-form"' in page.content.decode()
    response = client.post(
        _url(obj, "attach"), {"title": "Biên bản", "file": upload("Biên bản họp.pdf")}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.document == obj and attachment.uploaded_by.username == "canbo"
    assert attachment.original_name == "Biên bản họp.pdf"
    assert attachment.file.name.startswith("attachments/")
    page = client.get(_url(obj, "change")).content.decode()
    assert "Biên bản họp.pdf" in page and f'href="/desk/files/{attachment.file.name}"' in page
    download = client.get(f"/desk/files/{attachment.file.name}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()


def _attach(obj, by):
    from tiep_cong_dan.access.attachments.services import attach_file

    return attach_file(obj, title="Tệp", file=upload(), by=by)


@pytest.mark.parametrize("username", ROLES)
def test_a_download_asks_the_record_s_rule_for_every_role(client, role_users, docs, username):
    files = {
        "session": _attach(docs["complaint"]["session"], role_users["canbo"]),
        "notice": _attach(docs["complaint"]["notice"], role_users["canbo"]),
        "task": _attach(docs["complaint"]["task"], role_users["canbo"]),
        "report": _attach(docs["report"], role_users["canbo"]),
        "tc_session": _attach(docs["denunciation"]["session"], role_users["canbo"]),
        "tc_task": _attach(docs["denunciation"]["task"], role_users["canbo"]),
    }
    sign_in(client, username)
    user = role_users[username]
    for key, attachment in files.items():
        obj = attachment.document
        response = client.get(f"/desk/files/{attachment.file.name}")
        allowed = rule_for(type(obj)).may_read_attachments(user, obj)
        assert response.status_code == (200 if allowed else 404), (username, key)
        if not rule_for(type(obj)).can_view(user, obj):
            assert not allowed, (username, key)
    # What the rules must say, whatever else changes
    expected = {
        # a file about a denunciation: the cleared roles only
        "tc_session": username in CLEARED,
        "tc_task": username in CLEARED,
        # the monthly report: the province-wide roles
        "report": username in {"canbo", "truongban", "chutich", "vanphong", "quantri"},
    }
    for key, allowed in expected.items():
        status = client.get(f"/desk/files/{files[key].file.name}").status_code
        assert status == (200 if allowed else 404), (username, key)
    if username in {"huyen_locbinh", "kythuat", "trunguong"}:  # outside these records
        for key in ("session", "notice", "task"):
            assert client.get(f"/desk/files/{files[key].file.name}").status_code == 404


def test_the_agency_attaches_its_report_to_its_own_task_once_it_cannot_edit_it(
    login, docs, role_users
):
    from ..workflow.helpers import set_state

    task = docs["complaint"]["task"]
    set_state(task, "reported")
    task.refresh_from_db()
    officer = role_users["so_nnmt"]
    assert not rule_for(Assignment).can_change(officer, task)  # the form is frozen for it
    client = login("so_nnmt")
    page = client.get(_url(task, "change")).content.decode()
    assert 'id="attachment-form"' in page
    sent = client.post(_url(task, "attach"), {"title": "Công văn báo cáo", "file": upload()})
    assert sent.status_code == 302
    assert Attachment.objects.get().uploaded_by == officer
    # The commune sees the task (its citizen's case) but reports for no agency
    commune = login("xa_dongkinh")
    assert 'id="attachment-form"' not in commune.get(_url(task, "change")).content.decode()
    assert commune.post(_url(task, "attach"), {"title": "x", "file": upload()}).status_code == 403
    # Another district's officer does not see it at all
    outside = login("huyen_locbinh")
    assert outside.post(_url(task, "attach"), {"title": "x", "file": upload()}).status_code == 404
    # Closed: nothing more from the agency
    set_state(task, "accepted")
    again = login("so_nnmt").post(_url(task, "attach"), {"title": "y", "file": upload()})
    assert again.status_code == 403
    assert Attachment.objects.count() == 1


def test_an_upload_is_checked_and_a_refusal_said_in_vietnamese(login, docs):
    session = docs["complaint"]["session"]
    client = login("canbo")
    bad = pdf_bytes().replace(b"%%EOF", b"<script>alert(1)</script>\n%%EOF")
    response = client.post(
        _url(session, "attach"), {"title": "Biên bản", "file": upload("x.pdf", bad)}
    )
    assert response.status_code == 302 and not Attachment.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "chứa mã trang web (script hoặc thẻ đánh dấu) nên bị từ chối" in page
    assert 'value="Biên bản"' in page  # the title as typed
    wrong = client.post(_url(session, "attach"), {"title": "", "file": upload("x.exe")})
    assert wrong.status_code == 302 and not Attachment.objects.exists()


def test_the_uploader_or_an_editor_removes_a_file(login, docs, role_users):
    task = docs["complaint"]["task"]
    mine = _attach(task, role_users["so_nnmt"])
    board = _attach(task, role_users["canbo"])
    client = login("so_nnmt")
    assert client.post(_url(task, "remove_attachment", board.pk)).status_code == 403
    assert client.post(_url(task, "remove_attachment", mine.pk)).status_code == 302
    assert list(Attachment.objects.all()) == [board]
    assert login("canbo").post(_url(task, "remove_attachment", board.pk)).status_code == 302
    assert not Attachment.objects.exists()


def test_the_panel_costs_the_same_queries_for_one_file_or_many(login, docs, role_users):
    session = docs["complaint"]["session"]
    client = login("canbo")
    _attach(session, role_users["canbo"])
    client.get(_url(session, "change"))  # warm caches (content types, workflow)
    with CaptureQueriesContext(connection) as one:
        client.get(_url(session, "change"))
    for _ in range(5):
        _attach(session, role_users["truongban"])
    with CaptureQueriesContext(connection) as six:
        page = client.get(_url(session, "change"))
    assert page.content.decode().count("/desk/files/attachments/") == 6
    assert len(six) == len(one)


def test_a_cleared_reader_s_download_about_a_denunciation_is_logged(
    login, docs, role_users, placed_petitions
):
    from tiep_cong_dan.access.models import ConfidentialAccess

    plain = _attach(docs["complaint"]["session"], role_users["canbo"])
    secret = _attach(docs["denunciation"]["session"], role_users["canbo"])
    client = login("chutich")
    assert client.get(f"/desk/files/{plain.file.name}").status_code == 200
    assert not ConfidentialAccess.objects.exists()
    assert client.get(f"/desk/files/{secret.file.name}").status_code == 200
    entry = ConfidentialAccess.objects.get()
    assert entry.user.username == "chutich" and entry.object_type == "petition"
    assert entry.object_ids == str(placed_petitions["dongkinh_tc"].pk)
    assert entry.fields == "attachments"

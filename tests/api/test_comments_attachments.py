"""Comments and attached files on every record of the API (api/comments.py,
api/attachments.py, built once in api/base.py): the type's rule decides who reads,
comments, attaches and removes; a denunciation's comments and files hidden from those
not cleared; a cleared reader's download logged; uploads checked; precise errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.attachments.models import Attachment
from tiep_cong_dan.access.models import ConfidentialAccess
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.api.routing import declared_routes
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.case_proposal.models import CaseProposal
from tiep_cong_dan.doctype.hearing_dossier.models import HearingDossier
from tiep_cong_dan.doctype.hearing_recording.services import upload_recording
from tiep_cong_dan.doctype.petition.models import PetitionAttachment
from tiep_cong_dan.workflow.models import Comment

from ..access.test_attachments import docs, media, pdf_bytes, upload  # noqa: F401
from ..access.test_permission_matrix import ALL
from ..doctype.reception_request.helpers import confirmed_request
from .test_api import client_for

ROLES = sorted(ALL)
CLEARED = {"canbo", "truongban", "chutich"}


@pytest.fixture
def records(docs, placed_petitions):  # noqa: F811 - the shared fixture
    """One record of every routed resource, by its prefix."""
    return {
        "petitions": placed_petitions["dongkinh"],
        "citizens": placed_petitions["dongkinh"].citizen,
        "sessions": docs["complaint"]["session"],
        "result-notices": docs["complaint"]["notice"],
        "assignments": docs["complaint"]["task"],
        "bridge-points": BridgePoint.objects.filter(active=True).order_by("code").first(),
        "proposals": CaseProposal.objects.create(
            petition=placed_petitions["dongkinh"],
            proposing_unit=placed_petitions["dongkinh"].matter_unit,
            ground="over_heads",
        ),
        "dossiers": HearingDossier.objects.create(
            session=docs["complaint"]["session"],
            agenda_item=docs["complaint"]["session"].agenda_items.get(),
            petition=placed_petitions["dongkinh"],
            agency=Agency.objects.get(code="SNNMT"),
            due_date=docs["complaint"]["session"].date,
        ),
        "requests": confirmed_request()[0],
        "recordings": upload_recording(
            docs["complaint"]["session"],
            SimpleUploadedFile("ghi-hinh.mp4", b"\x00" * 64),
            by=placed_petitions["dongkinh"].created_by,
        ),
    }


def _route(prefix):
    return next(r for r in declared_routes() if r.prefix == prefix)


def _url(prefix: str, pk, tail: str = "") -> str:
    return f"/api/v1/{prefix}/{pk}/{tail}"


def test_every_routed_resource_has_comments_and_attachments():
    for route in declared_routes():
        for name, args in (
            ("comments", [1]),
            ("attachments", [1]),
            ("attachment", [1, 2]),
            ("attachment-download", [1, 2]),
        ):
            assert reverse(f"{route.basename}-{name}", args=args), (route.prefix, name)


def test_on_every_routed_resource_a_comment_and_a_file_go_round(records, role_users):
    """Whoever the type's rule lets attach posts a file, lists it, downloads the very
    bytes and removes it; whoever may read the record comments and reads it back."""
    assert set(records) == {r.prefix for r in declared_routes()}  # none forgotten
    for route in declared_routes():
        record = records[route.prefix]
        store = route.viewset.file_store
        attacher = next(
            (u for name, u in sorted(role_users.items()) if store.may_attach(u, record)), None
        )
        if attacher is None:
            # A type whose files are its own (an online request's, shown on its page):
            # nobody attaches through the shared endpoint, comments still go round.
            rule = rule_for(type(record))
            reader = next(u for _n, u in sorted(role_users.items()) if rule.may_comment(u, record))
            client = client_for(reader)
            refused = client.post(
                _url(route.prefix, record.pk, "attachments/"),
                {"title": "Biên bản", "file": upload("Biên bản.pdf")},
                format="multipart",
            )
            assert refused.status_code in (403, 404), route.prefix
            _comment_goes_round(client, route, record, reader)
            continue
        assert route.prefix != "requests", "an online request's files are its own"
        client = client_for(attacher)
        sent = client.post(
            _url(route.prefix, record.pk, "attachments/"),
            {"title": "Biên bản", "file": upload("Biên bản.pdf")},
            format="multipart",
        )
        assert sent.status_code == 201, (route.prefix, sent.json())
        row = sent.json()
        assert row["title"] == "Biên bản" and row["original_name"] == "Biên bản.pdf"
        listed = client.get(_url(route.prefix, record.pk, "attachments/")).json()
        assert [r["id"] for r in listed] == [row["id"]]
        download = client.get(row["download"])
        assert download.status_code == 200, route.prefix
        assert b"".join(download.streaming_content) == pdf_bytes()
        assert download["Content-Disposition"].startswith("attachment;")
        assert download["X-Content-Type-Options"] == "nosniff"
        gone = client.delete(_url(route.prefix, record.pk, f"attachments/{row['id']}/"))
        assert gone.status_code == 204, route.prefix
        assert client.get(_url(route.prefix, record.pk, "attachments/")).json() == []

        _comment_goes_round(client, route, record, attacher)


def _comment_goes_round(client, route, record, author) -> None:
    posted = client.post(
        _url(route.prefix, record.pk, "comments/"), {"body": "Đề nghị kiểm tra lại."}
    )
    assert posted.status_code == 201, (route.prefix, posted.json())
    comments = client.get(_url(route.prefix, record.pk, "comments/")).json()
    assert [(c["author"], c["body"], c["masked"]) for c in comments] == [
        (author.username, "Đề nghị kiểm tra lại.", False)
    ]


def test_a_record_outside_the_scope_is_not_found(placed_petitions, role_users):
    outside = placed_petitions["kylua"]
    client = client_for(role_users["xa_dongkinh"])
    for tail in ("comments/", "attachments/", "attachments/1/download/"):
        response = client.get(_url("petitions", outside.pk, tail))
        assert response.status_code == 404 and response.json()["code"] == "not_found", tail
    sent = client.post(_url("petitions", outside.pk, "comments/"), {"body": "Hỏi"})
    assert sent.status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("username", ROLES)
def test_a_denunciation_s_comments_are_masked_for_those_not_cleared(
    placed_petitions, role_users, username
):
    from tiep_cong_dan.access.rules import rule_for
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.workflow.comments import post_comment

    petition = placed_petitions["dongkinh_tc"]
    post_comment(petition, by=role_users["canbo"], body="Người tố cáo là Lương Văn Cường.")
    response = client_for(role_users[username]).get(_url("petitions", petition.pk, "comments/"))
    if not rule_for(Petition).can_view(role_users[username], petition):
        assert response.status_code in (403, 404)
        return
    assert response.status_code == 200
    [comment] = response.json()
    if username in CLEARED:
        assert comment["body"] == "Người tố cáo là Lương Văn Cường." and not comment["masked"]
    else:
        assert comment["body"] is None and comment["masked"]
        assert "Cường" not in response.content.decode()


def test_a_mention_tells_only_who_may_see_the_record(placed_petitions, role_users):
    petition = placed_petitions["dongkinh"]
    response = client_for(role_users["canbo"]).post(
        _url("petitions", petition.pk, "comments/"),
        {"body": "@xa_dongkinh @huyen_locbinh @nobody xin ý kiến"},
    )
    assert response.status_code == 201
    assert response.json()["told"] == ["xa_dongkinh"]
    assert response.json()["not_told"] == ["huyen_locbinh", "nobody"]


def test_a_comment_refused_says_why_at_its_field(placed_petitions, role_users):
    client = client_for(role_users["canbo"])
    url = _url("petitions", placed_petitions["dongkinh"].pk, "comments/")
    empty = client.post(url, {"body": "  \u200b "})
    assert empty.status_code == 400
    assert empty.json()["code"] == "invalid" and empty.json()["errors"]["body"]
    long = client.post(url, {"body": "x" * 5001})
    assert long.status_code == 400
    assert "5000" in long.json()["errors"]["body"][0].replace(".", "")
    missing = client.post(url, {})
    assert missing.status_code == 400 and "body" in missing.json()["errors"]
    assert not Comment.objects.exists()


def test_a_reader_may_comment_but_not_attach(docs, role_users):  # noqa: F811
    session = docs["complaint"]["session"]
    client = client_for(role_users["vanphong"])  # the Chairman's office reads sessions
    assert (
        client.post(_url("sessions", session.pk, "comments/"), {"body": "Đã nhận."}).status_code
        == 201
    )
    refused = client.post(
        _url("sessions", session.pk, "attachments/"),
        {"title": "x", "file": upload()},
        format="multipart",
    )
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert not Attachment.objects.exists()


def test_an_upload_is_checked_with_precise_errors(docs, role_users, settings):  # noqa: F811
    session = docs["complaint"]["session"]
    client = client_for(role_users["canbo"])
    url = _url("sessions", session.pk, "attachments/")
    bad = pdf_bytes().replace(b"%%EOF", b"<script>alert(1)</script>\n%%EOF")
    response = client.post(
        url, {"title": "Biên bản", "file": upload("x.pdf", bad)}, format="multipart"
    )
    assert response.status_code == 400
    assert "chứa mã trang web" in response.json()["errors"]["file"][0]
    wrong = client.post(url, {"title": "", "file": upload("x.exe")}, format="multipart")
    assert wrong.status_code == 400 and set(wrong.json()["errors"]) == {"title"}
    exe = client.post(url, {"title": "Tệp", "file": upload("x.exe")}, format="multipart")
    assert (
        exe.status_code == 400
        and "Không chấp nhận tệp định dạng .exe" in exe.json()["errors"]["file"][0]
    )
    settings.TCD_MAX_ATTACHMENT_BYTES = 100
    large = client.post(url, {"title": "Tệp", "file": upload()}, format="multipart")
    assert large.status_code == 413
    assert large.json()["code"] == "file_too_large" and large.json()["errors"]["file"]
    assert not Attachment.objects.exists()


def test_only_the_uploader_or_an_editor_removes_a_file(docs, role_users):  # noqa: F811
    from tiep_cong_dan.access.attachments.services import attach_file

    task = docs["complaint"]["task"]
    mine = attach_file(task, title="a", file=upload(), by=role_users["so_nnmt"])
    board = attach_file(task, title="b", file=upload(), by=role_users["canbo"])
    agency = client_for(role_users["so_nnmt"])
    rows = agency.get(_url("assignments", task.pk, "attachments/")).json()
    assert {r["id"]: r["may_remove"] for r in rows} == {mine.pk: True, board.pk: False}
    assert (
        agency.delete(_url("assignments", task.pk, f"attachments/{board.pk}/")).status_code == 403
    )
    assert agency.delete(_url("assignments", task.pk, f"attachments/{mine.pk}/")).status_code == 204
    assert agency.delete(_url("assignments", task.pk, "attachments/999999/")).status_code == 404
    assert list(Attachment.objects.all()) == [board]


def test_a_denunciation_s_files_are_for_the_cleared_and_their_download_logged(
    docs,  # noqa: F811
    placed_petitions,
    role_users,
):
    from tiep_cong_dan.access.attachments.services import attach_file
    from tiep_cong_dan.doctype.petition.papers import add_paper

    session = docs["denunciation"]["session"]
    minutes = attach_file(session, title="Biên bản", file=upload(), by=role_users["canbo"])
    petition = placed_petitions["dongkinh_tc"]
    scan = add_paper(petition, title="Đơn tố cáo", file=upload(), by=role_users["canbo"])
    commune = client_for(role_users["xa_dongkinh"])  # sees both records, masked
    assert commune.get(_url("petitions", petition.pk)).status_code == 200
    for prefix, obj, row in (("sessions", session, minutes), ("petitions", petition, scan)):
        assert commune.get(_url(prefix, obj.pk, "attachments/")).status_code == 404
        download = _url(prefix, obj.pk, f"attachments/{row.pk}/download/")
        assert commune.get(download).status_code == 404
    assert not ConfidentialAccess.objects.exists()
    chairman = client_for(role_users["chutich"])
    got = chairman.get(_url("sessions", session.pk, f"attachments/{minutes.pk}/download/"))
    assert got.status_code == 200
    entry = ConfidentialAccess.objects.get()
    assert (entry.user.username, entry.object_type, entry.fields) == (
        "chutich",
        "petition",
        "attachments",
    )
    assert entry.object_ids == str(petition.pk)
    got = chairman.get(_url("petitions", petition.pk, f"attachments/{scan.pk}/download/"))
    assert got.status_code == 200
    assert ConfidentialAccess.objects.filter(object_type="citizen").exists()


def test_a_petition_s_files_are_its_own_papers(placed_petitions, role_users):
    petition = placed_petitions["dongkinh"]
    client = client_for(role_users["canbo"])
    sent = client.post(
        _url("petitions", petition.pk, "attachments/"),
        {"title": "Bản sao CCCD", "file": upload("cccd.pdf")},
        format="multipart",
    )
    assert sent.status_code == 201
    paper = PetitionAttachment.objects.get()
    assert paper.petition == petition and paper.original_name == "cccd.pdf"
    assert not Attachment.objects.exists()  # listed on the receipt 02/TCD, not elsewhere
    commune = client_for(role_users["xa_dongkinh"])  # reads the case, may not edit it
    refused = commune.post(
        _url("petitions", petition.pk, "attachments/"),
        {"title": "x", "file": upload()},
        format="multipart",
    )
    assert refused.status_code == 403
    assert [
        r["title"] for r in commune.get(_url("petitions", petition.pk, "attachments/")).json()
    ] == ["Bản sao CCCD"]


def test_the_lists_cost_the_same_queries_for_one_row_or_many(docs, role_users):  # noqa: F811
    from tiep_cong_dan.access.attachments.services import attach_file
    from tiep_cong_dan.workflow.comments import post_comment

    session = docs["complaint"]["session"]
    client = client_for(role_users["canbo"])
    attach_file(session, title="a", file=upload(), by=role_users["canbo"])
    post_comment(session, by=role_users["canbo"], body="Một")
    urls = [_url("sessions", session.pk, t) for t in ("comments/", "attachments/")]
    for url in urls:
        client.get(url)  # warm caches
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        counts.append(len(one))
    for n, name in enumerate(("truongban", "chutich", "vanphong", "canbo")):
        attach_file(session, title=f"f{n}", file=upload(), by=role_users["canbo"])
        post_comment(session, by=role_users[name], body=f"Ý kiến {n}")
    for url, before in zip(urls, counts, strict=True):
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
        assert len(response.json()) == 5
        assert len(many) == before, url

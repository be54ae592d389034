"""Who reads a dossier, per role: the Board, the Chairman and the Office read every one;
an agency its own only (any other is "not found"); a denunciation's briefing and files
follow the petition's rule, masked from everyone not cleared but the agency that wrote
them, on the form, in the console and in downloads. Files are checked as uploads are."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan.access.attachments.models import Attachment
from tiep_cong_dan.access.attachments.services import attach_file
from tiep_cong_dan.access.models import ConfidentialAccess
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.hearing_dossier.models import HearingDossier
from tiep_cong_dan.doctype.hearing_dossier.services import open_dossiers, write_briefing
from tiep_cong_dan.doctype.petition.services import set_agencies_concerned
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession

from ...access.test_attachments import pdf_bytes, upload
from ...access.test_permission_matrix import ALL
from ...conftest import sign_in

DENOUNCER_WORDS = "Ông Lương Văn Cường tố cáo cán bộ địa chính nhận tiền."
CLEARED = {"canbo", "truongban", "chutich"}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def denunciation_dossiers(placed_petitions, role_users, media):
    """Đông Kinh's denunciation (Sở Y tế concerned) and complaint (Sở Nông nghiệp) on an
    approved session; Sở Y tế's briefing and file name the denouncer."""
    session = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2026, 3, 16),
        presiding_official="Chủ tịch UBND tỉnh",
        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        state="approved",
    )
    denunciation = placed_petitions["dongkinh_tc"]
    set_agencies_concerned(
        denunciation, [*denunciation.agencies_concerned.all(), Agency.objects.get(code="SYT")]
    )
    for position, petition in enumerate((placed_petitions["dongkinh"], denunciation), start=1):
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=petition,
            mode="online",
            bridge_point=primary_point_for(petition.matter_unit),
        )
    open_dossiers(session)
    syt = HearingDossier.objects.get(agency__code="SYT")
    write_briefing(
        syt,
        {"case_history": DENOUNCER_WORDS, "decisions": "Chưa có.", "proposal": "Giao thanh tra."},
        by=role_users["canbo"],
    )
    attach_file(syt, title="Biên bản xác minh", file=upload("xac-minh.pdf"), by=role_users["canbo"])
    return {"session": session, "syt": syt}


def _url(dossier, name="change") -> str:
    return reverse(f"admin:tiep_cong_dan_hearingdossier_{name}", args=[dossier.pk])


# role -> (list answer, dossiers listed, the denunciation's dossier page)
EXPECTED = {
    "canbo": (200, 4, "shown"),
    "truongban": (200, 4, "shown"),
    "chutich": (200, 4, "shown"),
    "vanphong": (200, 4, "masked"),
    "quantri": (200, 4, "masked"),
    "so_nnmt": (200, 1, "not found"),
    "xa_dongkinh": (200, 2, "not found"),
    "huyen_locbinh": (200, 0, "not found"),
    "trunguong": (403, 0, "closed"),
    "kythuat": (403, 0, "closed"),
}


def test_the_expectations_cover_every_role():
    assert set(EXPECTED) == set(ALL)


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_each_role_reads_what_the_rule_lets_it(client, denunciation_dossiers, username):
    syt = denunciation_dossiers["syt"]
    status, count, page = EXPECTED[username]
    sign_in(client, username)
    listed = client.get(reverse("admin:tiep_cong_dan_hearingdossier_changelist"))
    assert listed.status_code == status
    if status == 200:
        assert listed.context["cl"].result_count == count
    response = client.get(_url(syt))
    file = Attachment.objects.get()
    download = client.get(f"/desk/files/{file.file.name}")
    if page == "shown":
        assert response.status_code == 200 and DENOUNCER_WORDS in response.content.decode()
        assert download.status_code == 200
        assert ConfidentialAccess.objects.filter(object_type="petition").exists()
    elif page == "masked":
        text = response.content.decode()
        assert response.status_code == 200 and DENOUNCER_WORDS not in text
        assert "xac-minh.pdf" not in text
        assert download.status_code == 404
        # Nor through its history, whose versions hold the words.
        assert client.get(_url(syt, "history")).status_code in (403, 404)
    else:
        assert response.status_code in (403, 404)
        assert download.status_code == 404
    console = client.get(
        reverse(
            "admin:tiep_cong_dan_receptionsession_console",
            args=[denunciation_dossiers["session"].pk],
        )
    )
    if console.status_code == 200:
        text = console.content.decode()
        assert (DENOUNCER_WORDS in text) == (page == "shown"), username
        if page == "masked":
            assert "Báo cáo tóm tắt: *** được bảo mật ***" in text


def test_the_writing_agency_reads_its_own_briefing_on_a_denunciation(
    client, denunciation_dossiers, role_users
):
    """The agency wrote it: the form shows it back to its officers, and only to them."""
    from tiep_cong_dan.access.models import UserScope
    from tiep_cong_dan.access.rules import rule_for

    officer = role_users["so_nnmt"]
    UserScope.objects.create(user=officer, agency=Agency.objects.get(code="SYT"))
    officer = type(officer).objects.get(pk=officer.pk)  # scopes read afresh
    syt = denunciation_dossiers["syt"]
    assert rule_for(HearingDossier).masked_fields(officer, syt) == frozenset()
    page = sign_in(client, "so_nnmt").get(_url(syt)).content.decode()
    assert DENOUNCER_WORDS in page


def test_attachments_are_checked_and_closed_once_submitted(client, denunciation_dossiers):
    own = HearingDossier.objects.get(agency__code="SNNMT")
    sign_in(client, "so_nnmt")
    bad = pdf_bytes().replace(b"%%EOF", b"<script>alert(1)</script>\n%%EOF")
    refused = client.post(_url(own, "attach"), {"title": "Tờ trình", "file": upload("x.pdf", bad)})
    assert refused.status_code == 302 and not Attachment.objects.filter(object_id=own.pk).exists()
    page = client.get(refused["Location"]).content.decode()
    assert "chứa mã trang web (script hoặc thẻ đánh dấu) nên bị từ chối" in page
    sent = client.post(_url(own, "attach"), {"title": "Tờ trình", "file": upload("to-trinh.pdf")})
    assert sent.status_code == 302
    assert Attachment.objects.filter(object_id=own.pk, title="Tờ trình").count() == 1
    HearingDossier.objects.filter(pk=own.pk).update(state="submitted")
    again = client.post(_url(own, "attach"), {"title": "Thêm", "file": upload("them.pdf")})
    assert again.status_code == 403

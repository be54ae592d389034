"""The Chairman's briefing pack: asked on the session's page, made in the background, a
copy for the one who asked, the Chairman and the Office, read back from the PDF with
poppler: a table of contents with pages, the agenda, every hearing and every agency's
briefing, numbered pages; each copy served to its reader alone."""

import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.access.attachments.services import attach_file
from tiep_cong_dan.core import outbox
from tiep_cong_dan.doctype.hearing_dossier.models import BriefingPack, HearingDossier
from tiep_cong_dan.doctype.hearing_dossier.services import write_briefing
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.print_format.context import briefing_pack_context

from ...access.test_attachments import upload
from ...conftest import sign_in
from .test_dossier_access import DENOUNCER_WORDS, denunciation_dossiers, media  # noqa: F401

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def _pdftotext(tmp_path, data: bytes, *options) -> str:
    path = tmp_path / "pack.pdf"
    path.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", "-layout", *options, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def accepted(planned_session, role_users, media):  # noqa: F811
    """Every dossier of the three hearings written (each agency in its own words), one
    with a document attached, and accepted."""
    workflow.apply(planned_session, "approve", by=role_users["chutich"])
    for dossier in HearingDossier.objects.filter(session=planned_session).select_related(
        "agency", "agenda_item"
    ):
        write_briefing(
            dossier,
            {
                "case_history": f"Quá trình do {dossier.agency.short_name or dossier.agency} "
                f"báo cáo về lượt {dossier.agenda_item.position}.",
                "decisions": "Đã có quyết định giải quyết lần đầu.",
                "proposal": f"Đề xuất của {dossier.agency.code} cho lượt "
                f"{dossier.agenda_item.position}.",
            },
        )
        workflow.apply(dossier, "submit", by=role_users["canbo"])
        workflow.apply(dossier, "accept", by=role_users["canbo"])
    first = HearingDossier.objects.filter(session=planned_session, agency__code="SNNMT").first()
    attach_file(
        first, title="Quyết định số 12/QĐ-UBND", file=upload("qd.pdf"), by=role_users["canbo"]
    )
    return planned_session


def test_the_pack_is_made_in_the_background_and_sent(client, accepted, tmp_path):
    session = accepted
    sign_in(client, "canbo")
    page = client.get(
        reverse("admin:tiep_cong_dan_receptionsession_briefing_pack", args=[session.pk])
    )
    assert page.status_code == 200
    assert "Số hồ sơ được yêu cầu: 6; đã tiếp nhận: 6" in page.content.decode()
    asked = client.post(
        reverse("admin:tiep_cong_dan_receptionsession_briefing_pack", args=[session.pk])
    )
    assert asked.status_code == 302 and "/print/job/" in asked["Location"]
    progress = client.get(asked["Location"]).content.decode()
    assert "Tải về" in progress  # the job ran (inline in tests): the file is offered
    packs = {p.recipient.username: p for p in BriefingPack.objects.select_related("recipient")}
    assert set(packs) == {"canbo", "chutich", "vanphong"}
    for username in ("chutich", "vanphong"):
        told = Notification.objects.get(recipient__username=username, key__startswith="briefing")
        assert told.link == f"/desk/files/{packs[username].file.name}"
    # Each copy goes to its reader only.
    mine = client.get(f"/desk/files/{packs['canbo'].file.name}")
    assert mine.status_code == 200
    data = b"".join(mine.streaming_content)
    assert client.get(f"/desk/files/{packs['chutich'].file.name}").status_code == 404
    sign_in(client, "so_nnmt")
    assert client.get(f"/desk/files/{packs['canbo'].file.name}").status_code == 404
    # Read back: contents, agenda, every briefing, numbered pages.
    text = _pdftotext(tmp_path, data)
    flat = " ".join(text.split())
    for expected in (
        "BAN TIẾP CÔNG DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TÀI LIỆU PHỤC VỤ CHỦ TỊCH UBND TỈNH TIẾP CÔNG DÂN",
        "MỤC LỤC",
        "I. CHƯƠNG TRÌNH KỲ TIẾP",
        "Hoàng Văn An",
        "Tài liệu kèm theo: Quyết định số 12/QĐ-UBND.",
    ):
        assert expected in flat, expected
    for dossier in HearingDossier.objects.filter(session=session).select_related("agency"):
        assert f"Đề xuất của {dossier.agency.code} cho lượt" in flat
        assert dossier.agency.name in flat
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 4  # the agenda, then one part per hearing
    # Each hearing starts a page; the contents give that page's number.
    for n, petition_number in enumerate(
        session.agenda_items.order_by("position").values_list(
            "petition__registration_number", flat=True
        ),
        start=1,
    ):
        line = next(
            line for line in pages[0].splitlines() if f"{n}. Vụ việc {petition_number}" in line
        )
        page_no = int(line.rsplit(None, 1)[-1])
        assert f"{n}. VỤ VIỆC {petition_number}" in pages[page_no - 1]
        # Numbered pages: from the second on, the number heads the page.
        assert pages[page_no - 1].strip().splitlines()[0].strip() == str(page_no)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "tai-lieu-phuc-vu-chu-tich.pdf").write_bytes(data)


def test_the_pack_is_made_by_itself_once_the_last_dossier_is_accepted(
    planned_session, role_users, media  # noqa: F811
):
    workflow.apply(planned_session, "approve", by=role_users["chutich"])
    dossiers = list(HearingDossier.objects.filter(session=planned_session).order_by("pk"))
    board = role_users["canbo"]
    for dossier in dossiers:
        write_briefing(
            dossier,
            {"case_history": "Quá trình.", "decisions": "Quyết định.", "proposal": "Đề xuất."},
        )
        workflow.apply(dossier, "submit", by=board)
    *first, last = dossiers
    for dossier in first:
        workflow.apply(dossier, "accept", by=board)
    # One dossier still waits for review: no pack yet.
    outbox.run_due()
    outbox.run_due()
    assert not BriefingPack.objects.exists()
    # The last one accepted: the pack is made for the Board officer, the Chairman and
    # the Office, and announced to the other two.
    workflow.apply(last, "accept", by=board)
    outbox.run_due()  # the accepting step's effect, which owes the pack
    outbox.run_due()  # the pack
    made = set(BriefingPack.objects.values_list("recipient__username", flat=True))
    assert made == {"canbo", "chutich", "vanphong"}
    assert Notification.objects.filter(
        recipient__username="chutich", key__startswith="briefing-pack"
    ).exists()


def test_who_may_ask_for_it(client, accepted):
    url = reverse("admin:tiep_cong_dan_receptionsession_briefing_pack", args=[accepted.pk])
    assert sign_in(client, "so_nnmt").post(url).status_code in (403, 404)
    assert sign_in(client, "kythuat").get(url).status_code in (403, 404)
    assert not BriefingPack.objects.exists()


def test_a_denunciation_s_briefing_is_masked_in_the_office_s_copy(
    denunciation_dossiers,  # noqa: F811
):
    session = denunciation_dossiers["session"]
    chairman, office = (User.objects.get(username=u) for u in ("chutich", "vanphong"))

    def words(user) -> str:
        context = briefing_pack_context(session, user)
        return " ".join(
            f"{b['history']} {b['files']}" for h in context["hearings"] for b in h["briefings"]
        )

    assert DENOUNCER_WORDS in words(chairman) and "Biên bản xác minh" in words(chairman)
    office_words = words(office)
    assert DENOUNCER_WORDS not in office_words and "Biên bản xác minh" not in office_words
    assert "*** Nội dung được bảo mật ***" in office_words
    # The Office's copy does not name the denouncer either.
    names = [h["person"] for h in briefing_pack_context(session, office)["hearings"]]
    assert "Lương Văn Cường" not in names

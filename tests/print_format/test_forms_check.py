"""docs/forms-check.md stays true: every text its tables say a document prints is in
that document's PDF, read back with pdftotext, for the record the page describes."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.citizen.constants import Gender
from tiep_cong_dan.doctype.petition.constants import Jurisdiction
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_file

from ..conftest import make_citizen, make_petition, new_unit
from .conftest import pdf_text

PAGE = Path(__file__).resolve().parents[2] / "docs" / "forms-check.md"
SECTIONS = {
    "Mẫu số 01/TCD": "refusal_notice",
    "Mẫu số 02/TCD": "receipt",
    "Văn bản trả lời": "reply_letter",
}
DAY = datetime.date(2026, 7, 10)


def printed_texts() -> dict[str, list[str]]:
    """For each document: the `code` texts of the third column of its section."""
    found: dict[str, list[str]] = {}
    code = None
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            code = next((c for title, c in SECTIONS.items() if title in line), None)
        elif code and re.match(r"\| \d+ \|", line):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            found.setdefault(code, []).extend(re.findall(r"`([^`]+)`", cells[2]))
    return found


def _record(tmp_path, settings) -> dict[str, Petition]:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    dk = new_unit("05977")
    citizen = make_citizen(dk, "Nông Thị Hoa", "020085000021")
    citizen.date_of_birth = datetime.date(1985, 2, 3)
    citizen.gender = Gender.FEMALE  # the letters say "Bà"
    citizen.id_issued_on = datetime.date(2021, 4, 12)
    citizen.id_issued_by = "Cục Cảnh sát quản lý hành chính về trật tự xã hội"
    citizen.full_clean()
    citizen.save()
    agency = Agency.objects.get(code="SNNMT")
    refused = make_petition(dk, citizen, received=DAY, agencies=[agency])
    answered = make_petition(dk, citizen, received=DAY)
    received_at = datetime.datetime(2026, 7, 10, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    Petition.objects.filter(pk=refused.pk).update(
        state="refused",
        refusal_ground="decree_4_h",
        refusal_notice_number="07/TB-BTCD",
        refusal_notice_date=DAY,
        created_at=received_at,
        created_by=User.objects.get(username="canbo"),
    )
    Petition.objects.filter(pk=answered.pk).update(
        state="not_proposed",
        jurisdiction=Jurisdiction.CHAIRMAN,
        reply_reason="Vụ việc chưa đủ điều kiện tiếp công dân trực tuyến.",
        reply_letter_number="21/BTCD-TCD",
        reply_letter_date=datetime.date(2026, 7, 20),
    )
    for title, pages, condition in (
        ("Quyết định thu hồi đất số 12/QĐ-UBND", 3, "certified_copy"),
        ("Biên bản đo đạc", 2, "photocopy"),
    ):
        attachment = PetitionAttachment(
            petition=refused, title=title, pages=pages, condition=condition
        )
        attachment.file.save("tai-lieu.pdf", ContentFile(b"%PDF-1.4"), save=False)
        attachment.save()
    refused.refresh_from_db()
    answered.refresh_from_db()
    return {"refusal_notice": refused, "receipt": refused, "reply_letter": answered}


def test_the_page_lists_every_document_it_checks():
    texts = printed_texts()
    assert set(texts) == set(SECTIONS.values())
    assert all(len(found) >= 9 for found in texts.values()), texts


def test_every_field_the_page_lists_is_in_the_printed_pdf(role_users, tmp_path, settings):
    records = _record(tmp_path, settings)
    for code, expected in printed_texts().items():
        text = pdf_text(document_file(DOCUMENTS[code], records[code], None, "pdf"), tmp_path)
        missing = [e for e in expected if e not in text]
        assert not missing, (code, missing, text)

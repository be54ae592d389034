"""An issued document naming a person whose data the retention period removed is no
longer handed out (desk, API): the signed file stays in storage for the archive."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan.doctype.citizen.anonymisation import anonymise_citizen
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import IssuedDocument
from tiep_cong_dan.print_format.service import DocumentWithheld, document_file

from ..api.test_api import client_for


def test_a_signed_letter_to_an_anonymised_person_is_withheld(
    role_users, placed_petitions, login, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    petition = placed_petitions["kylua"]
    Petition.objects.filter(pk=petition.pk).update(
        refusal_ground="law_9_3",
        refusal_notice_number="07/TB-BTCD",
        refusal_notice_date=datetime.date(2026, 3, 10),
    )
    petition.refresh_from_db()
    spec, board = DOCUMENTS["refusal_notice"], role_users["canbo"]
    signed = document_file(spec, petition, board, "docx")  # issued: frozen on first read
    assert IssuedDocument.objects.filter(doctype="refusal_notice").count() == 1
    anonymise_citizen(petition.citizen)
    petition = Petition.objects.select_related("citizen").get(pk=petition.pk)
    with pytest.raises(DocumentWithheld):
        document_file(spec, petition, board, "docx")
    api = client_for(board).get(f"/api/v1/documents/refusal_notice/{petition.pk}/docx/")
    assert api.status_code == 410 and api.json()["code"] == "document_unavailable"
    assert "thời hạn lưu giữ" in api.json()["message"]
    url = reverse("admin:tiep_cong_dan_document", args=["refusal_notice", petition.pk, "docx"])
    desk = login("canbo").get(url, follow=True)
    assert desk.redirect_chain and "thời hạn lưu giữ" in desk.content.decode()
    kept = IssuedDocument.objects.get(doctype="refusal_notice")
    with kept.file.open("rb") as fh:
        assert fh.read() == signed  # the archive's copy is untouched

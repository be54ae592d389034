"""The Result Notice's extract from the lookup: this petition's conclusion only, by a
short-lived signed link, ended by a new code."""

import re

import pytest
from django.core import signing
from tiep_cong_dan.doctype.petition.lookup_code import reissue_lookup_code
from tiep_cong_dan.public import lookup

from ..print_format.conftest import pdf_text
from .conftest import DENUNCIATION_CONCLUSION, OTHER_CONCLUSION, OWN_CONCLUSION
from .test_lookup import ask


def _extract_url(client, case) -> str:
    body = ask(client, case.petition.registration_number, case.code).content.decode()
    return re.search(r'href="(/tra-cuu/trich-thong-bao/[^"]+)"', body).group(1)


@pytest.mark.django_db
def test_the_timeline_reaches_the_notice_and_the_tasks(client, concluded):
    own = concluded["own"]
    body = ask(client, own.petition.registration_number, own.code).content.decode()
    assert "Công dân đã được tiếp" in body
    assert f"Thông báo kết quả tiếp công dân số {concluded['notice'].number}" in body
    assert "27/03/2026" in body
    assert "Sở Nông nghiệp và Môi trường: đang thực hiện" in body
    assert "Tải bản trích (PDF)" in body
    assert "Sở Xây dựng" not in body  # the other case's task


@pytest.mark.django_db
def test_the_extract_holds_this_conclusion_only(client, concluded, tmp_path):
    url = _extract_url(client, concluded["own"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = pdf_text(response.content, tmp_path)
    assert " ".join(OWN_CONCLUSION.split()) in text
    assert concluded["notice"].number in text
    assert OTHER_CONCLUSION not in text and "Kỳ Lừa" not in text
    assert DENUNCIATION_CONCLUSION not in text
    # Logged as a read of the petitioner's data, without the link's token.
    from tiep_cong_dan.access.models import ConfidentialAccess

    entry = ConfidentialAccess.objects.latest("pk")
    assert entry.object_ids == str(concluded["own"].petition.citizen_id)
    assert entry.path == "/tra-cuu/trich-thong-bao/"
    assert "Nông Thị Bích" not in text and "Lương Văn Cường" not in text


@pytest.mark.django_db
def test_the_link_expires(client, concluded, monkeypatch):
    url = _extract_url(client, concluded["own"])
    monkeypatch.setattr(lookup, "EXTRACT_LINK_SECONDS", -1)
    expired = client.get(url)
    assert expired.status_code == 410
    assert "hết hạn" in expired.content.decode()


@pytest.mark.django_db
def test_a_forged_or_altered_link_opens_nothing(client, concluded):
    url = _extract_url(client, concluded["own"])
    assert client.get(url[:-3] + "xyz/").status_code == 410
    other = concluded["other"].petition.conclusions.get()
    forged = signing.dumps({"c": other.pk, "d": "0" * 16}, salt="another")
    assert client.get(f"/tra-cuu/trich-thong-bao/{forged}/").status_code == 410


@pytest.mark.django_db
def test_a_new_code_ends_the_links_given_under_the_old(client, concluded, role_users):
    url = _extract_url(client, concluded["own"])
    reissue_lookup_code(concluded["own"].petition, by=role_users["canbo"])
    assert client.get(url).status_code == 410


@pytest.mark.django_db
def test_a_denunciation_has_no_extract_link(client, concluded):
    case = concluded["denunciation"]
    conclusion = case.petition.conclusions.get()
    token = signing.dumps(
        {"c": conclusion.pk, "d": case.petition.lookup_code_digest[:16]}, salt=lookup.EXTRACT_SALT
    )
    assert client.get(f"/tra-cuu/trich-thong-bao/{token}/").status_code == 410

"""Documents through the API are the desk's copies: the same rule chooses the copy,
the same frozen file is served, out-of-scope readers get "not found"."""

import pytest
from django.urls import reverse
from tiep_cong_dan.print_format.models import IssuedDocument, PrintFormat

from ..print_format.conftest import PLACED_NAMES, notice_of_placed_cases, pdf_text
from .test_api import client_for


@pytest.fixture
def placed_notice(role_users, placed_petitions, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return notice_of_placed_cases(placed_petitions, role_users)


def test_a_commune_reads_its_extract_of_the_notice_through_the_api(
    role_users, placed_notice, login, tmp_path
):
    path = f"/api/v1/documents/result_notice/{placed_notice.pk}/pdf/"
    commune = client_for(role_users["xa_dongkinh"]).get(path)
    assert commune.status_code == 200
    text = pdf_text(commune.content, tmp_path)
    assert PLACED_NAMES["dongkinh"] in text and PLACED_NAMES["old_era"] in text
    for key in ("kylua", "dongkinh_tc", "locbinh_old"):
        assert PLACED_NAMES[key] not in text, key
    again = client_for(role_users["xa_dongkinh"]).get(path)
    assert again.content == commune.content
    desk = login("xa_dongkinh").get(
        reverse("admin:tiep_cong_dan_document", args=["result_notice", placed_notice.pk, "pdf"])
    )
    assert desk.content == commune.content  # one frozen extract, whichever path
    variants = set(
        IssuedDocument.objects.filter(
            doctype="result_notice", object_id=placed_notice.pk
        ).values_list("variant", flat=True)
    )
    # the signed full copy frozen on issue, and the commune's extract
    assert "full" in variants
    (variant,) = variants - {"full"}
    assert variant.startswith("x")
    assert client_for(role_users["kythuat"]).get(path).status_code == 404


def test_a_broken_print_format_is_a_clear_refusal_not_a_server_error(role_users, placed_petitions):
    PrintFormat.objects.filter(code="receipt").update(template="{{ {}[person.name] }}")
    petition = placed_petitions["dongkinh"]
    response = client_for(role_users["canbo"]).get(f"/api/v1/documents/receipt/{petition.pk}/pdf/")
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "print_format_error"
    assert "receipt.html, dòng 1" in body["message"]
    assert PLACED_NAMES["dongkinh"] not in body["message"]

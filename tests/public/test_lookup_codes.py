"""Issuing the code: at registration (digest only kept, SMS sent after commit), again
by the Board (the old code stops working), printed on the receipt 02/TCD."""

import pytest
from django.urls import reverse
from tiep_cong_dan.core.lookup_codes import code_matches, shown
from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway
from tiep_cong_dan.doctype.petition.lookup_code import reissue_lookup_code
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..print_format.conftest import pdf_text
from .test_lookup import ask


@pytest.mark.django_db(transaction=True)
def test_registration_issues_a_code_and_sends_it(master_data, settings):
    from ..conftest import make_citizen, make_petition, new_unit

    settings.TCD_SMS_GATEWAY = "tiep_cong_dan.doctype.notification.sms.MemorySmsGateway"
    MemorySmsGateway.outbox.clear()
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000201"))
    code = petition.issued_lookup_code
    stored = Petition.objects.get(pk=petition.pk).lookup_code_digest
    assert len(stored) == 64 and code not in stored
    assert code_matches(code, stored)
    (sms,) = MemorySmsGateway.outbox
    assert sms["to"] == "0912345678"
    assert shown(code) in sms["text"] and petition.registration_number in sms["text"]
    assert "Hoàng Văn An" not in sms["text"]


@pytest.mark.django_db
def test_reissuing_a_code_ends_the_old_one(client, cases, role_users):
    own = cases["own"]
    old = own.code
    new = reissue_lookup_code(own.petition, by=role_users["canbo"])
    number = own.petition.registration_number
    assert (
        "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" not in ask(client, number, old).content.decode()
    )
    assert "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" in ask(client, number, new).content.decode()
    event = WorkflowEvent.objects.filter(
        object_id=own.petition.pk, action="reissue_lookup_code"
    ).get()
    assert (
        event.actor == role_users["canbo"] and new not in event.comment and old not in event.comment
    )


@pytest.mark.django_db
def test_desk_reissues_shows_once_and_prints_the_receipt(client, login, cases, tmp_path):
    own = cases["own"].petition
    login("canbo")
    page_url = reverse("admin:tiep_cong_dan_petition_change", args=[own.pk])
    reissue_url = reverse("admin:tiep_cong_dan_petition_reissue_lookup_code", args=[own.pk])
    assert "Cấp lại mã tra cứu" in client.get(page_url).content.decode()
    assert client.get(reissue_url).status_code == 200
    response = client.post(reissue_url)
    assert response.status_code == 302 and response.url == page_url
    shown_once = client.get(page_url).content.decode()
    assert "Mã tra cứu của công dân" in shown_once
    import re

    code = re.search(r'name="code" value="([A-Z0-9]{8})"', shown_once).group(1)
    assert code_matches(code, Petition.objects.get(pk=own.pk).lookup_code_digest)
    assert "Mã tra cứu của công dân" not in client.get(page_url).content.decode()
    receipt_url = reverse("admin:tiep_cong_dan_petition_receipt_with_code", args=[own.pk])
    pdf = client.post(receipt_url, {"code": code})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content, tmp_path)
    assert shown(code) in text and "GIẤY BIÊN NHẬN" in text
    # A code that is not the current one is not printed.
    refused = client.post(receipt_url, {"code": "ZZZZZZZZ"})
    assert refused.status_code == 302
    # The ordinary receipt prints no code.
    plain = client.get(reverse("admin:tiep_cong_dan_document", args=["receipt", own.pk, "pdf"]))
    assert "Mã tra cứu" not in pdf_text(plain.content, tmp_path)


@pytest.mark.django_db
def test_only_the_board_reissues(client, login, cases):
    own = cases["own"].petition
    url = reverse("admin:tiep_cong_dan_petition_reissue_lookup_code", args=[own.pk])
    before = Petition.objects.get(pk=own.pk).lookup_code_digest
    for username in ("chutich", "xa_dongkinh"):
        login(username)
        assert client.post(url).status_code in (403, 404)
    assert Petition.objects.get(pk=own.pk).lookup_code_digest == before


@pytest.mark.django_db
def test_desk_registration_shows_the_code_once(client, login, role_users):
    from ..conftest import make_citizen, new_unit

    login("canbo")
    dk = new_unit("05977")
    citizen = make_citizen(dk, "Hoàng Văn An", "020090000301")
    from ..doctype.petition.test_duplicates import _form

    response = client.post(reverse("admin:tiep_cong_dan_petition_add"), _form(citizen, dk))
    assert response.status_code == 302
    petition = Petition.objects.get(citizen=citizen)
    assert petition.lookup_code_digest
    page = client.get(
        response.url
        if "/change/" in response.url
        else reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])
    )
    assert "Mã tra cứu của công dân" in page.content.decode()


@pytest.mark.django_db
def test_the_code_is_not_in_the_api(cases, role_users):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(role_users["canbo"])
    own = cases["own"].petition
    body = api.get(f"/api/v1/petitions/{own.pk}/").content.decode()
    assert "lookup_code" not in body and own.lookup_code_digest not in body

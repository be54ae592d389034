"""The API's signature check: POST a PDF (multipart) for its JSON verification, GET a
number for its stored issues; bad input answers 400 with its own code."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from ....api.test_api import client_for
from .pki import plain_pdf

URL = "/api/v1/signature-checks/"
pytestmark = pytest.mark.django_db


def _post(client, data: bytes):
    return client.post(
        URL, {"file": SimpleUploadedFile("a.pdf", data, "application/pdf")}, format="multipart"
    )


def test_a_posted_pdf_gets_its_verification(role_users, signed_pdf):
    response = _post(client_for(role_users["canbo"]), signed_pdf)
    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "valid"
    (sig,) = body["signatures"]
    assert sig["signer_name"] == "Nguyễn Văn Chủ Tịch" and sig["whole_document"] is True
    assert sig["pades_level"] == "B-T" and sig["time_from_timestamp"] is True


def test_a_tampered_pdf_answers_with_the_reason(role_users, signed_pdf):
    at = signed_pdf.index(b"Thong bao")
    response = _post(client_for(role_users["canbo"]), signed_pdf[:at] + b"Y" + signed_pdf[at + 1 :])
    body = response.json()
    assert response.status_code == 200 and body["verdict"] == "invalid"
    assert body["signatures"][0]["problems"][0]["code"] == "tampered"
    assert "Văn bản đã bị thay đổi sau khi ký" in body["signatures"][0]["problems"][0]["message"]


def test_bad_input_is_refused_with_a_code(role_users, settings):
    client = client_for(role_users["canbo"])
    missing = client.post(URL, {}, format="multipart")
    assert (missing.status_code, missing.json()["code"]) == (400, "no_file")
    not_pdf = _post(client, b"just text")
    assert (not_pdf.status_code, not_pdf.json()["code"]) == (400, "not_pdf")
    assert not_pdf.json()["message"] == "Tệp không phải là văn bản PDF."
    damaged = _post(client, b"%PDF-1.4\nbroken")
    assert (damaged.status_code, damaged.json()["code"]) == (400, "unreadable")
    unsigned = _post(client, plain_pdf())
    assert unsigned.status_code == 200 and unsigned.json()["verdict"] == "unsigned"
    assert unsigned.json()["problems"][0]["code"] == "no_signatures"
    settings.TCD_SIGNATURE_CHECK_MAX_BYTES = 1024
    large = _post(client, b"%PDF-1.7\n" + b"0" * 4096)
    assert (large.status_code, large.json()["code"]) == (400, "file_too_large")
    assert client.get(URL).json()["code"] == "number_missing"
    assert client.get(URL, {"number": "9" * 61}).json()["code"] == "number_too_long"
    unknown = client.get(URL, {"number": "999/TB-UBND"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")


def test_a_number_gives_publishable_facts_only(role_users, signed_notice):
    response = client_for(role_users["so_nnmt"]).get(URL, {"number": signed_notice.number})
    assert response.status_code == 200
    (doc,) = response.json()["documents"]
    assert doc["number"] == signed_notice.number and doc["file_found"] is True
    assert doc["verification"]["verdict"] == "valid"
    assert "Hoàng Văn An" not in response.content.decode()


def test_it_needs_a_token_and_is_in_the_schema(signed_pdf):
    assert _post(APIClient(), signed_pdf).status_code == 401
    paths = APIClient().get("/api/v1/schema/?format=json").json()["paths"]
    assert set(paths[URL]) >= {"get", "post"}

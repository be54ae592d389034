"""The desk page of the national export: a button above the petition list, a period
and a format, then the file, for every role that may see petitions (each within their
scope), refused to the others; a bad period is explained, never a server error."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess

from ..access.test_permission_matrix import ALL
from .test_command import vietnamese

URL = reverse("admin:tiep_cong_dan_petition_national_export")
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}
ALLOWED = sorted(ALL - {"kythuat"})  # every role that sees petitions


def test_the_petition_list_shows_the_button(login):
    page = login("canbo").get(reverse("admin:tiep_cong_dan_petition_changelist"))
    assert page.status_code == 200 and f'href="{URL}"' in page.content.decode()


@pytest.mark.parametrize("username", ALLOWED)
def test_the_page_opens_for_those_who_see_petitions(login, username):
    page = login(username).get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="start"' in text and 'value="json"' in text and 'value="csv"' in text


def test_the_page_is_refused_to_a_technician(login):
    assert login("kythuat").get(URL).status_code == 403
    assert login("kythuat").get(URL, {**MARCH, "fmt": "json"}).status_code == 403


def test_a_board_officer_downloads_json_and_csv(march, login):
    client = login("canbo")
    response = client.get(URL, {**MARCH, "fmt": "json"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        'attachment; filename="tcd-quoc-gia-20260301-20260331.json"'
    )
    assert json.loads(response.content)["header"]["record_count"] == 4
    # The denouncer's identity, from the desk: the page and the address are logged.
    entry = ConfidentialAccess.objects.get(kind=AccessKind.CONFIDENTIAL)
    assert entry.object_ids == str(march["dongkinh_tc"].citizen_id)
    assert entry.path.startswith(URL) and entry.ip_address == "127.0.0.1"
    response = client.get(URL, {**MARCH, "fmt": "csv"})
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('20260331.zip"')
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("manifest.json"))
    assert manifest["files"]["petitions.csv"] == 4


def test_a_commune_officer_downloads_their_commune_masked(march, login):
    response = login("xa_dongkinh").get(URL, {**MARCH, "fmt": "json"})
    records = json.loads(response.content)["records"]
    assert len(records) == 3
    assert march["kylua"].registration_number not in response.content.decode()
    assert "Lương Văn Cường" not in response.content.decode()
    assert not ConfidentialAccess.objects.filter(kind=AccessKind.CONFIDENTIAL).exists()


@pytest.mark.parametrize(
    "params, message",
    [
        (
            {"start": "2026-03-31", "end": "2026-03-01", "fmt": "json"},
            "Thời gian kết thúc trước thời gian bắt đầu.",
        ),
        (
            {"start": "2025-01-01", "end": "2026-03-31", "fmt": "csv"},
            vietnamese("Export at most one year at a time."),
        ),
        (
            {"start": "0001-01-01", "end": "0001-12-31", "fmt": "json"},
            vietnamese("The period starts before 2000."),
        ),
        ({**MARCH, "fmt": "xml"}, vietnamese("Choose JSON or CSV.")),
        ({"start": "2026-02-30", "end": "2026-03-31", "fmt": "json"}, "Nhập một ngày hợp lệ."),
    ],
)
def test_a_bad_request_is_explained_on_the_page(login, params, message):
    response = login("canbo").get(URL, params)
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert message in response.content.decode()

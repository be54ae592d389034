"""A print view that cannot hand out its file sends the reader back where they came
from, only if that is a page of this site: the Referer header is whatever was sent."""

import pytest
from django.urls import reverse
from tiep_cong_dan.print_format.models import PrintFormat

OUTSIDE = [
    "https://evil.example/phish",
    "//evil.example/phish",
    "http://testserver.evil.example/desk/",
    "javascript:alert(1)",
    "https:///evil.example/phish",
]


@pytest.mark.parametrize("referer", OUTSIDE)
def test_a_referer_elsewhere_is_not_followed(login, letters, referer):
    PrintFormat.objects.filter(code="receipt").update(template="{% if %}")
    url = reverse("admin:tiep_cong_dan_document", args=["receipt", letters["answered"].pk, "pdf"])
    response = login("canbo").get(url, HTTP_REFERER=referer)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_a_referer_on_this_site_is_followed(login, letters):
    PrintFormat.objects.filter(code="receipt").update(template="{% if %}")
    url = reverse("admin:tiep_cong_dan_document", args=["receipt", letters["answered"].pk, "pdf"])
    here = "http://testserver" + reverse("admin:tiep_cong_dan_petition_changelist") + "?q=1"
    response = login("canbo").get(url, HTTP_REFERER=here)
    assert response["Location"] == here


def test_the_session_invitations_go_back_to_the_session_not_elsewhere(login, announced):
    announced.invitations.all().delete()
    url = reverse("admin:tiep_cong_dan_session_invitations", args=[announced.pk])
    response = login("canbo").get(url, HTTP_REFERER="https://evil.example/")
    assert response["Location"] == reverse(
        "admin:tiep_cong_dan_receptionsession_change", args=[announced.pk]
    )


def test_a_missing_frozen_file_goes_back_to_the_site_only(login, letters, settings, tmp_path):
    from tiep_cong_dan.print_format.models import IssuedDocument

    settings.MEDIA_ROOT = str(tmp_path / "media")
    client = login("canbo")
    url = reverse(
        "admin:tiep_cong_dan_document", args=["reply_letter", letters["answered"].pk, "pdf"]
    )
    assert client.get(url).status_code == 200  # issued: frozen now
    stored = IssuedDocument.objects.get(doctype="reply_letter", fmt="pdf")
    stored.file.storage.delete(stored.file.name)
    response = client.get(url, HTTP_REFERER="https://evil.example/")
    assert response["Location"] == reverse("admin:index")

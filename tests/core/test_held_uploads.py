"""A file chosen on a desk form refused for another reason is kept on the server
(issue 19): the form is sent again without choosing it, and the file is saved; only
its uploader can use it, a file refused by its own checks is not kept, and the
hourly clean-up deletes what an abandoned form kept."""

import datetime
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.core.held_uploads import purge
from tiep_cong_dan.core.models import HeldUpload
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment

from ..conftest import make_citizen, new_unit, sign_in
from ..doctype.petition.test_petition_desk import URL, _form
from .test_uploads import PDF

TOKEN = re.compile(r'name="attachments-0-file__held" value="([^"]+)"')


def _with_attachment(citizen, unit, **extra):
    return _form(
        citizen,
        unit,
        **{
            "attachments-TOTAL_FORMS": 1,
            "attachments-0-title": "Bản sao quyết định thu hồi đất",
            **extra,
        },
    )


def test_the_file_is_kept_when_the_form_is_refused_and_saved_on_the_next_post(client, role_users):
    unit = new_unit("05977")
    citizen = make_citizen(unit, "Hoàng Văn A", "020090000701")
    sign_in(client, "canbo")
    # given a form refused for its summary, with a file chosen
    refused = client.post(
        reverse(URL),
        _with_attachment(
            citizen, unit, summary="", **{"attachments-0-file": SimpleUploadedFile("qd.pdf", PDF)}
        ),
    )
    assert refused.status_code == 200 and not Petition.objects.exists()
    page = refused.content.decode()
    token = TOKEN.search(page).group(1)
    assert "qd.pdf" in page and "Không cần chọn lại" in page
    held = HeldUpload.objects.get(token=token)
    assert held.owner == role_users["canbo"] and held.original_name == "qd.pdf"
    # when it is sent again, corrected, with the token and no file
    saved = client.post(
        reverse(URL), _with_attachment(citizen, unit, **{"attachments-0-file__held": token})
    )
    # then the file is saved with the petition, and the kept copy is gone
    assert saved.status_code == 302
    attachment = PetitionAttachment.objects.get()
    assert attachment.original_name == "qd.pdf" and attachment.size == len(PDF)
    with attachment.file.open("rb") as fh:
        assert fh.read() == PDF
    assert not HeldUpload.objects.exists()
    assert not held.file.storage.exists(held.file.name)


def test_a_kept_file_is_its_uploaders_only(client, role_users):
    unit = new_unit("05977")
    citizen = make_citizen(unit, "Hoàng Văn A", "020090000701")
    sign_in(client, "canbo")
    refused = client.post(
        reverse(URL),
        _with_attachment(
            citizen, unit, summary="", **{"attachments-0-file": SimpleUploadedFile("qd.pdf", PDF)}
        ),
    )
    token = TOKEN.search(refused.content.decode()).group(1)
    client.logout()
    sign_in(client, "truongban")
    other = client.post(
        reverse(URL), _with_attachment(citizen, unit, **{"attachments-0-file__held": token})
    )
    assert other.status_code == 200  # the file is missing: as if none had been chosen
    assert not Petition.objects.exists() and not PetitionAttachment.objects.exists()
    assert HeldUpload.objects.filter(token=token).exists()


def test_a_file_refused_by_its_own_checks_is_not_kept(client, role_users):
    unit = new_unit("05977")
    citizen = make_citizen(unit, "Hoàng Văn A", "020090000701")
    sign_in(client, "canbo")
    bad = SimpleUploadedFile("qd.pdf", b"<html><script>alert(1)</script></html>")
    refused = client.post(
        reverse(URL), _with_attachment(citizen, unit, **{"attachments-0-file": bad})
    )
    assert refused.status_code == 200
    assert not TOKEN.search(refused.content.decode()) and not HeldUpload.objects.exists()


def test_what_an_abandoned_form_kept_is_deleted_after_a_day(client, role_users):
    unit = new_unit("05977")
    citizen = make_citizen(unit, "Hoàng Văn A", "020090000701")
    sign_in(client, "canbo")
    client.post(
        reverse(URL),
        _with_attachment(
            citizen, unit, summary="", **{"attachments-0-file": SimpleUploadedFile("qd.pdf", PDF)}
        ),
    )
    held = HeldUpload.objects.get()
    assert purge() == 0
    assert purge(timezone.now() + datetime.timedelta(days=1, minutes=1)) == 1
    assert not HeldUpload.objects.exists()
    assert not held.file.storage.exists(held.file.name)

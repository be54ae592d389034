"""Signature and seal images in the desk: a signer uploads their own, the Board head and
administrators anyone's and the seals; an upload that is not a transparent PNG is
refused with the reason. And the PIN box on the issue step, only for a device that
asks for one."""

import io

import pytest
from django.urls import reverse
from PIL import Image
from tiep_cong_dan.print_format.signing.constants import IssuingBody
from tiep_cong_dan.print_format.signing.demo import seal_png, signature_png
from tiep_cong_dan.print_format.signing.models import SealImage, SignatureImage

from ...conftest import sign_in

ADD_SIGNATURE = "admin:tiep_cong_dan_signatureimage_add"
ADD_SEAL = "admin:tiep_cong_dan_sealimage_add"


def _upload(data: bytes, name: str = "chu-ky.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/png")


def _opaque_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 80), (255, 255, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_signer_uploads_their_own_signature_image(client, role_users):
    sign_in(client, "chutich")
    response = client.post(
        reverse(ADD_SIGNATURE),
        {"user": role_users["chutich"].pk, "upload": _upload(signature_png("chutich"))},
    )
    assert response.status_code == 302
    image = SignatureImage.objects.get(user=role_users["chutich"])
    assert bytes(image.png).startswith(b"\x89PNG")
    assert image.uploaded_by == role_users["chutich"]


def test_a_signer_cannot_upload_someone_elses_image(client, role_users):
    sign_in(client, "chutich")
    response = client.post(
        reverse(ADD_SIGNATURE),
        {"user": role_users["truongban"].pk, "upload": _upload(signature_png("x"))},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not SignatureImage.objects.exists()


def test_the_board_head_uploads_for_a_signer(client, role_users):
    sign_in(client, "truongban")
    response = client.post(
        reverse(ADD_SIGNATURE),
        {"user": role_users["chutich"].pk, "upload": _upload(signature_png("chutich"))},
    )
    assert response.status_code == 302
    assert SignatureImage.objects.get().uploaded_by == role_users["truongban"]


def test_an_image_without_transparency_is_refused_with_the_reason(client, role_users):
    sign_in(client, "truongban")
    response = client.post(
        reverse(ADD_SIGNATURE), {"user": role_users["chutich"].pk, "upload": _upload(_opaque_png())}
    )
    assert "Ảnh phải có nền trong suốt" in response.content.decode()
    response = client.post(
        reverse(ADD_SIGNATURE),
        {"user": role_users["chutich"].pk, "upload": _upload(b"GIF89a not a png")},
    )
    assert "Tệp không phải ảnh PNG." in response.content.decode()
    assert not SignatureImage.objects.exists()


@pytest.mark.parametrize(
    ("username", "allowed"),
    [("truongban", True), ("quantri", True), ("canbo", False), ("chutich", False)],
)
def test_only_the_board_head_and_administrators_upload_seals(client, role_users, username, allowed):
    sign_in(client, username)
    response = client.post(
        reverse(ADD_SEAL), {"body": IssuingBody.COMMITTEE, "upload": _upload(seal_png("UBND"))}
    )
    assert (response.status_code == 302) is allowed
    assert SealImage.objects.filter(body=IssuingBody.COMMITTEE).exists() is allowed
    if not allowed:
        assert response.status_code == 403


def test_the_pin_box_shows_only_for_a_device_that_asks(
    client, role_users, submitted_notice, settings
):
    sign_in(client, "chutich")
    url = reverse("admin:tiep_cong_dan_resultnotice_change", args=[submitted_notice.pk])
    assert 'name="signing_pin"' not in client.get(url).content.decode()
    settings.TCD_SIGNING_BACKEND = "pkcs11"
    assert 'name="signing_pin"' in client.get(url).content.decode()

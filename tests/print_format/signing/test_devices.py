"""The other signing devices: a PKCS#11 token (SoftHSM, a software token, holding the
demo Chairman's key) and a remote signing service (a local fake of the Cloud Signature
Consortium API, fake_csc.py). Wrong PINs and unreachable devices get their messages and
leave the notice unissued."""

import datetime
import os
import shutil
import subprocess

import pytest
from tiep_cong_dan import workflow
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import IssuedDocument
from tiep_cong_dan.print_format.signing.service import signatures_of, signed_document
from tiep_cong_dan.workflow.engine import TransitionRefused

from ...workflow.helpers import at
from .fake_csc import FakeCscService

SPEC = DOCUMENTS["result_notice"]
SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "246810"


def issue(notice, user, pin):
    return workflow.apply(
        notice, "issue", by=user, at=at(datetime.date(2026, 3, 20)), data={"pin": pin}
    )


def _unissued(notice) -> bool:
    notice.refresh_from_db()
    return (
        notice.state == "submitted"
        and not notice.number
        and not IssuedDocument.objects.filter(doctype="result_notice", object_id=notice.pk).exists()
    )


# -- PKCS#11 --------------------------------------------------------------------------
@pytest.fixture
def softhsm_token(pki, tmp_path, settings, monkeypatch):
    """A SoftHSM token "TCD-TEST" in a folder of its own with the Chairman's demo key
    and certificate under the label "chutich"."""
    if shutil.which("softhsm2-util") is None or not os.path.exists(SOFTHSM_MODULE):
        pytest.skip("softhsm2-util (the SoftHSM package) is not installed on this machine")
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    util = ["softhsm2-util"]
    subprocess.run(
        [
            *util,
            "--init-token",
            "--free",
            "--label",
            "TCD-TEST",
            "--pin",
            PIN,
            "--so-pin",
            "12345678",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *util,
            "--import",
            str(pki / "chutich.key.pem"),
            "--token",
            "TCD-TEST",
            "--label",
            "chutich",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
    )
    import pkcs11
    from asn1crypto import core
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from pkcs11 import Attribute, CertificateType, ObjectClass

    cert = x509.load_pem_x509_certificate((pki / "chutich.cert.pem").read_bytes())
    token = pkcs11.lib(SOFTHSM_MODULE).get_token(token_label="TCD-TEST")
    with token.open(rw=True, user_pin=PIN) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "chutich",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.ISSUER: cert.issuer.public_bytes(),
                Attribute.SERIAL_NUMBER: core.Integer(cert.serial_number).dump(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )
    settings.TCD_SIGNING_BACKEND = "pkcs11"
    settings.TCD_SIGNING_PKCS11_MODULE = SOFTHSM_MODULE
    settings.TCD_SIGNING_PKCS11_TOKEN_LABEL = "TCD-TEST"
    settings.TCD_SIGNING_PKCS11_KEY_LABEL = ""
    return token


def test_the_chairman_signs_with_his_token(softhsm_token, submitted_notice, role_users):
    issue(submitted_notice, role_users["chutich"], PIN)

    [signature] = signatures_of(signed_document(SPEC, submitted_notice))
    assert signature.device == "pkcs11"
    assert signature.validation["bottom_line"] is True


def test_a_wrong_token_pin_is_named_and_nothing_is_issued(
    softhsm_token, submitted_notice, role_users
):
    with pytest.raises(TransitionRefused) as refused:
        issue(submitted_notice, role_users["chutich"], "000000")
    assert refused.value.code == "wrong_pin"
    assert "Mã PIN của thiết bị ký số không đúng" in str(refused.value)
    assert _unissued(submitted_notice)


def test_a_token_that_is_not_plugged_in(softhsm_token, submitted_notice, role_users, settings):
    settings.TCD_SIGNING_PKCS11_TOKEN_LABEL = "ANOTHER-TOKEN"
    with pytest.raises(TransitionRefused) as refused:
        issue(submitted_notice, role_users["chutich"], PIN)
    assert refused.value.code == "token_unreachable"
    assert _unissued(submitted_notice)


# -- remote signing (CSC) -------------------------------------------------------------
@pytest.fixture
def csc_service(pki, settings):
    service = FakeCscService(pki, pin=PIN)
    settings.TCD_SIGNING_BACKEND = "csc"
    settings.TCD_SIGNING_CSC_URL = service.start()
    settings.TCD_SIGNING_CSC_TOKEN = service.token
    settings.TCD_SIGNING_CSC_CREDENTIAL = ""
    settings.TCD_SIGNING_CSC_TIMEOUT = 10
    yield service
    service.stop()


def test_the_chairman_signs_through_the_remote_service(csc_service, submitted_notice, role_users):
    issue(submitted_notice, role_users["chutich"], PIN)

    [signature] = signatures_of(signed_document(SPEC, submitted_notice))
    assert signature.device == "csc"
    assert signature.validation["bottom_line"] is True
    assert csc_service.calls == [
        "credentials/info",
        "credentials/authorize",
        "signatures/signHash",
    ]


def test_a_wrong_pin_at_the_remote_service(csc_service, submitted_notice, role_users):
    with pytest.raises(TransitionRefused) as refused:
        issue(submitted_notice, role_users["chutich"], "111111")
    assert refused.value.code == "wrong_pin"
    assert _unissued(submitted_notice)


def test_an_unreachable_remote_service(submitted_notice, role_users, settings):
    settings.TCD_SIGNING_BACKEND = "csc"
    settings.TCD_SIGNING_CSC_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    settings.TCD_SIGNING_CSC_TIMEOUT = 3
    with pytest.raises(TransitionRefused) as refused:
        issue(submitted_notice, role_users["chutich"], PIN)
    assert refused.value.code == "service_unreachable"
    assert "Không kết nối được" in str(refused.value)
    assert _unissued(submitted_notice)

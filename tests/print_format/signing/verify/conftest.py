"""The test PKI once per session, the site's trusted roots pointed at its root, and an
issued Result Notice whose stored PDF was signed by the Chairman's test certificate."""

import hashlib
import shutil

import pytest
from django.core.files.base import ContentFile
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import IssuedDocument
from tiep_cong_dan.print_format.service import document_file

from .pki import TestPki, make_pki, plain_pdf, sign_pdf


@pytest.fixture(scope="session")
def pki() -> TestPki:
    return make_pki()


@pytest.fixture(scope="session")
def signed_pdf(pki) -> bytes:
    return sign_pdf(plain_pdf(), pki.signer, timestamper=pki.timestamper())


@pytest.fixture(autouse=True)
def demo_signing(settings, demo_pki_dir, tmp_path):
    """Issuing signs with the demo PKI (as on a demo site): the notices these tests
    issue are signed by it; the test PKI's roots are trusted beside its own."""
    folder = tmp_path / "demo-pki"
    shutil.copytree(demo_pki_dir, folder)
    settings.TCD_SIGNING_PKI_DIR = folder
    settings.TCD_SIGNING_DEMO_PKI = True
    settings.TCD_SIGNING_BACKEND = "software"
    settings.TCD_SIGNING_USER_BACKENDS = {}
    settings.TCD_SIGNING_TSA_URL = ""
    return folder


@pytest.fixture(autouse=True)
def trusted_roots(pki, settings, tmp_path, demo_signing):
    settings.TCD_SIGNING_TRUST_ROOTS = [
        *pki.roots_pem(tmp_path),
        str(demo_signing / "root-ca.cert.pem"),
    ]
    return settings.TCD_SIGNING_TRUST_ROOTS


def store_signed(notice, who, pki) -> IssuedDocument:
    """The notice's frozen full copy, replaced by the same file signed by `who`, as
    issuing a signed document stores it."""
    document_file(DOCUMENTS["result_notice"], notice, None, "pdf")
    doc = IssuedDocument.objects.get(doctype="result_notice", object_id=notice.pk, variant="full")
    with doc.file.open("rb") as fh:
        data = sign_pdf(fh.read(), who, timestamper=pki.timestamper())
    name = doc.file.name.rsplit("/", 1)[-1]
    doc.file.delete(save=False)
    doc.file.save(name, ContentFile(data), save=False)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.save()
    return doc


@pytest.fixture
def signed_notice(notice, pki):
    store_signed(notice, pki.signer, pki)
    return notice

"""The demo PKI in a folder of its own for these tests (made once per run), the trusted
root pointing at it, and a result notice waiting for the Chairman's signature."""

import shutil

import pytest
from tiep_cong_dan.print_format.signing.pki import ensure_demo_pki

from ...conftest import make_citizen, make_petition, new_unit
from ..conftest import submitted_notice_of


@pytest.fixture(scope="session")
def demo_pki_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pki-demo")
    ensure_demo_pki(folder)
    return folder


@pytest.fixture(autouse=True)
def pki(settings, demo_pki_dir, tmp_path):
    """A copy of the demo PKI per test (a test may add or spoil a key)."""
    folder = tmp_path / "pki"
    shutil.copytree(demo_pki_dir, folder)
    settings.TCD_SIGNING_PKI_DIR = folder
    settings.TCD_SIGNING_TRUST_ROOTS = [str(folder / "root-ca.cert.pem")]
    settings.TCD_SIGNING_DEMO_PKI = True
    settings.TCD_SIGNING_BACKEND = "software"
    settings.TCD_SIGNING_USER_BACKENDS = {}
    settings.TCD_SIGNING_TSA_URL = ""
    return folder


@pytest.fixture
def submitted_notice(role_users):
    """A result notice of a held session, submitted to the Chairman (not yet issued)."""
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    return submitted_notice_of([petition], role_users)

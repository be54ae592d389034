"""The demo's timestamp authority: pyHanko's in-process DummyTimeStamper with the demo
TSA's key and certificate (pki.py). For the demo and the tests only; a site sets
TCD_SIGNING_TSA_URL to a real RFC 3161 authority. Made once per process per PKI
folder, its key loaded once: loading an RSA key checks it, which costs more than the
stamp itself."""

import datetime
import functools
from pathlib import Path

from asn1crypto import cms, core
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
from pyhanko.sign import general
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from .pki import ROOT, TSA


class DemoTimeStamper(DummyTimeStamper):
    def __init__(self, *args, private_key, **kwargs):
        super().__init__(*args, **kwargs)
        self._private_key = private_key

    def _sign_tst_info(
        self, tst_info_data: bytes, md_algorithm: str, dt: datetime.datetime
    ) -> tuple[bytes, cms.CMSAttributes]:
        # DummyTimeStamper's own, with the key loaded once.
        md = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
        md.update(tst_info_data)
        signed_attrs = cms.CMSAttributes(
            [
                general.simple_cms_attribute("content_type", "tst_info"),
                general.simple_cms_attribute(
                    "signing_time", cms.Time({"utc_time": core.UTCTime(dt)})
                ),
                general.simple_cms_attribute(
                    "signing_certificate", general.as_signing_certificate(self.tsa_cert)
                ),
                general.simple_cms_attribute("message_digest", md.finalize()),
            ]
        )
        signature = self._private_key.sign(
            signed_attrs.dump(), PKCS1v15(), get_pyca_cryptography_hash(md_algorithm.upper())
        )
        return signature, signed_attrs


@functools.cache
def _timestamper(folder: Path, made: float) -> DemoTimeStamper:
    key_file = folder / f"{TSA}.key.pem"
    return DemoTimeStamper(
        tsa_cert=load_cert_from_pemder(str(folder / f"{TSA}.cert.pem")),
        tsa_key=load_private_key_from_pemder(str(key_file), None),
        certs_to_embed=[load_cert_from_pemder(str(folder / f"{ROOT}.cert.pem"))],
        private_key=serialization.load_pem_private_key(key_file.read_bytes(), None),
    )


def demo_timestamper(folder: Path) -> DemoTimeStamper | None:
    key_file = folder / f"{TSA}.key.pem"
    if not key_file.exists():
        return None
    # Keyed by the key file's time too: a PKI made again gets a timestamper of its own.
    return _timestamper(folder, key_file.stat().st_mtime)

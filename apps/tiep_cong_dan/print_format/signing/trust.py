"""The roots a signature must chain to for this site (TCD_SIGNING_TRUST_ROOTS: PEM
files; the demo root by default outside production). Signing checks the signer's
certificate against them before it signs; verification checks stored and uploaded
documents against them."""

from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings


def _certificates(path: Path) -> list[x509.Certificate]:
    data = path.read_bytes()
    if not pem.detect(data):
        return [x509.Certificate.load(data)]
    return [x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True)]


def trusted_roots() -> list[x509.Certificate]:
    """Every certificate in the configured root files; a file that does not exist (the
    demo root before the set-up made it) adds none."""
    roots = []
    for name in settings.TCD_SIGNING_TRUST_ROOTS:
        path = Path(name)
        if path.is_file():
            roots.extend(_certificates(path))
    return roots


def demo_crls() -> list[bytes]:
    """The demo CA's CRL (DER), handed to the validator so revocation is checked and
    embedded (B-LT) without fetching anything."""
    if not settings.TCD_SIGNING_DEMO_PKI:
        return []
    from .pki import CRL

    path = Path(settings.TCD_SIGNING_PKI_DIR) / CRL
    return [path.read_bytes()] if path.is_file() else []

"""A small PKI made for the verification tests (cryptography), and PDFs signed with
pyHanko directly: a trusted root, an intermediate, a signer, a signer whose certificate
expired before it signed, a signer under another (untrusted) root, a second signer
for the organisation's signature, and a timestamp authority (pyHanko's dummy TSA)."""

import datetime
import io
from dataclasses import dataclass, field

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

NOW = datetime.datetime.now(datetime.UTC)
DAY = datetime.timedelta(days=1)


@dataclass
class Issued:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    chain: list = field(default_factory=list)  # the CA certificates above it

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))

    @property
    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        return asn1_keys.PrivateKeyInfo.load(
            self.key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _name(cn: str, org: str = "UBND tỉnh Lạng Sơn", title: str = "") -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if title:
        parts.append(x509.NameAttribute(NameOID.TITLE, title))
    return x509.Name(parts)


def _issue(
    subject: x509.Name,
    issuer: "Issued | None",
    *,
    ca: bool = False,
    start: datetime.datetime = NOW - 30 * DAY,
    end: datetime.datetime = NOW + 365 * DAY,
    eku=None,
    rsa_key: bool = False,
) -> Issued:
    # pyHanko's dummy timestamp authority signs with RSA only.
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if rsa_key
        else ec.generate_private_key(ec.SECP256R1())
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    usage = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    if ca:
        usage.update(key_cert_sign=True, crl_sign=True, digital_signature=True)
    else:
        usage.update(digital_signature=True, content_commitment=True)
    builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    if issuer is not None and not ca:
        # Where its CA's revocation list would be: a verifier checks revocation only for
        # a certificate that names one (never fetched here; a CRL is embedded instead).
        point = x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier("http://crl.test.invalid/ca.crl")],
            relative_name=None,
            reasons=None,
            crl_issuer=None,
        )
        builder = builder.add_extension(x509.CRLDistributionPoints([point]), critical=False)
    cert = builder.sign(issuer.key if issuer else key, hashes.SHA256())
    return Issued(cert, key, [issuer, *issuer.chain] if issuer else [])


@dataclass
class TestPki:
    root: Issued
    intermediate: Issued
    signer: Issued
    organisation: Issued
    expired: Issued
    tsa: Issued
    other_root: Issued
    stranger: Issued

    def roots_pem(self, tmp_path) -> list[str]:
        path = tmp_path / "roots.pem"
        path.write_bytes(self.root.pem())
        return [str(path)]

    def timestamper(self, at: datetime.datetime | None = None) -> DummyTimeStamper:
        return DummyTimeStamper(
            tsa_cert=self.tsa.asn1,
            tsa_key=self.tsa.asn1_key,
            certs_to_embed=SimpleCertificateStore.from_certs([c.asn1 for c in self.tsa.chain]),
            fixed_dt=at,
        )


def make_pki() -> TestPki:
    root = _issue(_name("Test Root CA", "Test PKI"), None, ca=True, end=NOW + 3650 * DAY)
    inter = _issue(_name("Test Signing CA", "Test PKI"), root, ca=True, end=NOW + 3000 * DAY)
    signer = _issue(_name("Nguyễn Văn Chủ Tịch", title="Chủ tịch"), inter)
    organisation = _issue(_name("Văn phòng UBND tỉnh Lạng Sơn"), inter)
    expired = _issue(_name("Trần Văn Hết Hạn"), inter, start=NOW - 400 * DAY, end=NOW - 10 * DAY)
    tsa = _issue(
        _name("Test TSA", "Test PKI"), inter, eku=[ExtendedKeyUsageOID.TIME_STAMPING], rsa_key=True
    )
    other_root = _issue(_name("Other Root CA", "Elsewhere"), None, ca=True)
    stranger = _issue(_name("Người Lạ"), other_root)
    return TestPki(root, inter, signer, organisation, expired, tsa, other_root, stranger)


def plain_pdf(text: str = "Thong bao ket qua tiep cong dan") -> bytes:
    """A one-page PDF written by hand: no renderer needed for the signature tests."""
    content = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def sign_pdf(
    data: bytes,
    who: Issued,
    *,
    field_name: str = "Signature1",
    timestamper: DummyTimeStamper | None = None,
) -> bytes:
    signer = signers.SimpleSigner(
        signing_cert=who.asn1,
        signing_key=who.asn1_key,
        cert_registry=SimpleCertificateStore.from_certs([c.asn1 for c in who.chain]),
    )
    meta = signers.PdfSignatureMetadata(field_name=field_name, subfilter=SigSeedSubFilter.PADES)
    out = io.BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(data)),
        meta,
        signer=signer,
        timestamper=timestamper,
        output=out,
    )
    return out.getvalue()


def revocation_list(issuer: Issued, revoked: Issued, at: datetime.datetime) -> bytes:
    """`issuer`'s CRL naming `revoked` as revoked (key compromise) at `at`, as DER."""
    entry = (
        x509.RevokedCertificateBuilder()
        .serial_number(revoked.cert.serial_number)
        .revocation_date(at)
        .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
        .build()
    )
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(at)
        .next_update(NOW + 30 * DAY)
        .add_revoked_certificate(entry)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .add_extension(x509.CRLNumber(1), critical=False)
        .sign(issuer.key, hashes.SHA256())
    )
    return crl.public_bytes(serialization.Encoding.DER)


def with_revocation_data(data: bytes, crl: bytes) -> bytes:
    """`data` with `crl` in its document security store (an incremental update)."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    out = io.BytesIO(data)
    DocumentSecurityStore.add_dss(
        out, None, crls=[asn1_crl.CertificateList.load(crl)], force_write=True
    )
    return out.getvalue()

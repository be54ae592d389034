from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import IssuedDocument
from .constants import IssuingBody, SignatureKind, SignatureLevel


class DocumentSignature(models.Model):
    """One signature in an issued document's file, as made: the signer's first, the
    issuing body's (an incremental update) after it. The certificate is kept whole,
    so the signature can be judged again when the file is asked about years later."""

    document = models.ForeignKey(
        IssuedDocument,
        verbose_name=_("issued document"),
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    kind = models.CharField(_("signature"), max_length=15, choices=SignatureKind.choices)
    field_name = models.CharField(_("signature field"), max_length=60)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    device = models.CharField(_("signing device"), max_length=10)
    subject = models.CharField(_("certificate subject"), max_length=500)
    issuer = models.CharField(_("certificate issuer"), max_length=500)
    serial = models.CharField(_("certificate serial"), max_length=80)
    fingerprint = models.CharField(_("certificate SHA-256 fingerprint"), max_length=64)
    certificate_pem = models.TextField(_("certificate (PEM)"))
    signed_at = models.DateTimeField(_("signed at"))
    level = models.CharField(_("PAdES level"), max_length=5, choices=SignatureLevel.choices)
    file_sha256 = models.CharField(_("SHA-256 of the file with this signature"), max_length=64)
    validation = models.JSONField(_("validation result"), default=dict)
    # Where its field is drawn: {"page": 0, "box": [x1, y1, x2, y2]} (the seal goes over
    # the signer's).
    placement = models.JSONField(_("placement"), default=dict)

    class Meta:
        verbose_name = _("document signature")
        verbose_name_plural = _("document signatures")
        ordering = ["document", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind"], name="document_signature_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} — {self.subject}"


class SignatureImage(models.Model):
    """A signer's handwritten signature as a transparent PNG, placed on the documents
    they sign (never on a draft). Small, so kept in the database with its record."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        on_delete=models.CASCADE,
        related_name="signature_image",
    )
    png = models.BinaryField(_("image (PNG)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("signature image")
        verbose_name_plural = _("signature images")

    def __str__(self) -> str:
        return str(self.user)


class SealImage(models.Model):
    """An issuing body's seal as a transparent PNG (red), placed over the left third of
    the signer's signature when the body signs."""

    body = models.CharField(
        _("issuing body"), max_length=15, choices=IssuingBody.choices, unique=True
    )
    png = models.BinaryField(_("image (PNG)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("seal image")
        verbose_name_plural = _("seal images")

    def __str__(self) -> str:
        return self.get_body_display()

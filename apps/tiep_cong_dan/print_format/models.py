from django.db import models
from django.utils.translation import gettext_lazy as _


def document_path(instance: "IssuedDocument", filename: str) -> str:
    return f"documents/{instance.doctype}/{instance.object_id}/{filename}"


class IssuedDocument(models.Model):
    """The file of an issued document, frozen: rendering it again returns this file, so
    what was signed is what every later reader gets."""

    doctype = models.CharField(_("document type"), max_length=30)
    object_id = models.BigIntegerField(_("document id"))
    variant = models.CharField(
        _("copy"), max_length=10, help_text=_("full, or redacted for readers not cleared")
    )
    fmt = models.CharField(_("format"), max_length=5)
    file = models.FileField(_("file"), upload_to=document_path)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(
                fields=["doctype", "object_id", "variant", "fmt"], name="issued_document_once"
            )
        ]

    def __str__(self) -> str:
        return self.file.name

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..core.constraints import ExplainedUniqueMixin
from ..core.search import SearchableModel


class PrintFormat(SearchableModel):
    """A document's template, as data: loaded from print_format/templates/, edited and
    previewed in the desk; the next render uses the edited text."""

    search_title = ("name",)
    search_also = ("code",)

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("what it prints"), blank=True)
    template = models.TextField(
        _("template"),
        help_text=_(
            "Jinja2 in a sandbox: it sees only the data named in the description, never the "
            'database or files. {% extends "base.html" %} gives the Decree 30 layout.'
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("print format")
        verbose_name_plural = _("print formats")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def document_path(instance: "IssuedDocument", filename: str) -> str:
    return f"documents/{instance.doctype}/{instance.object_id}/{filename}"


class IssuedDocument(ExplainedUniqueMixin, models.Model):
    """The file of an issued document, frozen: rendering it again returns this file, so
    what was signed is what every later reader gets. A document renumbered after issue
    (a letter whose number was corrected) is a new issue with its own file; the earlier
    one stays. One file per copy (`variant`, see documents.py): "full", "redacted", or
    an extract "x…" named by the cases it shows."""

    doctype = models.CharField(_("document type"), max_length=30)
    object_id = models.BigIntegerField(_("document id"))
    number = models.CharField(_("number"), max_length=60, blank=True)
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
                fields=["doctype", "object_id", "number", "variant", "fmt"],
                name="issued_document_once_per_number",
            )
        ]
        # Verification finds a stored copy by the number printed on it, or an uploaded
        # file by its hash (signing/verify_lookup.py).
        indexes = [
            models.Index(fields=["number"], name="issued_document_number"),
            models.Index(fields=["sha256"], name="issued_document_sha256"),
        ]

    def __str__(self) -> str:
        return self.file.name

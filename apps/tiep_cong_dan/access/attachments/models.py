"""A file attached to any document (a session's minutes, an agency's report letter on
its task, a signed notice, a report's annex): one table for every type, each row naming
its record by type and key. Who reads, adds and removes them is the record's own rule
(access/rules.py `may_read_attachments`, `may_attach`); the bytes are served only by
core/files.py, under the folder `attachments/`."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.fields import ShortTextField
from ...core.uploads import validate_attachment

FOLDER = "attachments"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random stored name: the uploader's file name is kept only as data, so it can
    # never steer where the file lands.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{FOLDER}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("document type")
    )
    object_id = models.PositiveBigIntegerField(_("document"))
    document = GenericForeignKey("content_type", "object_id")
    title = ShortTextField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=attachment_path, validators=[validate_attachment], max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_owner")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.original_name:
            self.original_name = PurePath(self.file.name).name[:255]
            self.size = self.file.size
        super().save(*args, **kwargs)

"""An import run in the background: the uploaded file, where the work is, each row's
error, and the outcome, for the person who uploaded it only (imports/permissions.py).
One model for every kind of import (the Board's registers now; earlier sessions,
hearings and notices later): a kind names its importer (imports/jobs.py)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportState(models.TextChoices):
    QUEUED = "queued", _("waiting for the job queue")
    CHECKING = "checking", _("checking the rows")
    CHECKED = "checked", _("checked, ready to import")
    INVALID = "invalid", _("has errors, nothing imported")
    IMPORTING = "importing", _("importing")
    DONE = "done", _("imported")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("expired")
    FAILED = "failed", _("failed")


# Work still to be done by the queue, and states from which nothing follows.
RUNNING_STATES = frozenset({ImportState.QUEUED, ImportState.CHECKING, ImportState.IMPORTING})
FINAL_STATES = frozenset(
    {ImportState.DONE, ImportState.CANCELLED, ImportState.EXPIRED, ImportState.FAILED}
)


def import_path(instance: "ImportJob", filename: str) -> str:
    # A random name: the uploader's file name is data, never a path.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"imports/{uuid.uuid4().hex}{suffix}"


class ImportJob(models.Model):
    kind = models.CharField(_("kind of import"), max_length=30)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=import_path, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255)
    state = models.CharField(
        _("state"), max_length=12, choices=ImportState.choices, default=ImportState.QUEUED
    )
    commit = models.BooleanField(_("import, not only check"), default=False)
    step = models.CharField(_("current step"), max_length=120, blank=True)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    # [[row, column, message], ...]: every row's errors, as the dry run found them.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # What the import made (the registration numbers of a register).
    outcome = models.JSONField(_("outcome"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"], name="import_state_created")]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_state_display()})"

    @property
    def running(self) -> bool:
        return self.state in RUNNING_STATES

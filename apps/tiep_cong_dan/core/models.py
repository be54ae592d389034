import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NamingSeries(models.Model):
    """The last number issued in a series (e.g. petitions of 2026).

    Numbers are taken under a row lock inside the caller's transaction, so a
    rolled-back registration gives its number back: the series stays gap-free.
    """

    key = models.CharField(_("series"), max_length=40, unique=True)
    current = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("naming series")
        verbose_name_plural = _("naming series")

    def __str__(self) -> str:
        return f"{self.key}: {self.current}"


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed, waiting for an administrator")


class OutboxEntry(models.Model):
    """Work a committed step still owes (a deferred effect, a notification's e-mail and
    SMS, a letter to an agency, a meeting room to prepare or remove), written in the
    step's own transaction: if the step is saved, so is what it owes, whether or not
    the job queue is reachable. The worker runs it right after the commit; a job every
    minute runs whatever is still due, with back-off, until done (`core/outbox.py`)."""

    task = models.CharField(_("kind of task"), max_length=60)
    arguments = models.JSONField(_("arguments"), default=dict)
    # One entry per thing owed ("effect:<event>:<name>", "notification:<id>"): the same
    # effect asked twice is one entry, run once.
    key = models.CharField(_("key"), max_length=200, unique=True)
    state = models.CharField(
        _("state"), max_length=8, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"


class HistoryImport(models.Model):
    """Records entered from the Board's registers of the years before the system (the
    history import, imports/history/): the file by its SHA-256, who brought it in and
    when. Every session, hearing, petition, notice, assignment and workflow event made
    from it links here (`from_records`), so history always says where it came from;
    a file is imported once (its checksum is unique)."""

    checksum = models.CharField(_("SHA-256 of the file"), max_length=64, unique=True)
    file_name = models.CharField(_("file name"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    first_day = models.DateField(_("earliest record"), null=True, blank=True)
    last_day = models.DateField(_("latest record"), null=True, blank=True)
    # {"sessions": 12, "hearings": 169, ...}: what the file made.
    counts = models.JSONField(_("records made"), default=dict, blank=True)

    class Meta:
        verbose_name = _("import of past records")
        verbose_name_plural = _("imports of past records")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.checksum[:12]})"


def from_records_link() -> models.ForeignKey:
    """The field by which a record names the import of past records it came from; None
    for what was entered in the system itself. Never edited."""
    return models.ForeignKey(
        HistoryImport,
        verbose_name=_("entered from records"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )


def held_path(instance: "HeldUpload", filename: str) -> str:
    # A random name: the uploader's file name is data, never a path.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"held/{uuid.uuid4().hex}{suffix}"


class HeldUpload(models.Model):
    """A file chosen on a form that was refused for another reason, kept on the server
    so the form can be sent again without choosing it again (core/held_uploads.py).
    On the desk only its uploader may use it; a file held for the public site's form has
    no owner (its sender is not signed in) and is used by its random token alone. It is
    deleted when the form saves, or by the hourly clean-up when the form was
    abandoned."""

    token = models.CharField(max_length=64, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        null=True,
    )
    file = models.FileField(upload_to=held_path, editable=False)
    original_name = models.CharField(max_length=255, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("file kept for a form")
        verbose_name_plural = _("files kept for forms")

    def __str__(self) -> str:
        return self.original_name

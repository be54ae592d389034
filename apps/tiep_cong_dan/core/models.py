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

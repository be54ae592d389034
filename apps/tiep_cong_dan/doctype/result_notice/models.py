from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import AssignmentStatus, NoticeState


class ResultNotice(models.Model):
    """Thông báo kết luận tiếp công dân: what the Chairman concluded at a session."""

    number = models.CharField(_("number"), max_length=40, blank=True, db_index=True)
    issued_date = models.DateField(_("date of issue"), null=True, blank=True)
    session = models.ForeignKey(
        "tiep_cong_dan.ReceptionSession",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="result_notices",
    )
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=NoticeState.choices,
        default=NoticeState.DRAFT,
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("result notice")
        verbose_name_plural = _("result notices")
        ordering = ["-issued_date", "-id"]

    def __str__(self) -> str:
        return self.number or f"{_('Draft')} — {self.session}"


class Conclusion(models.Model):
    notice = models.ForeignKey(
        ResultNotice,
        on_delete=models.CASCADE,
        related_name="conclusions",
        verbose_name=_("result notice"),
    )
    petition = models.ForeignKey(
        "tiep_cong_dan.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="conclusions",
    )
    text = models.TextField(_("the Chairman's conclusion"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        constraints = [
            models.UniqueConstraint(fields=["notice", "petition"], name="conclusion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} — {self.petition}"


class Assignment(models.Model):
    """A task the Result Notice assigns to an agency, followed up until done."""

    notice = models.ForeignKey(
        ResultNotice,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("result notice"),
    )
    petition = models.ForeignKey(
        "tiep_cong_dan.Petition",
        verbose_name=_("petition"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    agency = models.ForeignKey(
        "tiep_cong_dan.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    task = models.TextField(_("task"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.OPEN,
        db_index=True,
    )
    done_on = models.DateField(_("reported done on"), null=True, blank=True)
    report = models.TextField(_("agency's report"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["deadline"]
        indexes = [models.Index(fields=["agency", "status", "deadline"])]

    def __str__(self) -> str:
        return f"{self.agency}: {self.task[:60]}"

    def clean(self) -> None:
        if self.status == AssignmentStatus.REPORTED_DONE and not self.done_on:
            raise ValidationError(
                {
                    "done_on": ValidationError(
                        _("Give the date the agency reported the task done."),
                        code="done_without_date",
                    )
                }
            )

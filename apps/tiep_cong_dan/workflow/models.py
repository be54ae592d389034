"""Workflows as data (editable in the desk) and the append-only event log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..core.constraints import ExplainedUniqueMixin
from ..core.models import from_records_link
from .bindings import known_doctype


class Workflow(models.Model):
    doctype = models.CharField(
        _("document type"),
        max_length=30,
        unique=True,
        # Checked against the folders' declarations, not a list frozen into migrations.
        validators=[known_doctype],
    )
    label = models.CharField(_("name"), max_length=150)
    initial_state = models.CharField(_("initial state"), max_length=20)
    # Raised on every save: engines in every process compare it and reload, so an
    # edit takes effect at once without a restart.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    source_file = models.CharField(_("loaded from"), max_length=200, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")
        ordering = ["doctype"]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs) -> None:
        from .loader import forget_revisions

        # Whatever this request read of the revisions is stale from here on.
        forget_revisions()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from .loader import forget_revisions

        forget_revisions()
        return super().delete(*args, **kwargs)


class WorkflowState(ExplainedUniqueMixin, models.Model):
    workflow = models.ForeignKey(
        Workflow, on_delete=models.CASCADE, related_name="states", verbose_name=_("workflow")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=150)
    final = models.BooleanField(_("final"), default=False)
    editable_by = models.JSONField(_("who may edit the document in this state"), default=list)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("state")
        verbose_name_plural = _("states")
        ordering = ["workflow", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workflow", "name"], name="workflow_state_once")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.name})"


class WorkflowTransition(models.Model):
    workflow = models.ForeignKey(
        Workflow,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("workflow"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    action = models.CharField(_("action"), max_length=40)
    label = models.CharField(_("label"), max_length=150)
    sources = models.JSONField(_("from states"), default=list)
    target = models.CharField(_("to state"), max_length=20, blank=True)
    roles = models.JSONField(_("roles allowed"), default=list)
    conditions = models.JSONField(_("rules that must hold"), default=list, blank=True)
    effects = models.JSONField(_("effects"), default=list, blank=True)
    comment_required = models.BooleanField(_("comment required"), default=False)
    override_roles = models.JSONField(
        _("roles that may override the rules (logged)"), default=list, blank=True
    )
    help = models.TextField(_("explanation"), blank=True)
    # Who is told what after the step (workflow/notifications.py), as declared.
    notifications = models.JSONField(_("notifications"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["workflow", "position", "id"]

    def __str__(self) -> str:
        return self.label


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Workflow events cannot be changed."), code="event_immutable")

    def delete(self):
        raise ValidationError(_("Workflow events cannot be deleted."), code="event_immutable")


class WorkflowEvent(models.Model):
    """One step of one document's workflow. Append-only: the ORM refuses updates and
    deletes, and database triggers (see the migration) refuse them underneath."""

    doctype = models.CharField(_("document type"), max_length=30)
    object_id = models.BigIntegerField(_("document id"))
    action = models.CharField(_("action"), max_length=40)
    action_label = models.CharField(_("action"), max_length=150)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_roles = models.JSONField(_("acting roles"), default=list)
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    overridden = models.JSONField(
        _("rules overridden"),
        default=list,
        blank=True,
        help_text=_("Reasons the rules gave, when an authorised user overrode them."),
    )
    snapshot = models.JSONField(_("key fields"), default=dict)
    workflow_revision = models.PositiveIntegerField(_("workflow revision"), default=0)
    caused_by = models.ForeignKey(
        "self",
        verbose_name=_("caused by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consequences",
    )
    # Whether rules were overridden, as a column an index holds: the monthly report
    # lists a month's overrides among a log of millions without reading each step.
    # (The list is stored as JSON text: "[]" when empty, on every database.)
    has_override = models.GeneratedField(
        expression=RawSQL("overridden <> '[]'", ()),
        output_field=models.BooleanField(),
        db_persist=False,
        verbose_name=_("rules overridden"),
    )
    # A step recorded from the registers of the years before the system (dated on its
    # day, appended when imported, never run): the import it came from.
    from_records = from_records_link()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["doctype", "object_id", "at"]),
            # The event log's page, newest first across every type.
            models.Index(fields=["at"], name="workflowevent_at"),
            models.Index(fields=["doctype", "at", "action"]),
            models.Index(fields=["doctype", "to_state", "at"]),
            # Covering the counts of steps into and out of a set of states before a
            # moment (the backlog at any date, reporting/figures.py).
            models.Index(fields=["doctype", "to_state", "from_state", "at"]),
            models.Index(fields=["doctype", "from_state", "to_state", "at"]),
            models.Index(fields=["has_override", "at"], name="workflowevent_override"),
            # The approvals of each of the last twelve months (the queue's forecast,
            # scheduling/planning.py): one step's year, not every step of the year.
            models.Index(fields=["doctype", "action", "at"], name="workflowevent_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.action_label} — {timezone.localtime(self.at):%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Workflow events cannot be changed."), code="event_immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Workflow events cannot be deleted."), code="event_immutable")


class CommentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Comments cannot be changed."), code="comment_immutable")

    def delete(self):
        raise ValidationError(_("Comments cannot be deleted."), code="comment_immutable")


class Comment(models.Model):
    """A note written on any document (its type and id), kept in its timeline beside
    the workflow steps. Written only through `workflow.comments.post_comment`, which
    asks the document's rule; append-only like the events, since a comment others
    have read and answered is part of the case's record."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.BigIntegerField(_("document id"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    # The users told of the comment: those mentioned who may see the document.
    mentioned = models.JSONField(_("users mentioned"), default=list, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.author} — {timezone.localtime(self.at):%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Comments cannot be changed."), code="comment_immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Comments cannot be deleted."), code="comment_immutable")

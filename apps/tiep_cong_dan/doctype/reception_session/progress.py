"""What a session's last step still owes, as the session page shows it while the job
queue works it off: the notifications, their e-mails and SMS, the meeting room on the
platform (core/outbox.py runs them after the step committed). The step itself is done
and atomic; this only reports on the work it left, in Vietnamese."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core import outbox
from ...core.models import OutboxEntry, OutboxState
from ...workflow.models import WorkflowEvent
from ..notification.models import Notification
from .models import ReceptionSession

S = "reception_session"


def _entries(event: WorkflowEvent):
    """The entries this step wrote, and those its notifications wrote in turn."""
    notifications = Notification.objects.filter(event=event).values_list("pk", flat=True)
    keys = [f"notify:{event.pk}", f"conference-provision:{event.pk}"]
    keys += [f"conference-release:{event.pk}"]
    return OutboxEntry.objects.filter(
        Q(key__in=keys)
        | Q(key__startswith=f"effect:{event.pk}:")
        | Q(key__in=[f"notification:{pk}" for pk in notifications])
    ).order_by("id")


def _state_text(entry: OutboxEntry) -> str:
    if entry.state == OutboxState.DONE:
        return _("Done")
    if entry.state == OutboxState.FAILED:
        return _(
            "Not done after %(count)s attempts: an administrator can retry it from the "
            "queued tasks."
        ) % {"count": entry.attempts}
    if entry.last_error:
        return _("Attempt %(count)s did not succeed; it is retried at %(time)s.") % {
            "count": entry.attempts,
            "time": timezone.localtime(entry.next_attempt_at).strftime("%H:%M"),
        }
    return _("Waiting for the job queue")


def step_progress(session: ReceptionSession) -> dict:
    """{"step", "total", "done", "failed", "finished", "items": [...], "error"} for the
    session's latest step (its label, when it was taken)."""
    event = (
        WorkflowEvent.objects.filter(doctype=S, object_id=session.pk)
        .exclude(to_state="")
        .order_by("-id")  # the step taken last (a step may be dated in the past)
        .first()
    )
    if event is None:
        return {"step": "", "total": 0, "done": 0, "failed": 0, "finished": True, "items": []}
    entries = list(_entries(event))
    done = sum(e.state == OutboxState.DONE for e in entries)
    failed = sum(e.state == OutboxState.FAILED for e in entries)
    items: dict[str, dict] = {}
    for entry in entries:  # one line per kind of work ("3/4 e-mails sent")
        line = items.setdefault(
            entry.task, {"label": outbox.label_of(entry.task), "total": 0, "done": 0, "note": ""}
        )
        line["total"] += 1
        line["done"] += entry.state == OutboxState.DONE
        if entry.state != OutboxState.DONE and not line["note"]:
            line["note"] = _state_text(entry)
    words = {
        "step": event.action_label,
        "at": timezone.localtime(event.at).strftime("%H:%M %d/%m/%Y"),
        "done": done,
        "total": len(entries),
    }
    if failed:
        title = _("Some work the step “%(step)s” left could not be done") % words
    elif done == len(entries):
        title = _("Everything the step “%(step)s” (%(at)s) left is done: %(done)s of %(total)s")
        title %= words
    else:
        title = _("Work left by the step “%(step)s” (%(at)s): %(done)s of %(total)s done")
        title %= words
    return {
        **words,
        "title": title,
        "failed": failed,
        "finished": done + failed == len(entries),
        "items": list(items.values()),
        # The platform's own words, already in Vietnamese (conference/services.py).
        "error": session.conference_error,
    }

"""The Celery tasks. Each is a thin wrapper over a plain function (tested on its own);
the schedules that run them are rows of django-celery-beat, editable in the desk
(`schedules.py` loads the defaults)."""

import datetime

from celery import shared_task
from django.utils import timezone

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 30, "max_retries": 5}


def _today(day: str | None) -> datetime.date:
    return datetime.date.fromisoformat(day) if day else timezone.localdate()


@shared_task(name="tcd.outbox_run")
def run_outbox_entry(entry_id: int) -> str:
    """One outbox entry, handed over right after the step that wrote it committed. Its
    failures are kept on the entry and retried by `tcd.outbox_sweep`, not here."""
    from ..core.outbox import run

    return run(entry_id)


@shared_task(name="tcd.outbox_sweep")
def outbox_sweep() -> dict:
    """Every minute: the entries still due (the queue was down, a try failed)."""
    from ..core.outbox import run_due

    return run_due()


@shared_task(name="tcd.acceptance_deadlines", **RETRY)
def acceptance_deadlines(day: str | None = None) -> int:
    from .reminders import acceptance_deadlines as job

    return job(_today(day))


@shared_task(name="tcd.refusal_notice_deadlines", **RETRY)
def refusal_notice_deadlines(day: str | None = None) -> int:
    from .reminders import refusal_notice_deadlines as job

    return job(_today(day))


@shared_task(name="tcd.session_timeline", **RETRY)
def session_timeline(day: str | None = None) -> int:
    from .reminders import session_timeline as job

    return job(_today(day))


@shared_task(name="tcd.assignment_deadlines", **RETRY)
def assignment_deadlines(day: str | None = None) -> int:
    from .reminders import assignment_deadlines as job

    return job(_today(day))


@shared_task(name="tcd.dossier_deadlines", **RETRY)
def dossier_deadlines(day: str | None = None) -> int:
    from .reminders import dossier_deadlines as job

    return job(_today(day))


@shared_task(name="tcd.monthly_report", **RETRY)
def monthly_report(day: str | None = None) -> int:
    from .reports import draft_last_months_report

    return draft_last_months_report(_today(day)).pk


@shared_task(name="tcd.integrity_check", **RETRY)
def integrity_check(day: str | None = None) -> dict:
    from .integrity import check

    return check(_today(day))


@shared_task(name="tcd.rebuild_figures", **RETRY)
def rebuild_figures() -> int:
    """Every night: the monthly figures recounted from the petitions and their steps
    (steps keep them in step by day; this mends rows written by other means)."""
    from ..reporting.cube import rebuild

    return rebuild()


@shared_task(name="tcd.scan_clusters", **RETRY)
def scan_clusters(day: str | None = None) -> dict:
    """Every hour: crowded and complex cases flagged (Decree 154/2026 Art. 27(3)(b));
    the last week looked at again, so a missed run loses nothing."""
    from ..reporting.clusters import scan_clusters as scan

    end = _today(day)
    result = scan(end, start=end - datetime.timedelta(days=7))
    return {"new": len(result.new), "updated": result.updated, "closed": result.closed}


@shared_task(name="tcd.apply_retention", **RETRY)
def apply_retention(day: str | None = None) -> dict:
    from .retention import apply_retention as job

    return job(_today(day))


@shared_task(name="tcd.render_document", bind=True)
def render_document(self, code: str, pk: int, user_id: int, fmt: str) -> dict:
    """A long document (a report over many months) made in the background: the desk
    shows its progress and then the file, to the user who asked only."""
    from ..print_format.background import render_export

    def progress(step: str, done: int, total: int) -> None:
        if not self.request.is_eager:
            self.update_state(state="PROGRESS", meta={"step": step, "done": done, "total": total})

    return render_export(code, pk, user_id, fmt, self.request.id or "inline", progress)


@shared_task(name="tcd.briefing_pack", bind=True)
def briefing_pack(self, session_id: int, user_id: int) -> dict:
    """The Chairman's briefing pack of a session: a copy for the one who asked, the
    Chairman and the Office, with its progress shown to the one who asked."""
    from .briefing import make_briefing_pack

    def progress(step: str, done: int, total: int) -> None:
        if not self.request.is_eager:
            self.update_state(state="PROGRESS", meta={"step": step, "done": done, "total": total})

    return make_briefing_pack(session_id, user_id, progress)


@shared_task(name="tcd.bulk_step", bind=True)
def bulk_step(self, doctype: str, action: str, ids: list[int], user_id: int, back: str) -> dict:
    from .bulk import apply_bulk

    def progress(done: int, total: int) -> None:
        if not self.request.is_eager and (done % 10 == 0 or done == total):
            self.update_state(
                state="PROGRESS", meta={"step": "Đang xử lý", "done": done, "total": total}
            )

    return apply_bulk(doctype, action, ids, user_id, back, progress)


# No longer sent: their work goes through the outbox (tcd.outbox_run). They stay for
# messages a queue may still hold from before.
@shared_task(name="tcd.run_effect", **RETRY)
def run_effect(doctype: str, effect_name: str, event_pk: int) -> None:
    from .effects import run_effect as run

    run(doctype, effect_name, event_pk)


@shared_task(name="tcd.deliver_notification", **RETRY)
def deliver_notification(notification_id: int) -> dict:
    from ..doctype.notification.delivery import deliver

    return deliver(notification_id)


@shared_task(name="tcd.deliver_agency_mail", **RETRY)
def deliver_agency_mail(mail_id: int) -> str:
    from ..doctype.notification.agency_mail import send_agency_mail

    return send_agency_mail(mail_id)


@shared_task(name="tcd.provision_conference", **RETRY)
def provision_conference(session_id: int) -> str:
    from ..conference.services import provision_session
    from ..doctype.reception_session.models import ReceptionSession

    return provision_session(ReceptionSession.objects.get(pk=session_id)).conference_reference


@shared_task(name="tcd.release_conference", **RETRY)
def release_conference(session_id: int) -> None:
    from ..conference.services import release_session
    from ..doctype.reception_session.models import ReceptionSession

    release_session(ReceptionSession.objects.get(pk=session_id))


@shared_task(name="tcd.run_import")
def run_import(job_id: int) -> str:
    """An uploaded import checked, or imported, in the background (imports/jobs.py):
    the uploader's page shows its progress. Not retried: a failed run is recorded on
    the import, and the uploader starts again."""
    from ..imports.jobs import run_import as job

    return job(job_id)


@shared_task(name="tcd.purge_import_files", **RETRY)
def purge_import_files() -> dict:
    from ..core.held_uploads import purge
    from ..doctype.reception_request.services import purge_unconfirmed
    from ..imports.jobs import purge_import_files as job

    # Files kept for refused desk forms go with the day-old uploads of imports, and so
    # do the online requests whose phone was never confirmed.
    return {**job(), "held_removed": purge(), "unconfirmed_requests_removed": purge_unconfirmed()}

"""Imports as background jobs, whatever is imported.

An upload becomes an ImportJob row (its file under MEDIA_ROOT/imports/, random name)
and a job on the queue (`tcd.run_import`). The job checks every row, reading only;
the uploader sees the progress and then every row's error, or a button to import.
Importing is a second run of the same job: it checks again and writes all rows in
one transaction, or none. The row's progress is written outside any transaction (a
short UPDATE now and then), so it never holds a lock; while the writing transaction
runs, progress goes to the cache instead.

The file holds citizens' personal data: it is deleted once the import is done,
cancelled, found wrong, or a day old (`purge_import_files`, run hourly by beat).

A kind of import is one entry of IMPORTERS: a function
`run(path, *, by, commit, progress) -> result` whose result has `rows`, `errors`
([(row, column, message)]) and `registered` (what was made), and who may start it:
the Board's registers of petitions ("register") and of past years ("history").
"""

import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from ..access.roles import BOARD, has_any
from ..access.rules import rule_for
from ..core import background
from ..doctype.petition.models import Petition
from .history import import_history
from .models import FINAL_STATES, ImportJob, ImportState
from .registers import import_register

logger = logging.getLogger(__name__)

# Files of unfinished imports older than this are removed with their personal data.
FILE_LIFETIME = datetime.timedelta(days=1)
# A queued job not started after this long is sent to the queue again (the broker was
# down when it was uploaded).
REQUEUE_AFTER = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class Importer:
    kind: str
    run: Callable
    may_start: Callable[[object], bool]
    # Whether `run` takes the uploaded file's own name (`file_name=`), kept as provenance.
    named: bool = False


IMPORTERS: dict[str, Importer] = {
    "register": Importer(
        kind="register",
        run=import_register,
        may_start=lambda user: rule_for(Petition).can_add(user),
    ),
    # The Board's registers of the years before the system (imports/history/): the
    # Board keeps them, so its officers and head bring them in.
    "history": Importer(
        kind="history",
        run=import_history,
        may_start=lambda user: has_any(user, BOARD),
        named=True,
    ),
}


def start_import(kind: str, upload, *, by) -> ImportJob:
    """Keep the uploaded file and queue its check."""
    job = ImportJob(kind=kind, uploaded_by=by, original_name=upload.name[:255])
    job.file.save(upload.name, upload, save=False)
    job.save()
    enqueue(job)
    return job


def request_commit(job: ImportJob) -> bool:
    """Queue the import of a checked file; False if it is not (or no longer) checked."""
    taken = ImportJob.objects.filter(pk=job.pk, state=ImportState.CHECKED).update(
        state=ImportState.QUEUED, commit=True, step="", done=0, updated_at=timezone.now()
    )
    if taken:
        job.refresh_from_db()
        enqueue(job)
    return bool(taken)


def cancel_import(job: ImportJob) -> bool:
    """Drop a checked (or waiting) import and its file; False if it is running or over."""
    taken = ImportJob.objects.filter(
        pk=job.pk, state__in=[ImportState.CHECKED, ImportState.INVALID, ImportState.QUEUED]
    ).update(state=ImportState.CANCELLED, finished_at=timezone.now(), updated_at=timezone.now())
    job.refresh_from_db()
    if taken:
        _delete_file(job)
    return bool(taken)


def enqueue(job: ImportJob) -> None:
    """Send the job to the queue. With the broker down the job stays queued and the
    hourly clean-up sends it again."""
    if background.submit("run_import", job.pk) is None:
        logger.error("Import %s could not be queued; it will be sent again", job.pk)


def _progress_key(job_id: int) -> str:
    return f"tcd:import-progress:{job_id}"


def live_progress(job: ImportJob) -> tuple[str, int, int]:
    """(step, done, total) as far as the job got, the cache's word during writing."""
    try:
        cached = cache.get(_progress_key(job.pk))
    except Exception:  # noqa: BLE001 - a cache outage only loses the finer progress
        cached = None
    if job.running and cached:
        return cached
    return job.step, job.done, job.total


def _reporter(job: ImportJob) -> Callable[[str, int, int], None]:
    last = {"at": 0.0, "step": None}

    def report(step: str, done: int, total: int) -> None:
        now = time.monotonic()
        if step == last["step"] and done < total and now - last["at"] < 0.5:
            return
        last.update(at=now, step=step)
        if connection.in_atomic_block:
            # Inside the writing transaction an UPDATE would wait for its end (or hold
            # the row): tell the cache instead.
            try:
                cache.set(_progress_key(job.pk), (step, done, total), 3600)
            except Exception:  # noqa: BLE001
                pass
            return
        ImportJob.objects.filter(pk=job.pk).update(
            step=step[:120], done=done, total=total, updated_at=timezone.now()
        )

    return report


def run_import(job_id: int) -> str:
    """The job's work (`tcd.run_import`): claim it, check (or import), record the
    outcome. A job already claimed, or over, is left alone, so sending it twice is
    harmless."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    running = ImportState.IMPORTING if job.commit else ImportState.CHECKING
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportState.QUEUED).update(
        state=running, updated_at=timezone.now()
    )
    if not claimed:
        return "not queued"
    job.refresh_from_db()
    importer = IMPORTERS[job.kind]
    try:
        named = {"file_name": job.original_name} if importer.named else {}
        result = importer.run(
            Path(job.file.path),
            by=job.uploaded_by,
            commit=job.commit,
            progress=_reporter(job),
            **named,
        )
    except Exception:  # noqa: BLE001 - recorded on the import for its uploader
        logger.exception("Import %s failed", job_id)
        _finish(job, ImportState.FAILED)
        return ImportState.FAILED
    job.errors = [list(error) for error in result.errors]
    job.total = result.rows
    job.done = result.rows
    job.outcome = list(result.registered)
    if result.errors:
        state = ImportState.INVALID
    else:
        state = ImportState.DONE if job.commit else ImportState.CHECKED
    _finish(job, state)
    return state


def _finish(job: ImportJob, state: str) -> None:
    # The file goes before the state is written: whoever sees the import over never
    # sees its file (the personal data in it) still there.
    if state in FINAL_STATES or state == ImportState.INVALID:
        if job.file:
            job.file.delete(save=False)
        job.file = ""
    job.state = state
    job.step = ""
    if state != ImportState.CHECKED:
        job.finished_at = timezone.now()
    job.save()
    try:
        cache.delete(_progress_key(job.pk))
    except Exception:  # noqa: BLE001
        pass


def _delete_file(job: ImportJob) -> None:
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def purge_import_files(now: datetime.datetime | None = None) -> dict:
    """Hourly: delete the files of imports that ended, and of any a day old (the job
    then expires); delete files in the imports folder no job names (left over by a
    crash); send again jobs still waiting for a queue that was down."""
    now = now or timezone.now()
    removed = 0
    stale = ImportJob.objects.exclude(file="").filter(
        state__in=[*FINAL_STATES, ImportState.INVALID]
    ) | ImportJob.objects.exclude(file="").filter(created_at__lt=now - FILE_LIFETIME)
    for job in stale.distinct():
        if job.state not in FINAL_STATES and job.state != ImportState.INVALID:
            if job.running and job.updated_at > now - FILE_LIFETIME:
                continue  # still at work (a long import started late)
            ImportJob.objects.filter(pk=job.pk).update(
                state=ImportState.EXPIRED, finished_at=now, updated_at=now
            )
        _delete_file(job)
        removed += 1
    removed += _remove_orphans(now)
    requeued = 0
    for job in ImportJob.objects.filter(
        state=ImportState.QUEUED, updated_at__lt=now - REQUEUE_AFTER
    ):
        enqueue(job)
        requeued += 1
    return {"removed": removed, "requeued": requeued}


def _remove_orphans(now: datetime.datetime) -> int:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    if not folder.is_dir():
        return 0
    kept = ImportJob.objects.exclude(file="").values_list("file", flat=True)
    named = {Path(name).name for name in kept}
    cutoff = (now - FILE_LIFETIME).timestamp()
    removed = 0
    for path in folder.iterdir():
        if path.is_file() and path.name not in named and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed

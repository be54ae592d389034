"""Sending a job a user asked for (a bulk step, a long document) to the queue. Unlike
what a step owes (the outbox), such a job is only asked, not yet owed: when the queue
cannot take it the page says so and nothing has been done."""

import json
import logging

from celery import Task
from celery.result import AsyncResult
from django_celery_results.models import TaskResult
from kombu.exceptions import OperationalError

from ..core import background
from . import tasks

logger = logging.getLogger(__name__)


def submit(task: Task, *args) -> AsyncResult | None:
    """The job's handle, or None (logged) when the broker is unreachable."""
    try:
        return task.apply_async(args)
    except (OperationalError, OSError):
        logger.warning("Job %s not sent: the job queue is unreachable", task.name, exc_info=True)
        return None


def submit_named(name: str, *args) -> str | None:
    """A job asked by a lower layer by its name (core/background.py): its id, or None.
    The names are the tasks of jobs/tasks.py (imported here, so that a web process,
    which never autodiscovers tasks as a worker does, knows them too)."""
    job = submit(getattr(tasks, name), *args)
    return job.id if job is not None else None


def outcome(job_id: str) -> tuple[str, dict]:
    """(state, details) of a job: its stored result once finished, else its live state."""
    done = TaskResult.objects.filter(task_id=job_id).first()
    if done is not None and done.status in ("SUCCESS", "FAILURE"):
        result = json.loads(done.result or "null")
        return done.status, result if done.status == "SUCCESS" else {}
    job = AsyncResult(job_id)
    if job.state == "SUCCESS":  # run inline (no result row yet)
        return "SUCCESS", job.result
    return job.state, job.info if isinstance(job.info, dict) else {}


def install() -> None:
    """Lets the layers below ask for jobs by name without importing the queue."""
    background.install(submit_named, outcome)

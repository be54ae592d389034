"""Sending a job a user asked for (a bulk step, a long document) to the queue. Unlike
what a step owes (the outbox), such a job is only asked, not yet owed: when the queue
cannot take it the page says so and nothing has been done."""

import logging

from celery import Task
from celery.result import AsyncResult
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def submit(task: Task, *args) -> AsyncResult | None:
    """The job's handle, or None (logged) when the broker is unreachable."""
    try:
        return task.apply_async(args)
    except (OperationalError, OSError):
        logger.warning("Job %s not sent: the job queue is unreachable", task.name, exc_info=True)
        return None

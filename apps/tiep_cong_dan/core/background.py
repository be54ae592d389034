"""Work a page asks to be done in the background, by name.

A page of a lower layer (a bulk workflow step, a long document, an import) asks for
its job by name and learns whether the queue took it; the job layer, above, provides
the names (jobs/queue.py `install`). The page never imports the queue: layers point
one way. Unlike what a workflow step owes (core/outbox.py), such a job is only asked:
when the queue cannot take it, nothing has been done and the page says so.
"""

from collections.abc import Callable

_submit: Callable[..., str | None] | None = None
_outcome: Callable[[str], tuple[str, dict]] | None = None


def install(submit: Callable[..., str | None], outcome: Callable[[str], tuple[str, dict]]) -> None:
    """Called once at start-up by the job layer: `submit(name, *args) -> job id or None`,
    `outcome(job id) -> (state, details)`."""
    global _submit, _outcome
    _submit, _outcome = submit, outcome


def submit(name: str, *args) -> str | None:
    """The job's id, or None when the queue cannot take it just now (already logged)."""
    if _submit is None:
        raise RuntimeError("No job queue is installed (jobs/queue.py install).")
    return _submit(name, *args)


def outcome(job_id: str) -> tuple[str, dict]:
    """The job's state (PENDING, PROGRESS, SUCCESS, FAILURE…) and what it reported:
    its progress while it runs, its result once it succeeded, nothing after a failure."""
    if _outcome is None:
        raise RuntimeError("No job queue is installed (jobs/queue.py install).")
    return _outcome(job_id)

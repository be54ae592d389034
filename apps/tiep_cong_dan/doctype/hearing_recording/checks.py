"""Whether each registered recording is still what was registered (the nightly
integrity job, jobs/integrity.py): every night each file's presence and size (a stat,
cheap); its SHA-256 re-read in full for as many recordings as the night's byte budget
(TCD_RECORDING_CHECK_BYTES_PER_NIGHT) allows, those re-hashed longest ago first, so
every file is re-hashed in turn over the following nights. A recording found wrong by
the stat is reported at once and re-hashed first."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from . import storage
from .constants import PROBLEMS, CheckResult
from .models import Recording


def check_one(recording: Recording, *, rehash: bool) -> CheckResult:
    path = storage.path_of(recording.location)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return CheckResult.MISSING
    except OSError:
        return CheckResult.UNREADABLE
    if size != recording.size:
        return CheckResult.SIZE_MISMATCH
    if not rehash:
        return CheckResult.SIZE_OK
    try:
        digest = storage.digest_file(path)
    except OSError:
        return CheckResult.UNREADABLE
    return CheckResult.OK if digest.sha256 == recording.sha256 else CheckResult.HASH_MISMATCH


@dataclass
class Round:
    checked: int = 0
    rehashed: int = 0
    bytes_hashed: int = 0
    problems: list[str] = field(default_factory=list)


def _record(recording: Recording, result: CheckResult, now, round_: Round) -> None:
    changes = {"last_check": result, "last_checked_at": now}
    if result in (CheckResult.OK, CheckResult.HASH_MISMATCH):
        changes["last_hashed_at"] = now
    if result == CheckResult.SIZE_OK and recording.last_check in PROBLEMS:
        changes.pop("last_check")  # a hash found wrong stays reported until re-hashed
        result = CheckResult(recording.last_check)
    # update(): a night's check is not an edit of the record (no history row).
    Recording.objects.filter(pk=recording.pk).update(**changes)
    if result in PROBLEMS:
        round_.problems.append(f"{recording.location}: {CheckResult(result).label}")


def check_recordings(budget: int | None = None) -> Round:
    """One night's round: see the module's docstring."""
    budget = settings.TCD_RECORDING_CHECK_BYTES_PER_NIGHT if budget is None else budget
    now = timezone.now()
    round_ = Round()
    order = [F("last_hashed_at").asc(nulls_first=True), "id"]
    rows = Recording.objects.only(
        "id", "location", "size", "sha256", "last_check", "last_hashed_at"
    ).order_by(*order)
    for recording in rows.iterator(chunk_size=500):
        round_.checked += 1
        rehash = round_.bytes_hashed + recording.size <= budget or round_.rehashed == 0
        rehash = rehash and budget > 0
        result = check_one(recording, rehash=rehash)
        if result in (CheckResult.OK, CheckResult.HASH_MISMATCH):
            round_.rehashed += 1
            round_.bytes_hashed += recording.size
        _record(recording, result, now, round_)
    return round_

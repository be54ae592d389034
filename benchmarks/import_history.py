"""Importing the registers of past years on the embedded SQLite default.

Builds a fresh SQLite site database (WAL, busy timeout, as `make run` configures it)
with the master data, writes a register of N rows (default 5 000: a periodic session
every month from 2012 to mid-2025, about 31 hearings each, a result notice per
session and a task for every third hearing, in the documented layout), then times:
- the dry run (every row checked, nothing written);
- the commit (checked again, then written in one bulk transaction), and how long that
  transaction holds the write lock;
- another officer's save of a petition, again and again in a second thread while the
  commit runs: the longest wait is what an officer can notice.
Then imports the same file again (nothing changes) and prints the figures.

    .venv/bin/python benchmarks/import_history.py [--rows 5000]
"""

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

import common  # noqa: I001  (first: the paths and settings Django needs)

WORK = Path(tempfile.mkdtemp(prefix="tcd-bench-history-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'site.sqlite3'}"
os.environ.pop("REDIS_URL", None)  # the embedded default: no Redis either
os.environ["DEBUG"] = "0"  # as an installation runs, not logging every query


def setup() -> None:
    common.prepare_site()


def officer_petition():
    """A petition of today, as another officer has it open."""
    import datetime

    from django.contrib.auth.models import User
    from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
    from tiep_cong_dan.doctype.citizen.models import Citizen
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.doctype.petition.services import register_petition

    unit = AdministrativeUnit.objects.get(code="05977", era="from_2025")
    citizen = Citizen.objects.create(
        full_name="Hà Thị Gấm", id_number="020190000777", address="khối 5", residence_unit=unit
    )
    officer = User.objects.get(username="canbo")
    petition = register_petition(
        Petition(
            received_date=datetime.date.today(),
            channel="in_person",
            kind="complaint",
            citizen=citizen,
            summary="Khiếu nại",
            content="Nội dung",
            matter_unit=unit,
        ),
        by=officer,
    )
    return petition, officer


def saves_during(work, petition, officer) -> tuple[object, list[float]]:
    """Run `work` while another officer saves `petition` every 50 ms; returns its result
    and how long each save took."""
    from django.db import connections
    from tiep_cong_dan.doctype.petition.services import update_petition

    waits: list[float] = []
    done = threading.Event()

    def officer_saves():
        try:
            n = 0
            while not done.is_set():
                n += 1
                petition.summary = f"Khiếu nại (sửa lần {n})"
                started = time.monotonic()
                update_petition(petition, by=officer, fields=["summary"])
                waits.append(time.monotonic() - started)
                time.sleep(0.05)
        finally:
            connections.close_all()

    thread = threading.Thread(target=officer_saves)
    thread.start()
    try:
        result = work()
    finally:
        done.set()
        thread.join(120)
    return result, waits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    common.start()  # the embedded SQLite above
    from django.contrib.auth.models import User
    from django.db import connection
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.imports.history import import_history
    from tiep_cong_dan.workflow.models import WorkflowEvent

    from tests.imports.scheme_records import volume_register

    assert connection.vendor == "sqlite"
    started = time.monotonic()
    setup()
    print(f"site set up in {time.monotonic() - started:.1f} s ({WORK})")
    path = WORK / "so-tiep-cong-dan.xlsx"
    register = volume_register(path, args.rows)
    print(
        f"register: {len(register.rows)} rows, {len(register.notices)} notices, "
        f"{len(register.tasks)} tasks, {path.stat().st_size // 1024} KB"
    )
    user = User.objects.get(username="canbo")
    petition, officer = officer_petition()

    started = time.monotonic()
    dry = import_history(path, by=user, commit=False)
    dry_s = time.monotonic() - started
    assert dry.ok, dry.errors[:5]

    started = time.monotonic()
    result, waits = saves_during(
        lambda: import_history(path, by=user, commit=True), petition, officer
    )
    commit_s = time.monotonic() - started
    assert result.ok, result.errors[:5]
    events = WorkflowEvent.objects.filter(from_records__isnull=False).count()
    before = (Petition.objects.count(), WorkflowEvent.objects.count())
    started = time.monotonic()
    again = import_history(path, by=user, commit=True)
    again_s = time.monotonic() - started
    assert again.already is not None
    assert (Petition.objects.count(), WorkflowEvent.objects.count()) == before

    print(f"dry run: {dry_s:.1f} s for {dry.rows} rows (nothing written)")
    print(
        f"commit: {commit_s:.1f} s (check again, then write); the writing transaction "
        f"held the lock {result.source.write_seconds:.1f} s; {result.counts['hearings']} hearings, "
        f"{result.counts['sessions']} sessions, {result.counts['notices']} notices, "
        f"{result.counts['assignments']} tasks, {events} events dated on their days"
    )
    print(
        f"another officer's save during the commit: {len(waits)} saves, longest "
        f"{max(waits) * 1000:.0f} ms, median {sorted(waits)[len(waits) // 2] * 1000:.0f} ms "
        "(none refused)"
    )
    print(f"the same file again: {again_s:.1f} s, nothing changed")


if __name__ == "__main__":
    main()

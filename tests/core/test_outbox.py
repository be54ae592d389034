"""The outbox: an entry lives and dies with the transaction that wrote it, is written
once per key, runs once even with several runners at the same moment, backs off when it
fails and, past its attempts, waits for an administrator, who retries it in the desk."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from tiep_cong_dan.core import outbox
from tiep_cong_dan.core.models import OutboxEntry
from tiep_cong_dan.doctype.notification.models import Notification, NotificationPreference


@pytest.fixture
def recorder():
    """A test task that records each run (and fails while `failing` is set)."""
    runs: list[int] = []
    state = {"failing": False}
    lock = threading.Lock()

    def record(n: int) -> None:
        if state["failing"]:
            raise RuntimeError(f"still down ({n})")
        time.sleep(0.01)  # long enough for runners to meet
        with lock:
            runs.append(n)

    outbox.register("test.record", record, "Test")
    yield runs, state
    outbox._handlers.pop("test.record")


def test_an_entry_is_kept_only_with_its_transaction_and_once_per_key(
    db, recorder, django_capture_on_commit_callbacks
):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        outbox.enqueue("test.record", key="rolled-back", n=1)
        1 / 0  # noqa: B018 - the step fails after writing what it owes
    assert not OutboxEntry.objects.exists()
    with django_capture_on_commit_callbacks() as published:
        first = outbox.enqueue("test.record", key="k", n=1)
        again = outbox.enqueue("test.record", key="k", n=2)
    assert first.pk == again.pk and again.arguments == {"n": 1}
    assert len(published) == 1  # handed to the queue once
    with pytest.raises(LookupError):
        outbox.enqueue("no.such.task", key="x")


def test_a_failing_entry_backs_off_then_waits_for_an_administrator(db, recorder, monkeypatch):
    runs, state = recorder
    monkeypatch.setattr(outbox, "MAX_ATTEMPTS", 3)
    entry = outbox.enqueue("test.record", key="k", n=7)
    state["failing"] = True
    before = timezone.now()
    assert outbox.run(entry.pk) == "pending"
    entry.refresh_from_db()
    assert (entry.attempts, entry.last_error) == (1, "RuntimeError: still down (7)")
    assert before + datetime.timedelta(seconds=60) <= entry.next_attempt_at
    assert entry.next_attempt_at <= timezone.now() + datetime.timedelta(seconds=60)
    assert outbox.run(entry.pk) == "skipped"  # not due yet
    assert outbox.run_due()["done"] == 0
    for attempt in (2, 3):
        OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now())
        assert outbox.run(entry.pk) == ("pending" if attempt < 3 else "failed")
    entry.refresh_from_db()
    assert (entry.state, entry.attempts) == ("failed", 3)
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 7, 12)] == [
        60,
        120,
        240,
        3600,
        3600,
    ]
    OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now())
    assert outbox.run_due() == {"done": 0, "retrying": 0, "failed": 0, "removed": 0}
    state["failing"] = False
    assert outbox.retry_now([entry.pk]) == {"done": 1, "not_done": 0, "later": 0}
    entry.refresh_from_db()
    assert (entry.state, entry.attempts, entry.last_error, runs) == ("done", 4, "", [7])
    assert entry.done_at is not None


def test_done_entries_are_forgotten_after_a_month(db, recorder):
    old = outbox.enqueue("test.record", key="old", n=1)
    recent = outbox.enqueue("test.record", key="recent", n=2)
    assert outbox.run_due()["done"] == 2
    OutboxEntry.objects.filter(pk=old.pk).update(
        done_at=timezone.now() - outbox.KEEP_DONE - datetime.timedelta(minutes=1)
    )
    assert outbox.run_due()["removed"] == 1
    assert list(OutboxEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_new_entry_runs_at_once_whatever_the_writers_clock_said(db, recorder):
    runs, _ = recorder
    entry = outbox.enqueue("test.record", key="k", n=3)
    ahead = timezone.now() + datetime.timedelta(seconds=5)
    OutboxEntry.objects.filter(pk=entry.pk).update(next_attempt_at=ahead)
    assert outbox.run_due()["done"] == 0  # the sweep goes by the time
    assert outbox.run(entry.pk) == "done" and runs == [3]  # its hand-over does not


def test_retry_now_runs_a_bounded_number_and_leaves_the_rest_due(db, recorder, monkeypatch):
    runs, state = recorder
    monkeypatch.setattr(outbox, "RETRY_NOW_LIMIT", 2)
    entries = [outbox.enqueue("test.record", key=f"k{n}", n=n) for n in range(3)]
    state["failing"] = True
    assert outbox.run_due() == {"done": 0, "retrying": 3, "failed": 0, "removed": 0}
    state["failing"] = False
    assert outbox.retry_now([e.pk for e in entries]) == {"done": 2, "not_done": 0, "later": 1}
    assert outbox.run_due()["done"] == 1  # the third, due now
    assert sorted(runs) == [0, 1, 2]


@pytest.mark.django_db(transaction=True)
def test_runners_at_the_same_moment_run_each_entry_once(recorder):
    runs, _ = recorder
    for n in range(30):
        outbox.enqueue("test.record", key=f"k{n}", n=n)
    barrier = threading.Barrier(3)

    def sweep():
        try:
            barrier.wait(timeout=10)
            outbox.run_due()
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(runs) == list(range(30))
    assert set(OutboxEntry.objects.values_list("state", "attempts")) == {("done", 1)}


def test_administrators_see_the_outbox_and_retry_it(login, role_users, recorder):
    runs, state = recorder
    head = role_users["truongban"]
    NotificationPreference.objects.create(user=head, by_email=False, by_sms=True, phone="12345")
    note = Notification.objects.create(recipient=head, message="Thử.", key="k")
    sms = outbox.enqueue("notification.deliver", key=f"note:{note.pk}", notification=note.pk)
    assert outbox.run(sms.pk) == "pending"
    stuck = outbox.enqueue("test.record", key="stuck", n=5)
    state["failing"] = True
    outbox.run(stuck.pk)
    OutboxEntry.objects.filter(pk=stuck.pk).update(state="failed")
    changelist = reverse("admin:tiep_cong_dan_outboxentry_changelist")
    # Only administrators open it
    for username in ("canbo", "truongban", "chutich", "kythuat"):
        assert login(username).get(changelist).status_code == 403, username
    client = login("quantri")
    page = client.get(changelist).content.decode()
    assert "Gửi thông báo qua thư điện tử, tin nhắn" in page and "SmsError" in page
    assert "Lỗi, chờ quản trị hệ thống" in page and "still down (5)" in page
    change = reverse("admin:tiep_cong_dan_outboxentry_change", args=[stuck.pk])
    assert 'name="_save"' not in client.get(change).content.decode()  # read only
    # What failed is back; the administrator retries now
    state["failing"] = False
    done = client.post(
        changelist, {"action": "retry_now", "_selected_action": [stuck.pk]}, follow=True
    )
    assert (
        "Đã thử lại: 1 việc xong, 0 việc vẫn lỗi (xem lỗi gần nhất), 0 việc để tác vụ chạy "
        "mỗi phút thực hiện." in done.content.decode()
    )
    stuck.refresh_from_db()
    assert (stuck.state, stuck.attempts, runs) == ("done", 2, [5])


def test_the_layers_that_write_entries_do_not_import_the_jobs():
    """The engine, the document types and core write entries; only the job layer knows
    what runs them (it registers its handlers at start-up)."""
    import ast
    from pathlib import Path

    import tiep_cong_dan

    root = Path(tiep_cong_dan.__file__).parent
    sources = [
        *(root / "core").rglob("*.py"),
        *(root / "doctype").rglob("*.py"),
        root / "workflow" / "engine.py",
    ]
    upward = []
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and "jobs" in (node.module or "").split("."):
                upward.append(f"{path.relative_to(root)}:{node.lineno}")
            if isinstance(node, ast.Import) and any(".jobs" in a.name for a in node.names):
                upward.append(f"{path.relative_to(root)}:{node.lineno}")
    assert upward == []

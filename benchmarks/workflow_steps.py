"""Workflow speed with a mature event log.

Builds (once) a MariaDB database `tcd_bench_wf` with the master data, N petitions
(default 20 000) and a history of 10 events each (200 000 events: about ten years
of a province's work), then times, through the real engine:
- one workflow step (lock, rules, save with history, event) as the Board officer;
- the options a user is shown on a form;
- a document's timeline, and the petition form as a whole (test client);
- a report-style count of steps by action for one month.
Prints median and 95th-percentile milliseconds, and queries per step.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_wf .venv/bin/python \
        benchmarks/workflow_steps.py [--petitions 20000] [--steps 300]
"""

import argparse
import datetime
import random
import statistics
import time

import common  # noqa: I001  (first: the paths and settings Django needs)

EVENTS_PER_PETITION = 10


def build(n: int) -> None:
    from django.utils import timezone
    from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
    from tiep_cong_dan.doctype.citizen.models import Citizen
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.workflow.models import WorkflowEvent

    common.prepare_site()
    if Petition.objects.count() >= n:
        return
    rnd = random.Random(11)
    units = list(AdministrativeUnit.objects.filter(era="from_2025"))
    Citizen.objects.bulk_create(
        [
            Citizen(
                full_name=f"Công dân {i:06d}",
                id_number=f"0210{i:08d}",
                address="thôn Bản Chắt",
                residence_unit=rnd.choice(units),
            )
            for i in range(n)
        ],
        batch_size=5000,
    )
    citizens = list(Citizen.objects.order_by("id")[:n])
    rows = []
    for i, citizen in enumerate(citizens):
        day = datetime.date(2026, 1, 1) - datetime.timedelta(days=rnd.randrange(1, 3650))
        rows.append(
            Petition(
                registration_number=f"{day.year}/TCD-{500_000 + i:06d}",
                registration_year=day.year,
                registration_seq=500_000 + i,
                received_date=day,
                channel="in_person",
                kind="complaint",
                citizen=citizen,
                summary="Khiếu nại về bồi thường",
                content="Nội dung",
                residence_unit=citizen.residence_unit,
                matter_unit=citizen.residence_unit,
                jurisdiction="chairman",
                eligibility_basis="scheme_2_1",
                citizen_consent=True,
            )
        )
    Petition.objects.bulk_create(rows, batch_size=5000)
    ids = list(Petition.objects.values_list("id", flat=True))
    now = timezone.now()
    # Seeding a past log in bulk: the append-only guards stop changes, not inserts.
    events = []
    for pk in ids:
        for k in range(EVENTS_PER_PETITION):
            events.append(
                WorkflowEvent(
                    doctype="petition",
                    object_id=pk,
                    action="notify_acceptance",
                    action_label="Ghi nhận",
                    from_state="received",
                    to_state="received",
                    at=now - datetime.timedelta(days=rnd.randrange(1, 3650), minutes=k),
                )
            )
        if len(events) >= 20_000:
            WorkflowEvent.objects.bulk_create(events)
            events = []
    WorkflowEvent.objects.bulk_create(events)


def timed(fn, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=20_000)
    parser.add_argument("--steps", type=int, default=300)
    args = parser.parse_args()
    common.start("tcd_bench_wf")
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from tiep_cong_dan import workflow
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.workflow.models import WorkflowEvent

    build(args.petitions)
    officer = User.objects.get(username="canbo")
    print(f"petitions: {Petition.objects.count()}, events: {WorkflowEvent.objects.count()}")
    todo = iter(Petition.objects.filter(state="received").order_by("?")[: args.steps])
    reset_queries()  # the build filled the debug log; count from zero
    with CaptureQueriesContext(connection) as queries:
        workflow.apply(next(todo), "classify", by=officer)
    median, p95 = timed(lambda: workflow.apply(next(todo), "classify", by=officer), args.steps - 1)
    print(f"one step (classify): median {median:.1f} ms, p95 {p95:.1f} ms, {len(queries)} queries")
    sample = Petition.objects.filter(state="classified").first()
    median, p95 = timed(lambda: workflow.options(officer, sample), 100)
    print(f"options on a form: median {median:.1f} ms, p95 {p95:.1f} ms")
    median, p95 = timed(lambda: workflow.timeline(sample), 100)
    print(f"timeline of one petition: median {median:.1f} ms, p95 {p95:.1f} ms")
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(officer)
    url = reverse("admin:tiep_cong_dan_petition_change", args=[sample.pk])
    assert client.get(url).status_code == 200
    median, p95 = timed(lambda: client.get(url), 30)
    print(f"petition form with actions and timeline: median {median:.1f} ms, p95 {p95:.1f} ms")
    month = WorkflowEvent.objects.filter(
        doctype="petition",
        at__gte=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC),
        at__lt=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC),
    )

    def count_by_action():
        return list(month.values("action").annotate(n=Count("id")))

    median, p95 = timed(count_by_action, 20)
    print(f"steps by action in one month: median {median:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()

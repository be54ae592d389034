"""Desk list speed on a realistic large table.

Builds (once) a MariaDB database `tcd_bench` with the master data and N petitions
(default 100 000: decades of a province's registrations), then times the petition
list as the Board officer and as a commune officer, with search and filters, through
the full Django stack (test client). Prints median milliseconds and query counts.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench .venv/bin/python \
        benchmarks/petition_lists.py [--petitions 100000]
"""

import argparse
import datetime
import random
import statistics
import time

import common  # noqa: I001  (first: the paths and settings Django needs)


def build(n: int) -> None:
    from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
    from tiep_cong_dan.doctype.citizen.models import Citizen
    from tiep_cong_dan.doctype.petition.models import Petition

    common.prepare_site()
    have = Petition.objects.count()
    if have >= n:
        return
    rnd = random.Random(7)
    units = list(AdministrativeUnit.objects.filter(era="from_2025"))
    citizens = [
        Citizen(
            full_name=f"Công dân {i:06d}",
            id_number=f"0200{i:08d}",
            address="thôn Nà Làng",
            residence_unit=rnd.choice(units),
        )
        for i in range(have, n)
    ]
    Citizen.objects.bulk_create(citizens, batch_size=5000)
    citizens = list(Citizen.objects.order_by("-id")[: n - have])
    kinds = ["complaint", "denunciation", "recommendation", "feedback"]
    rows, seq_by_year = [], {}
    for i, citizen in enumerate(citizens):
        day = datetime.date(2026, 1, 1) - datetime.timedelta(days=rnd.randrange(1, 3650))
        seq_by_year[day.year] = seq_by_year.get(day.year, 0) + 1
        seq = seq_by_year[day.year] + 100_000  # clear of numbers the series issues
        rows.append(
            Petition(
                registration_number=f"{day.year}/TCD-{seq:06d}",
                registration_year=day.year,
                registration_seq=seq,
                received_date=day,
                channel="written",
                kind=rnd.choice(kinds),
                citizen=citizen,
                summary=f"Đơn số {i}",
                content="Nội dung",
                residence_unit=citizen.residence_unit,
                matter_unit=citizen.residence_unit,
                state=rnd.choice(["received", "closed", "approved", "concluded"]),
            )
        )
    Petition.objects.bulk_create(rows, batch_size=5000)


def measure(username: str, path: str, params: dict, runs: int = 7) -> tuple[float, int]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    from django.contrib.auth.models import User

    # What is timed is the list, not signing in (which has its own checks and lockout).
    client.force_login(User.objects.get(username=username))
    client.get(path, params)  # warm
    times = []
    for _ in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path, params)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=100_000)
    args = parser.parse_args()
    common.start("tcd_bench")
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    started = time.perf_counter()
    build(args.petitions)
    from tiep_cong_dan.doctype.petition.models import Petition

    print(f"petitions: {Petition.objects.count()} (built in {time.perf_counter() - started:.0f} s)")
    url = "/desk/tiep_cong_dan/petition/"
    cases = [
        ("canbo", "first page", {}),
        ("canbo", "page 200", {"p": "200"}),
        ("canbo", "search name", {"q": "Công dân 004321"}),
        ("canbo", "search number", {"q": "2020/TCD-1"}),
        ("canbo", "filter state+kind", {"state__exact": "received", "kind__exact": "complaint"}),
        ("xa_dongkinh", "commune first page", {}),
        ("so_nnmt", "department first page", {}),
    ]
    for user, label, params in cases:
        ms, queries = measure(user, url, params)
        print(f"{label:<24} {user:<12} median {ms:7.1f} ms  {queries:3d} queries")


if __name__ == "__main__":
    main()

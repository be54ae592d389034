"""Speed of the related-cases panel (doctype/petition/related.py) on a very large
history: the earlier and open cases of the same citizen, representatives, place and
content of a petition, with the document that closed each.

Builds (once) the history of N petitions with million.py (varied texts with their
content keys, benchmarks/petition_texts.py) in the database DATABASE_URL names (default
`tcd_bench_report`), then opens the panel of --samples petitions drawn at random (seed
23) as the Board officer and as a district officer, after one warm-up each, and prints
p50, p95 and the largest time, the rows shown and the queries. Goal: p95 < 100 ms at
1 000 000 petitions on MariaDB.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_report .venv/bin/python \\
        benchmarks/related_cases.py [--petitions 1000000] [--samples 200]
"""

import argparse
import random
import statistics
import time

import common  # noqa: I001  (first: the paths and settings Django needs)
import million

WHO = {"Board": "canbo", "district officer": "huyen_locbinh"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    common.start(million.DATABASE)
    started = time.perf_counter()
    million.build(args.petitions)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries
    from tiep_cong_dan.access.rules import rule_for
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.doctype.petition.related import related_cases

    total = Petition.objects.count()
    print(f"{total:,} petitions (ready in {time.perf_counter() - started:.0f} s)")
    settings.DEBUG = True  # count queries
    bounds = Petition.objects.order_by("pk").values_list("pk", flat=True)
    first, last = bounds.first(), bounds.last()
    rnd = random.Random(23)
    for who, username in WHO.items():
        user = User.objects.get(username=username)
        visible = rule_for(Petition).queryset(user)
        picked = []
        while len(picked) < args.samples:
            p = visible.filter(pk__gte=rnd.randint(first, last)).order_by("pk").first()
            if p is not None:
                picked.append(p)
        related_cases(picked[0], user)  # warm-up: the unit map, the workflow
        times, rows, queries = [], [], []
        for p in picked:
            reset_queries()
            t = time.perf_counter()
            found = related_cases(p, user)
            times.append((time.perf_counter() - t) * 1000)
            rows.append(len(found))
            queries.append(len(connection.queries))
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"{who:>17}: related cases of {len(picked)} petitions: p50 "
            f"{statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms; "
            f"rows shown {statistics.mean(rows):.1f} on average (max {max(rows)}); "
            f"queries {min(queries)}-{max(queries)}"
        )


if __name__ == "__main__":
    main()

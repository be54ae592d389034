"""Speed of the statistics on a very large history.

Builds (once) a MariaDB database `tcd_bench_report` with the master data and N
petitions (default 1 000 000, spread over 2007-2026) with their workflow events: every
case received and classified, a third proposed and approved, most of those scheduled
and heard in the month's periodic session (about 300 hearings a month, some groups),
some rolled over, each hearing concluded with an assignment. Then times, as the Board
and as a district officer (--who adds the commune and department officers and the
Chairman), the monthly figures, the yearly figures and the dashboard
(medians of 5 runs, after one warm-up). Goals: monthly <= 300 ms, yearly <= 1 s,
dashboard <= 150 ms, for every viewer. The figures of whole months are summed from the
table `rebuild_figures` fills (million.py runs it after writing the rows).

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_report .venv/bin/python \\
        benchmarks/reports.py [--petitions 1000000]
"""

import argparse
import datetime
import statistics
import time

import common  # noqa: I001  (first: the paths and settings Django needs)
import million

# The viewers timed (--who), each with their own scope.
WHO = {
    "Board": "canbo",
    "district officer": "huyen_locbinh",
    "commune officer": "xa_dongkinh",
    "department officer": "so_nnmt",
    "Chairman": "chutich",
}


def timed(fn, runs: int = 5) -> tuple[float, int]:
    from django.db import connection, reset_queries

    fn()  # warm-up
    samples = []
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, len(connection.queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument(
        "--who", default="Board,district officer", help=f"comma separated, of {', '.join(WHO)}"
    )
    args = parser.parse_args()
    common.start(million.DATABASE)
    from django.conf import settings
    from django.contrib.auth.models import User
    from tiep_cong_dan.core.period import Period
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.reporting.dashboard import dashboard
    from tiep_cong_dan.reporting.figures import compute
    from tiep_cong_dan.workflow.models import WorkflowEvent

    started = time.perf_counter()
    million.build(args.petitions)
    settings.DEBUG = True  # count queries
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT @@innodb_buffer_pool_size")
        pool = cur.fetchone()[0] // 2**20
    print(f"MariaDB innodb_buffer_pool_size {pool} MiB")
    print(
        f"{Petition.objects.count():,} petitions, {WorkflowEvent.objects.count():,} events "
        f"(built in {time.perf_counter() - started:.0f} s)"
    )
    chosen = args.who.split(",")
    for who, username in WHO.items():
        if who not in chosen:
            continue
        user = User.objects.get(username=username)
        for name, fn in (
            ("monthly figures 03/2024", lambda u=user: compute(Period.month(2024, 3), u)),
            ("yearly figures 2024", lambda u=user: compute(Period.year(2024), u)),
            ("dashboard (03/2024)", lambda u=user: dashboard(u, datetime.date(2024, 3, 20))),
            ("dashboard (today)", lambda u=user: dashboard(u)),
        ):
            ms, queries = timed(fn)
            print(f"{who:>17}: {name:<26} median {ms:7.0f} ms, {queries} queries")


if __name__ == "__main__":
    main()

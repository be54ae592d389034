"""The monthly figures kept ready (reporting/cube.py) against the direct counts on the
million-petition history of `million.py`: for the Board, the Chairman, a district, a
commune and a department officer (their agencies' rows), several months (this one
too: a department's backlog now is summed from the table, the others' read from the
states), a quarter and years, the received cases, the outcomes, the backlog and the
roll-overs must be equal. Prints each comparison and
exits non-zero on a difference.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_report .venv/bin/python \\
        benchmarks/figures_check.py
"""

import sys
import time

import common  # noqa: I001  (first: the paths and settings Django needs)

PARTS = frozenset({"received", "outcomes", "backlog"})
WHO = ("canbo", "chutich", "huyen_locbinh", "xa_dongkinh", "so_nnmt")


def main() -> int:
    common.start()
    from django.contrib.auth.models import User
    from django.utils import timezone
    from tiep_cong_dan.core.period import Period
    from tiep_cong_dan.reporting import cube, figures

    if not cube.built():
        raise SystemExit("The table is empty: run manage.py rebuild_figures first.")
    periods = [
        Period.month(2010, 6),
        Period.month(2024, 3),
        Period.month(2025, 8),
        Period.quarter(2025, 3),
        Period.year(2024),
        Period.years(2019, 2020),
        Period.month(timezone.localdate().year, timezone.localdate().month),
    ]
    kept_of = figures._Kept.of
    failures = 0
    for username in WHO:
        user = User.objects.get(username=username)
        for period in periods:
            started = time.perf_counter()
            figures._Kept.of = staticmethod(lambda period, user: None)  # the direct counts
            try:
                direct = figures.compute(period, user, parts=PARTS)
            finally:
                figures._Kept.of = kept_of
            middle = time.perf_counter()
            kept = figures.compute(period, user, parts=PARTS)
            done = time.perf_counter()
            a = (direct.received, direct.outcomes, direct.backlog, direct.rolled_over)
            b = (kept.received, kept.outcomes, kept.backlog, kept.rolled_over)
            same = a == b
            failures += not same
            print(
                f"{username:>14} {period.label:<40} {'equal' if same else 'DIFFERENT'}: "
                f"received {b[0]}, approved {b[1]['approved']}, heard {b[1]['heard']}, "
                f"backlog {b[2]}, rolled over {b[3]} "
                f"(direct {1000 * (middle - started):.0f} ms, "
                f"kept {1000 * (done - middle):.0f} ms)",
                flush=True,
            )
            if not same:
                print(f"    direct {a}\n    kept   {b}")
    print(f"{failures} difference(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Speed of the crowded and complex cases' scan (reporting/clusters.py) over one month
on a large history. Goal: under 2 s at 1 000 000 petitions (MariaDB).

Builds (once) the history million.py writes (default 1 000 000 petitions over
2007-2026; --petitions for fewer) in DATABASE_URL's database (default
`tcd_bench_clusters`), then times, inside a transaction it rolls back (the database
is left as it was, flags and notifications included):
- the first scan of the month (every flag new) and a second one (every flag known);
- the comparing alone, on texts that all differ: the history's petitions share one
  summary, which the scan compares once per unit; here each candidate of the month's
  window gets a sentence of its own, drawn from a land-and-compensation vocabulary,
  and the units' groups are compared as the scan does.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_clusters .venv/bin/python \\
        benchmarks/clusters.py [--petitions 1000000] [--month 2024-03]
"""

import argparse
import datetime
import random
import time

import common  # noqa: I001  (first: the paths and settings Django needs)
import million

DATABASE = "tcd_bench_clusters"
WORDS = (
    "khiếu nại tố cáo kiến nghị bồi thường hỗ trợ tái định cư thu hồi đất giải phóng mặt "
    "bằng cấp giấy chứng nhận quyền sử dụng ranh giới tranh chấp lấn chiếm xây dựng "
    "đường giao thông chợ trường học thủy lợi rừng nương rẫy giá đền bù quyết định chủ "
    "tịch ủy ban cán bộ địa chính thôn bản khối phố hộ gia đình diện tích thửa"
).split()


def _timed(fn) -> tuple[float, int, object]:
    from django.db import connection, reset_queries

    reset_queries()
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, len(connection.queries), value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--month", default="2024-03", help="YYYY-MM, the month scanned")
    args = parser.parse_args()
    common.start(DATABASE)
    from django.conf import settings
    from django.db import connection, transaction
    from tiep_cong_dan.core.period import Period
    from tiep_cong_dan.doctype.case_cluster.services import current_rule
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.doctype.petition.similarity import content_key
    from tiep_cong_dan.reporting import clusters
    from tiep_cong_dan.reporting.areas import UnitNames

    started = time.perf_counter()
    million.build(args.petitions)
    settings.DEBUG = True  # count queries
    year, month = (int(x) for x in args.month.split("-"))
    period = Period.month(year, month)
    print(
        f"{Petition.objects.count():,} petitions in {connection.settings_dict['NAME']} "
        f"(ready in {time.perf_counter() - started:.0f} s); month {period.label}"
    )

    from django.urls import reverse

    reverse("admin:index")  # the URL table, built once per process (a worker's is warm)

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for label in ("first scan (flags new)", "second scan (flags known)"):
                ms, queries, result = _timed(
                    lambda: clusters.scan_clusters(period.end, start=period.start)
                )
                print(
                    f"{label:<28} {ms:7.0f} ms, {queries} queries: {len(result.new)} new, "
                    f"{result.updated} updated, {result.closed} closed"
                )
            raise Rollback
    except Rollback:
        pass

    # The comparing alone, every text its own.
    rule = current_rule()
    since = period.start - datetime.timedelta(days=rule.window_days)
    names = UnitNames()
    rnd = random.Random(7)
    by_unit: dict[int, list[str]] = {}
    rows = Petition.objects.filter(received_date__range=(since, period.end)).values_list(
        "matter_unit_id", flat=True
    )
    for unit in rows.iterator(chunk_size=5000):
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(8, 25)))
        by_unit.setdefault(names.in_force(unit, period.end), []).append(content_key(text))
    start = time.perf_counter()
    joined = sum(
        1
        for keys in by_unit.values()
        for part in clusters._components(keys, rule.similarity)
        if len(part) > 1
    )
    ms = (time.perf_counter() - start) * 1000
    sizes = sorted(len(k) for k in by_unit.values())
    print(
        f"comparing {sum(sizes):,} distinct texts in {len(sizes)} units "
        f"(largest {sizes[-1] if sizes else 0}): {ms:.0f} ms, {joined} groups of 2 or more"
    )


if __name__ == "__main__":
    main()

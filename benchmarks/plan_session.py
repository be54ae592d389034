"""Planning a session from a long queue.

Builds (once) a MariaDB database `tcd_bench_plan` with the master data and N approved
petitions (default 1 000) spread over the province's communes, then times
`build_agenda` for a draft periodic session (15 hearings with slots, commune points
and invitees, through the workflow's logged step), each run rolled back so the queue
stays the same. Prints the median and the worst of the runs and the queries per run.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_plan .venv/bin/python \\
        benchmarks/plan_session.py [--approved 1000] [--runs 10]
"""

import argparse
import datetime
import random
import statistics
import time

import common  # noqa: I001  (first: the paths and settings Django needs)


class Rollback(Exception):
    pass


def build(n: int) -> None:
    from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
    from tiep_cong_dan.doctype.citizen.models import Citizen
    from tiep_cong_dan.doctype.petition.models import Petition

    common.prepare_site()
    if Petition.objects.count() >= n:
        return
    rnd = random.Random(3)
    units = list(AdministrativeUnit.objects.filter(era="from_2025", level="commune"))
    Citizen.objects.bulk_create(
        [
            Citizen(
                full_name=f"Công dân {i:05d}",
                id_number=f"0220{i:08d}",
                address="thôn Khòn Pịt",
                residence_unit=rnd.choice(units),
            )
            for i in range(n)
        ]
    )
    rows = []
    for i, citizen in enumerate(Citizen.objects.order_by("id")[:n]):
        day = datetime.date(2026, 1, 1) - datetime.timedelta(days=rnd.randrange(1, 700))
        rows.append(
            Petition(
                registration_number=f"{day.year}/TCD-{700_000 + i:06d}",
                registration_year=day.year,
                registration_seq=700_000 + i,
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
                citizen_consent=rnd.random() < 0.7,
                group_size=rnd.choice([1] * 15 + [6]),
                # Seeded as the queue the Board would have after approvals.
                state="approved",
            )
        )
    Petition.objects.bulk_create(rows, batch_size=2000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--approved", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    common.start("tcd_bench_plan")
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries, transaction
    from django.test.utils import CaptureQueriesContext
    from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
    from tiep_cong_dan.doctype.reception_session.services import create_session
    from tiep_cong_dan.scheduling.agenda import build_agenda
    from tiep_cong_dan.scheduling.queue import queue

    build(args.approved)
    officer = User.objects.get(username="canbo")
    print(f"queue: {queue().count()} approved cases")
    samples, queries = [], 0
    for _ in range(args.runs):
        reset_queries()
        try:
            with transaction.atomic():
                session = create_session(
                    ReceptionSession(
                        kind="periodic",
                        date=datetime.date(2026, 12, 15),
                        presiding_official="Chủ tịch UBND tỉnh",
                        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
                    ),
                    by=officer,
                )
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    added = build_agenda(session, by=officer)
                    samples.append((time.perf_counter() - start) * 1000)
                queries = len(captured)
                raise Rollback
        except Rollback:
            pass
    print(
        f"build_agenda ({len(added)} hearings): median {statistics.median(samples):.0f} ms, "
        f"worst {max(samples):.0f} ms, {queries} queries"
    )


if __name__ == "__main__":
    main()

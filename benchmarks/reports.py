"""Speed of the statistics on a very large history.

Builds (once) a MariaDB database `tcd_bench_report` with the master data and N
petitions (default 1 000 000, spread over 2007-2026) with their workflow events: every
case received and classified, a third proposed and approved, most of those scheduled
and heard in the month's periodic session (about 300 hearings a month, some groups),
some rolled over, each hearing concluded with an assignment. Then times, as the Board
and as a district officer, the monthly figures, the yearly figures and the dashboard
(medians of 5 runs, after one warm-up). Goals: monthly <= 300 ms, yearly <= 1 s.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_report .venv/bin/python \\
        benchmarks/reports.py [--petitions 1000000]
"""

import argparse
import datetime
import random
import statistics
import time

import common  # noqa: I001  (first: the paths and settings Django needs)

FIRST_YEAR, LAST_YEAR = 2007, 2026


def _blank_text_columns(cursor, table: str, columns: list[str]) -> list[str]:
    """Required text columns the history leaves empty (conference details, minutes...):
    named here so a later migration adding one does not break the build."""
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE "
        "table_schema = DATABASE() AND table_name = %s AND is_nullable = 'NO' "
        "AND column_default IS NULL AND extra NOT LIKE '%%auto_increment%%'",
        [table],
    )
    missing = [(name, kind) for name, kind in cursor.fetchall() if name not in columns]
    wrong = [name for name, kind in missing if kind not in ("varchar", "longtext", "text")]
    if wrong:
        raise SystemExit(f"{table}: the benchmark must give values for {', '.join(wrong)}")
    return [name for name, _kind in missing]


def _insert(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    blank = _blank_text_columns(cursor, table, columns)
    columns = [*columns, *blank]
    rows = [(*row, *[""] * len(blank)) for row in rows]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    for i in range(0, len(rows), 5000):
        cursor.executemany(sql, rows[i : i + 5000])


def build(n: int) -> None:  # noqa: PLR0915 - one linear script of set-up
    from django.db import connection, transaction
    from django.utils import timezone
    from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
    from tiep_cong_dan.doctype.agency.models import Agency
    from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
    from tiep_cong_dan.doctype.petition.models import Petition

    common.prepare_site()
    months = (LAST_YEAR - FIRST_YEAR + 1) * 12
    if Petition.objects.count() >= n // months * months:  # built already (whole months)
        return
    rnd = random.Random(11)
    old = list(AdministrativeUnit.objects.filter(era="before_2025", level="commune"))
    new = list(AdministrativeUnit.objects.filter(era="from_2025", level="commune"))
    agencies = list(Agency.objects.filter(active=True).values_list("pk", flat=True))
    host = BridgePoint.objects.get(code="LS-TSTCD").pk
    tz = timezone.get_current_timezone()

    def at(day, hour=9):
        return datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)

    per_month = n // months
    with connection.cursor() as cur:
        cur.execute("SET @tcd_allow_event_purge = 1")
        seq_by_year: dict[int, int] = {}
        petition_id = citizen_id = session_id = notice_id = 0
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            citizens, petitions, events, sessions, items, notices, tasks = (
                [],
                [],
                [],
                [],
                [],
                [],
                [],
            )
            for month in range(1, 13):
                first = datetime.date(year, month, 1)
                session_day = datetime.date(year, month, 15)
                session_id += 1
                sessions.append(
                    (
                        session_id,
                        "periodic",
                        "",
                        session_day,
                        "14:00",
                        "17:00",
                        host,
                        "Chủ tịch UBND tỉnh",
                        15,
                        "closed",
                        "",
                        "",
                        "",
                        "08:00",
                        "11:30",
                        12,
                        20,
                        3,
                        0,
                        "",
                    )
                )
                notice_id += 1
                notices.append(
                    (
                        notice_id,
                        f"{notice_id:02d}/TB-UBND",
                        year,
                        notice_id,
                        session_day + datetime.timedelta(days=5),
                        session_id,
                        "Chủ tịch",
                        "Chủ tịch",
                        "",
                        "distributed",
                    )
                )
                heard_in_month = 0
                for _ in range(per_month):
                    petition_id += 1
                    citizen_id += 1
                    day = first + datetime.timedelta(days=rnd.randrange(28))
                    unit = rnd.choice(old if day < datetime.date(2025, 7, 1) else new)
                    seq_by_year[year] = seq_by_year.get(year, 0) + 1
                    group = 8 if rnd.random() < 0.04 else 1
                    citizens.append(
                        (
                            citizen_id,
                            f"Công dân {citizen_id}",
                            f"02{citizen_id:010d}",
                            "thôn Nà Làng",
                            unit.pk,
                            False,
                            timezone.now(),
                            "",
                            "",
                            "",
                            "",
                        )
                    )
                    fate = rnd.random()
                    state = "classified"
                    steps = [
                        ("create", "", "received", day),
                        ("classify", "received", "classified", day),
                    ]
                    if fate < 0.33:
                        steps += [
                            ("propose", "classified", "proposed", day + datetime.timedelta(2)),
                            ("approve", "proposed", "approved", day + datetime.timedelta(4)),
                        ]
                        state = "approved"
                        hearing = (
                            session_day if day.day < 10 else session_day + datetime.timedelta(31)
                        )
                        if heard_in_month < 300 and hearing.year <= LAST_YEAR and fate < 0.30:
                            heard_in_month += 1
                            steps += [
                                (
                                    "schedule",
                                    "approved",
                                    "scheduled",
                                    hearing - datetime.timedelta(8),
                                ),
                                ("hear", "scheduled", "heard", hearing),
                                ("conclude", "heard", "concluded", hearing + datetime.timedelta(5)),
                            ]
                            state = "concluded"
                            items.append(
                                (
                                    session_id,
                                    heard_in_month,
                                    petition_id,
                                    "online" if rnd.random() < 0.4 else "in_person",
                                    True,
                                    group if group > 1 else None,
                                    "",
                                )
                            )
                            tasks.append(
                                (
                                    notice_id,
                                    petition_id,
                                    rnd.choice(agencies),
                                    session_day + datetime.timedelta(30),
                                    "accepted" if rnd.random() < 0.8 else "open",
                                    session_day + datetime.timedelta(rnd.randrange(10, 45)),
                                    "Kiểm tra, trả lời công dân.",
                                    "",
                                )
                            )
                        elif fate < 0.31:
                            steps += [
                                (
                                    "schedule",
                                    "approved",
                                    "scheduled",
                                    session_day - datetime.timedelta(8),
                                ),
                                ("mark_not_reached", "scheduled", "approved", session_day),
                            ]
                    elif fate < 0.45:
                        steps += [
                            (
                                "not_propose",
                                "classified",
                                "not_proposed",
                                day + datetime.timedelta(3),
                            ),
                            ("issue_reply", "not_proposed", "replied", day + datetime.timedelta(6)),
                        ]
                        state = "replied"
                    petitions.append(
                        (
                            petition_id,
                            f"{year}/TCD-{seq_by_year[year]:06d}",
                            year,
                            seq_by_year[year],
                            day,
                            "written",
                            rnd.choice(
                                [
                                    "complaint",
                                    "complaint",
                                    "denunciation",
                                    "recommendation",
                                    "feedback",
                                ]
                            ),
                            citizen_id,
                            "Khiếu nại quyết định thu hồi đất",
                            "Nội dung.",
                            "",
                            group,
                            unit.pk,
                            unit.pk,
                            "",
                            "chairman",
                            "scheme_2_1",
                            True,
                            "",
                            False,
                            state,
                            timezone.now(),
                            timezone.now(),
                            False,
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                        )
                    )
                    for action, src, dst, when in steps:
                        events.append(
                            (
                                "petition",
                                petition_id,
                                action,
                                action,
                                src,
                                dst,
                                at(when),
                                "[]",
                                "",
                                "[]",
                                "{}",
                                0,
                            )
                        )
            with transaction.atomic():
                _insert(
                    cur,
                    "tiep_cong_dan_citizen",
                    [
                        "id",
                        "full_name",
                        "id_number",
                        "address",
                        "residence_unit_id",
                        "contact_consent",
                        "created_at",
                        "phone",
                        "email",
                        "gender",
                        "id_kind",
                    ],
                    citizens,
                )
                _insert(
                    cur,
                    "tiep_cong_dan_petition",
                    [
                        "id",
                        "registration_number",
                        "registration_year",
                        "registration_seq",
                        "received_date",
                        "channel",
                        "kind",
                        "citizen_id",
                        "summary",
                        "content",
                        "people_concerned",
                        "group_size",
                        "residence_unit_id",
                        "matter_unit_id",
                        "earlier_handling",
                        "jurisdiction",
                        "eligibility_basis",
                        "citizen_consent",
                        "chairman_proposal",
                        "identity_protection_requested",
                        "state",
                        "created_at",
                        "updated_at",
                        "urgent",
                        "acceptance_outcome",
                        "refusal_ground",
                        "refusal_notice_number",
                        "reply_letter_number",
                        "reply_reason",
                        "transfer_letter",
                    ],
                    petitions,
                )
                _insert(
                    cur,
                    "tiep_cong_dan_workflowevent",
                    [
                        "doctype",
                        "object_id",
                        "action",
                        "action_label",
                        "from_state",
                        "to_state",
                        "at",
                        "actor_roles",
                        "comment",
                        "overridden",
                        "snapshot",
                        "workflow_revision",
                    ],
                    events,
                )
                _insert(
                    cur,
                    "tiep_cong_dan_receptionsession",
                    [
                        "id",
                        "kind",
                        "ad_hoc_ground",
                        "date",
                        "start_time",
                        "end_time",
                        "host_bridge_point_id",
                        "presiding_official",
                        "capacity",
                        "state",
                        "conference_platform",
                        "conference_reference",
                        "recording_reference",
                        "in_person_start",
                        "in_person_end",
                        "slot_minutes",
                        "group_slot_minutes",
                        "gap_minutes",
                        "central_board_invited",
                        "notes",
                    ],
                    sessions,
                )
                _insert(
                    cur,
                    "tiep_cong_dan_agendaitem",
                    [
                        "session_id",
                        "position",
                        "petition_id",
                        "mode",
                        "heard",
                        "attendance_count",
                        "attendees",
                    ],
                    items,
                )
                _insert(
                    cur,
                    "tiep_cong_dan_resultnotice",
                    [
                        "id",
                        "number",
                        "number_year",
                        "number_seq",
                        "issued_date",
                        "session_id",
                        "signer_name",
                        "signer_title",
                        "recipients",
                        "state",
                    ],
                    notices,
                )
                _insert(
                    cur,
                    "tiep_cong_dan_assignment",
                    [
                        "notice_id",
                        "petition_id",
                        "agency_id",
                        "deadline",
                        "state",
                        "done_on",
                        "task",
                        "report",
                    ],
                    tasks,
                )
            print(f"  {year}: {petition_id} petitions", flush=True)


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
    args = parser.parse_args()
    common.start("tcd_bench_report")
    from django.conf import settings
    from django.contrib.auth.models import User
    from tiep_cong_dan.core.period import Period
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.reporting.dashboard import dashboard
    from tiep_cong_dan.reporting.figures import compute
    from tiep_cong_dan.workflow.models import WorkflowEvent

    started = time.perf_counter()
    build(args.petitions)
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
    board, district = User.objects.get(username="canbo"), User.objects.get(username="huyen_locbinh")
    for who, user in (("Board", board), ("district officer", district)):
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

"""The national-scale history every large benchmark reads: a MariaDB database
`tcd_bench_report` with the master data and N petitions (default 1 000 000, spread over
2007-2026) with their citizens and workflow events: every case received and classified,
a third proposed and approved, most of those scheduled and heard in the month's periodic
session (about 300 hearings a month, some groups), some rolled over, each hearing
concluded with an assignment; about a third concern a department (the agencies asked
to verify or settle it), as a department's officer sees them. Written with multi-row
INSERTs, a year per transaction: about ten minutes for a million petitions.
"""

import datetime
import random

import common  # noqa: I001  (first: the paths and settings Django needs)
from petition_texts import petition_text

FIRST_YEAR, LAST_YEAR = 2007, 2026
DATABASE = "tcd_bench_report"

# Names as the province's registers hold them: a family name, a middle name and a
# given name (about 29 000 combinations, the common ones more often), so a search by a
# full name finds tens of people as it would in life, not one in a million nor everyone.
FAMILY = (
    "Nguyễn Nguyễn Nguyễn Hoàng Hoàng Lương Nông Triệu Hà Lê Vi Lộc Trần Phạm Lý Đinh Mã "
    "Hứa Vũ Đỗ Chu Bế Lăng Dương"
).split()
MIDDLE = (
    "Văn Văn Văn Thị Thị Thị Đức Minh Thanh Ngọc Quang Hữu Xuân Thu Kim Đình Công Mạnh Hồng Bích"
).split()
GIVEN = (
    "An Bình Cường Dũng Đông Giang Hà Hải Hạnh Hiền Hòa Hùng Hương Khánh Lan Linh Long Mai "
    "Nam Nga Ngân Phúc Phương Quân Sơn Tâm Thắng Thảo Thủy Thụ Tiến Trang Trung Tú Tuấn Việt "
    "Vinh Xuân Yến Ý Chiến Dung Em Hậu Huy Kiên Lâm Lực Minh Nhung Oanh Quyết Sáu Tài Thịnh "
    "Toàn Uyên Vân Xuyến Yên"
).split()


def person_name(rnd: random.Random) -> str:
    return f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"


def _blank_columns(cursor, table: str, columns: list[str]) -> list[tuple[str, object]]:
    """Required text and yes/no columns the history leaves empty or false (conference
    details, minutes, flags...), with that value: named here so a later migration adding
    one does not break the build."""
    cursor.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE "
        "table_schema = DATABASE() AND table_name = %s AND is_nullable = 'NO' "
        "AND column_default IS NULL AND extra NOT LIKE '%%auto_increment%%'",
        [table],
    )
    missing = [(name, kind) for name, kind in cursor.fetchall() if name not in columns]
    blank = {"varchar": "", "longtext": "", "text": "", "tinyint": 0}
    # A column the model gives a default (a number of days...) takes that default.
    defaults = _model_defaults(table)
    wrong = [name for name, kind in missing if kind not in blank and name not in defaults]
    if wrong:
        raise SystemExit(f"{table}: the benchmark must give values for {', '.join(wrong)}")
    return [(name, defaults.get(name, blank.get(kind))) for name, kind in missing]


def _model_defaults(table: str) -> dict[str, object]:
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.db_table == table:
            return {
                f.column: f.get_default()
                for f in model._meta.concrete_fields
                if f.has_default() and not callable(f.default)
            }
    return {}


def _insert(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    blank = _blank_columns(cursor, table, columns)
    columns = [*columns, *(name for name, _value in blank)]
    values = tuple(value for _name, value in blank)
    rows = [(*row, *values) for row in rows]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    for i in range(0, len(rows), 5000):
        cursor.executemany(sql, rows[i : i + 5000])


def built(n: int = 1_000_000) -> bool:
    """Whether the history of `n` petitions is there already, asked without touching the
    schema: a database others are reading is never migrated by a benchmark that only
    reads it."""
    from django.db import DatabaseError
    from tiep_cong_dan.doctype.petition.models import Petition

    months = (LAST_YEAR - FIRST_YEAR + 1) * 12
    try:
        return Petition.objects.count() >= n // months * months
    except DatabaseError:  # no schema yet
        return False


def build(n: int = 1_000_000) -> None:  # noqa: PLR0915 - one linear script of set-up
    from django.db import connection, transaction
    from django.utils import timezone
    from tiep_cong_dan.core.search import search_words
    from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
    from tiep_cong_dan.doctype.agency.models import Agency
    from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
    from tiep_cong_dan.doctype.citizen.name_words import words_of
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.doctype.petition.similarity import content_key

    common.prepare_site()
    months = (LAST_YEAR - FIRST_YEAR + 1) * 12
    if Petition.objects.count() >= n // months * months:  # built already (whole months)
        concern_departments()  # a history built before cases named their departments
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
    # Each petition's text and content key (their own random sequence: the rest of the
    # history is as it was before texts varied; about a minute a million).
    text_rnd = random.Random(23)

    def text() -> tuple[str, str, str]:
        summary, content = petition_text(text_rnd)
        return summary, content, content_key(f"{summary} {content}")

    with connection.cursor() as cur:
        cur.execute("SET @tcd_allow_event_purge = 1")
        # The rows are generated consistent (every key names a row written before it,
        # every number is unique by construction): checking each one again while loading
        # a million costs more than writing it. Only this connection, only this build.
        cur.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0")
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
                    name, number = person_name(rnd), f"02{citizen_id:010d}"
                    citizens.append(
                        (
                            citizen_id,
                            name,
                            number,
                            search_words(name, number),
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
                                    unit.pk,  # the case's units, as the petition's
                                    unit.pk,
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
                            *text(),
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
                        "search_text",
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
                # Their names' words, as Citizen.save keeps them (citizen/name_words.py).
                _insert(
                    cur,
                    "tiep_cong_dan_citizenword",
                    ["citizen_id", "word"],
                    [(row[0], word) for row in citizens for word in words_of(row[3])],
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
                        "content_key",
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
                        "case_residence_unit",
                        "case_matter_unit",
                    ],
                    tasks,
                )
            print(f"  {year}: {petition_id} petitions", flush=True)
    concern_departments()
    # Rows written without the workflow engine: the monthly figures are counted after.
    from tiep_cong_dan.reporting.cube import rebuild

    rebuild()


# The share of cases that concern a department (one of the province's active ones,
# spread evenly): a department's officer sees a few tens of thousands of a million.
CONCERNED_PERCENT = 35


def concern_departments() -> None:
    """The departments concerned by about a third of the cases, written once (in one
    statement: the case's key picks whether and which, so the same cases each time)."""
    from django.db import connection, transaction
    from tiep_cong_dan.doctype.agency.models import Agency
    from tiep_cong_dan.doctype.petition.models import Petition

    link = Petition.agencies_concerned.through
    if link.objects.exists():
        return
    departments = list(
        Agency.objects.filter(kind="department", active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    picks = ", ".join(str(pk) for pk in departments)
    table, cases = link._meta.db_table, Petition._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            # The link carries the case's state and order (PetitionAgency.COPIED).
            f"INSERT INTO {table} (petition_id, agency_id, state, registration_year, "
            f"registration_seq) SELECT id, ELT(1 + (id * 7919) % {len(departments)}, {picks}), "
            f"state, registration_year, registration_seq FROM {cases} "
            f"WHERE (id * 104729) % 100 < {CONCERNED_PERCENT}"
        )
        print(f"  departments concerned: {cursor.rowcount} cases", flush=True)

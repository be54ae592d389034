"""The reception session pages and the API lists of sessions and assignments.

Builds (once) a MariaDB database `tcd_bench_sessions` with the master data, four
years of monthly and ad hoc sessions (2023-2026), each with 15 hearings taken from
the queue by the real agenda builder and its invitations prepared by the real
service (petitioners and their representatives, the communes hosting a hearing, the
agencies concerned), a Result Notice per session with a task per hearing, and N
approved cases (default 1 000) still waiting in the queue. One upcoming session,
announced, has its 15 hearings and invitations too: the form measured.

Then times, through the full Django stack (test client, signed in):
- the session form (change page), the agenda board, the month calendar and the queue,
  as the Board officer, and the form and the board as a commune officer;
- the API's sessions (with their agendas) and assignments, first page, with a token.
Prints the median and 95th percentile in ms, the queries of one request and its size.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_sessions .venv/bin/python \\
        benchmarks/session_pages.py [--queue 1000] [--runs 30]
"""

import argparse
import datetime
import random
import time

import common  # noqa: I001  (first: the paths and settings Django needs)

YEARS = (2023, 2024, 2025, 2026)
UPCOMING = datetime.date(2027, 1, 15)
PER_SESSION = 15


def _petitions(n: int, rnd: random.Random, start: int, first_day: datetime.date, days: int):
    """n approved cases received over `days` days from `first_day`, a sixth of them
    groups with two representatives, each naming one or two agencies concerned."""
    from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
    from tiep_cong_dan.doctype.agency.models import Agency
    from tiep_cong_dan.doctype.citizen.models import Citizen
    from tiep_cong_dan.doctype.petition.models import Petition, PetitionRepresentative

    units = list(AdministrativeUnit.objects.filter(era="from_2025", level="commune"))
    agencies = list(Agency.objects.filter(active=True, kind="department"))
    people = Citizen.objects.bulk_create(
        [
            Citizen(
                full_name=f"Công dân {start + i:06d}",
                id_number=f"0230{start + i:08d}",
                address="thôn Nà Pàn",
                residence_unit=rnd.choice(units),
            )
            for i in range(n * 2)
        ],
        batch_size=2000,
    )
    people = list(Citizen.objects.filter(id_number__startswith="0230").order_by("-id")[: n * 2])
    petitioners, spares = people[:n], people[n:]
    rows = []
    for i, citizen in enumerate(petitioners):
        day = first_day + datetime.timedelta(days=rnd.randrange(days))
        rows.append(
            Petition(
                registration_number=f"{day.year}/TCD-{start + i:06d}",
                registration_year=day.year,
                registration_seq=start + i,
                received_date=day,
                channel="in_person",
                kind="complaint",
                citizen=citizen,
                summary="Khiếu nại về bồi thường, hỗ trợ tái định cư",
                content="Nội dung",
                residence_unit=citizen.residence_unit,
                matter_unit=citizen.residence_unit,
                jurisdiction="chairman",
                eligibility_basis="scheme_2_1",
                citizen_consent=rnd.random() < 0.8,
                group_size=6 if i % 6 == 0 else 1,
                state="approved",
            )
        )
    created = Petition.objects.bulk_create(rows, batch_size=2000)
    created = list(Petition.objects.filter(registration_seq__gte=start).order_by("id"))
    links, reps = [], []
    through = Petition.agencies_concerned.through
    for i, petition in enumerate(created):
        for agency in rnd.sample(agencies, rnd.choice([1, 1, 2])):
            links.append(
                through(petition_id=petition.pk, agency_id=agency.pk, **petition.link_copy())
            )
        if petition.group_size > 1:
            reps += [
                PetitionRepresentative(petition=petition, citizen=spares[(2 * i + k) % len(spares)])
                for k in range(2)
            ]
    through.objects.bulk_create(links, batch_size=5000)
    PetitionRepresentative.objects.bulk_create(reps, batch_size=2000, ignore_conflicts=True)


def _session(day: datetime.date, kind: str = "periodic", ground: str = ""):
    from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
    from tiep_cong_dan.doctype.reception_session.services import create_session
    from tiep_cong_dan.scheduling.agenda import build_agenda
    from tiep_cong_dan.scheduling.invitations import prepare_invitations

    session = create_session(
        ReceptionSession(
            kind=kind,
            ad_hoc_ground=ground,
            date=day,
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
            capacity=PER_SESSION,
            slot_minutes=10,
            group_slot_minutes=15,
            gap_minutes=0,
        ),
        by=None,
    )
    build_agenda(session)
    prepare_invitations(session)
    return session


def build(queue_size: int) -> None:
    from django.utils import timezone
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
    from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice

    common.prepare_site()
    if ReceptionSession.objects.filter(date=UPCOMING).exists():
        return
    rnd = random.Random(19)
    days = [datetime.date(y, m, 15) for y in YEARS for m in range(1, 13)]
    adhoc = [datetime.date(y, m, 8) for y in YEARS for m in (3, 9)]
    past = sorted(days + adhoc)
    _petitions(len(past) * PER_SESSION, rnd, 800_000, datetime.date(2022, 12, 1), 30)
    print(f"history: {len(past)} sessions")
    for n, day in enumerate(past):
        session = _session(day, *(("ad_hoc", "a") if day.day == 8 else ("periodic", "")))
        items = list(session.agenda_items.select_related("petition"))
        Petition.objects.filter(pk__in=[i.petition_id for i in items]).update(state="concluded")
        session.invitations.update(sent_at=timezone.now(), number="01/GM-BTCD")
        session.agenda_items.update(heard=True)
        ReceptionSession.objects.filter(pk=session.pk).update(state="closed")
        notice = ResultNotice.objects.create(session=session, state="issued")
        Conclusion.objects.bulk_create(
            [Conclusion(notice=notice, petition=i.petition, text="Kết luận.") for i in items]
        )
        Assignment.objects.bulk_create(
            [
                Assignment(
                    notice=notice,
                    petition=i.petition,
                    agency=i.petition.agencies_concerned.first(),
                    task="Kiểm tra, giải quyết và báo cáo kết quả.",
                    deadline=day + datetime.timedelta(days=30),
                )
                for i in items
            ]
        )
        if n % 10 == 0:
            print(f"  {n + 1}/{len(past)} sessions")
    _petitions(queue_size + PER_SESSION, rnd, 900_000, datetime.date(2025, 1, 1), 700)
    upcoming = _session(UPCOMING)
    ReceptionSession.objects.filter(pk=upcoming.pk).update(state="announced")
    upcoming.invitations.update(sent_at=timezone.now())


def timed(call, runs: int) -> tuple[float, float, int, int]:
    """median, p95 (ms), queries of the last run, bytes of the answer."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    response = call()  # warm
    samples = []
    for _ in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = call()
            samples.append((time.perf_counter() - start) * 1000)
    median, p95 = common.median_p95(samples)
    return median, p95, len(queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queue", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    common.start("tcd_bench_sessions")
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse
    from rest_framework.throttling import UserRateThrottle
    from tiep_cong_dan.doctype.reception_session.models import Invitation, ReceptionSession
    from tiep_cong_dan.scheduling.queue import queue

    started = time.perf_counter()
    build(args.queue)
    UserRateThrottle.THROTTLE_RATES = {"user": "1000000/minute"}  # timing, not limiting
    session = ReceptionSession.objects.get(date=UPCOMING)
    print(
        f"{ReceptionSession.objects.count()} sessions, "
        f"{Invitation.objects.count()} invitations ({session.invitations.count()} on the "
        f"form), queue {queue().count()} (ready in {time.perf_counter() - started:.0f} s)"
    )
    pages = [
        ("session form", reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk])),
        ("agenda board", reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[session.pk])),
        ("calendar", reverse("admin:tiep_cong_dan_receptionsession_calendar") + "?month=2027-01"),
        ("queue", reverse("admin:tiep_cong_dan_petition_queue")),
    ]
    cases = [("canbo", label, url) for label, url in pages]
    cases += [("xa_dongkinh", label, url) for label, url in pages[:3]]
    for username, label, url in cases:
        client = Client()
        client.force_login(User.objects.get(username=username))
        if client.get(url).status_code != 200:
            print(f"{label:<14} {username:<12} not shown to this user")
            continue
        median, p95, queries, size = timed(common.get_ok(client, url), args.runs)
        print(
            f"{label:<14} {username:<12} median {median:6.0f} ms, p95 {p95:6.0f} ms, "
            f"{queries:3d} queries, {size / 1024:5.0f} KB"
        )
    from api_exports import api_client

    for username in ("canbo", "so_nnmt"):
        for label, path in (
            ("API sessions", "/api/v1/sessions/"),
            ("API assignments", "/api/v1/assignments/"),
        ):
            median, p95, queries, size = timed(common.get_ok(api_client(username), path), args.runs)
            print(
                f"{label:<14} {username:<12} median {median:6.0f} ms, p95 {p95:6.0f} ms, "
                f"{queries:3d} queries, {size / 1024:5.0f} KB"
            )


if __name__ == "__main__":
    main()

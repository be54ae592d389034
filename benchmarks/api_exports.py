"""Speed of the REST API and the exports on a large history.

Builds (once) a MariaDB database `tcd_bench_api` with the same history as
benchmarks/reports.py (master data, N petitions over 2007-2026 with their workflow
events, monthly sessions, hearings, result notices and assignments; default 200 000
petitions, several times the province's real volume), then times through the full
Django stack, with per-user API tokens:

- the API's petition list (first page, a late page, a name search), citizens and
  sessions, as the Board officer, a district officer, a commune officer, a department;
- the national export of a month and of a year (JSON and the CSV zip);
- a desk list export of 500 selected petitions to Excel.

Medians of 5 runs after one warm-up, with the query count of the last run.

    DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_api .venv/bin/python \\
        benchmarks/api_exports.py [--petitions 200000]
"""

import argparse
import datetime
import time

import common  # noqa: I001  (first: the paths and settings Django needs)


def api_client(username: str):
    from django.contrib.auth.models import User
    from rest_framework.test import APIClient
    from tiep_cong_dan.api.models import ApiToken

    _token, key = ApiToken.issue(User.objects.get(username=username), "benchmark")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=200_000)
    args = parser.parse_args()
    common.start("tcd_bench_api")
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client
    from reports import build, timed
    from rest_framework.throttling import UserRateThrottle
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.exports.national import export_national

    settings.ALLOWED_HOSTS = ["testserver"]
    UserRateThrottle.THROTTLE_RATES = {"user": "1000000/minute"}  # timing, not limiting
    started = time.perf_counter()
    build(args.petitions)
    settings.DEBUG = True  # count queries
    print(
        f"{Petition.objects.count():,} petitions (built in {time.perf_counter() - started:.0f} s)"
    )

    api = "/api/v1"
    cases = [
        ("canbo", "petitions, first page", f"{api}/petitions/", {}),
        ("canbo", "petitions, page 1000", f"{api}/petitions/", {"page": "1000"}),
        (
            "canbo",
            "petitions, state+kind 2024",
            f"{api}/petitions/",
            {
                "state": "concluded",
                "kind": "complaint",
                "received_from": "2024-01-01",
                "received_to": "2024-12-31",
            },
        ),
        ("canbo", "petitions, name search", f"{api}/petitions/", {"search": "Công dân 0043"}),
        ("canbo", "citizens, first page", f"{api}/citizens/", {}),
        ("canbo", "sessions with agendas", f"{api}/sessions/", {}),
        ("canbo", "assignments", f"{api}/assignments/", {}),
        ("huyen_locbinh", "petitions, first page", f"{api}/petitions/", {}),
        ("xa_dongkinh", "petitions, first page", f"{api}/petitions/", {}),
        ("so_nnmt", "petitions, first page", f"{api}/petitions/", {}),
        (
            "canbo",
            "report figures 03/2024",
            f"{api}/reports/figures/",
            {
                "from": "2024-03-01",
                "to": "2024-03-31",
            },
        ),
    ]
    for username, label, path, params in cases:
        ms, queries = timed(common.get_ok(api_client(username), path, params))
        print(f"API {label:<30} {username:<14} median {ms:7.0f} ms, {queries} queries")

    board = User.objects.get(username="canbo")
    district = User.objects.get(username="huyen_locbinh")
    month = (datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))
    year = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    for label, user, period, fmt in (
        ("national export, month, JSON", board, month, "json"),
        ("national export, month, CSV", board, month, "csv"),
        ("national export, year, JSON", board, year, "json"),
        ("national export, month, JSON", district, month, "json"),
    ):
        size = len(export_national(*period, user, fmt))
        ms, queries = timed(lambda u=user, p=period, f=fmt: export_national(*p, u, f))
        print(
            f"{label:<34} {user.username:<14} median {ms:7.0f} ms, {queries} queries, "
            f"{size / 1024:,.0f} KiB"
        )

    desk = Client()
    desk.force_login(board)
    chosen = list(
        Petition.objects.order_by("-registration_year", "-registration_seq").values_list(
            "pk", flat=True
        )[:500]
    )

    def export_500():
        response = desk.post(
            "/desk/tiep_cong_dan/petition/",
            {"action": "export_excel", "_selected_action": chosen},
        )
        assert response.status_code == 200 and response["Content-Type"].startswith(
            "application/vnd.openxmlformats"
        )

    ms, queries = timed(export_500)
    print(
        f"desk list export, 500 petitions, Excel   canbo          median {ms:7.0f} ms, "
        f"{queries} queries"
    )


if __name__ == "__main__":
    main()

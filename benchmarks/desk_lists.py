"""The desk's petition list on a national-scale history, beside a stock Django admin.

On the million-petition history of `million.py` (built once), times the petition list
through the whole Django stack (test client) for the Board officer and for a commune,
a district and a department officer: the first page, page 200, a state filter, a month's
date range, and searches by registration number, by ID number and by an unaccented name.
Each Board case is also timed on a stock `ModelAdmin` of the same model with the same
columns, filters and search fields, the two interleaved run by run so that both see the
same machine. Prints median and p95 milliseconds, queries and page weight.

    .venv/bin/python benchmarks/desk_lists.py [--runs 15] [--petitions 1000000] [--users canbo,…]

Goal: p95 <= 60 ms each, and at least 5x faster than the stock admin.
"""

import argparse
import time

import common  # noqa: I001  (first: the paths and settings Django needs)
import million

DESK = "/desk/tiep_cong_dan/petition/"
# Under the desk's prefix: the same middleware as the desk (a public address would
# drop the staff session, public/isolation.py).
STOCK = "/desk/stock/tiep_cong_dan/petition/"


def stock_site():
    """A stock admin of Petition in the desk's theme (its own ModelAdmin and site, no
    changes of ours): what Django gives with the same columns and search."""
    from tiep_cong_dan.doctype.petition.models import Petition
    from unfold.admin import ModelAdmin
    from unfold.sites import UnfoldAdminSite

    class StockPetitionAdmin(ModelAdmin):
        list_display = [
            "registration_number",
            "received_date",
            "kind",
            "citizen",
            "residence_unit",
            "summary",
            "state",
        ]
        list_filter = ["state", "kind", "channel"]
        list_select_related = ["citizen", "residence_unit"]
        search_fields = ["registration_number", "citizen__full_name", "=citizen__id_number"]
        list_per_page = 50

    site = UnfoldAdminSite(name="stock")
    site.register(Petition, StockPetitionAdmin)
    return site


def install_stock_urls() -> None:
    from django.conf import settings
    from django.urls import clear_url_caches, path

    import sites.urls

    module = type(sites.urls)("bench_urls")
    module.urlpatterns = [path("desk/stock/", stock_site().urls), *sites.urls.urlpatterns]
    import sys

    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"
    clear_url_caches()


def client_for(username: str):
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def stock_client():
    from django.contrib.auth.models import User

    user, _ = User.objects.get_or_create(
        username="bench_stock", defaults={"is_staff": True, "is_superuser": True}
    )
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def once(client, path: str, params: dict) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(path, params)
        ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (path, params, response.status_code)
    return ms, len(ctx.captured_queries), len(response.content)


def terms() -> dict[str, str]:
    """A registration number, an ID number and a name (folded, words reversed) that
    exist in the history, from the middle of it."""
    from tiep_cong_dan.core.search import fold
    from tiep_cong_dan.doctype.petition.models import Petition

    petition = Petition.objects.select_related("citizen").order_by("pk")[500_000 - 1 :][:1].get()
    name = fold(petition.citizen.full_name).split()
    return {
        "number": petition.registration_number,
        "id": petition.citizen.id_number,
        "name": " ".join(reversed(name)),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--users",
        default="canbo,xa_dongkinh,huyen_locbinh,so_nnmt",
        help="comma-separated demo users (the Board's cases are the ones beside stock)",
    )
    parser.add_argument("--only", default="", help="comma-separated cases (all by default)")
    args = parser.parse_args()
    common.start(million.DATABASE)
    million.build(args.petitions)
    install_stock_urls()
    found = terms()
    print(f"search terms: {found}")
    cases = [
        ("first page", {}),
        ("page 200", {"p": "200"}),
        ("state filter", {"state__exact": "approved"}),
        ("month range", {"received_date__gte": "2024-03-01", "received_date__lt": "2024-04-01"}),
        ("search number", {"q": found["number"]}),
        ("search ID number", {"q": found["id"]}),
        ("search name", {"q": found["name"]}),
        # Common names: the words of tens of thousands of people each.
        ("search common", {"q": "nguyen van"}),
        ("search full name", {"q": "Nguyễn Văn Hùng"}),
    ]
    if args.only:
        cases = [case for case in cases if case[0] in args.only.split(",")]
    users = args.users.split(",")
    stock = stock_client()
    print(
        f"{'case':<18} {'user':<14} {'median':>8} {'p95':>8} {'queries':>7} {'KB':>5}"
        f"   {'stock median':>12} {'ratio':>6}"
    )
    for user in users:
        client = client_for(user)
        for label, params in cases:
            ours, theirs = [], []
            once(client, DESK, params)  # warm
            compare = user == "canbo"
            for _ in range(args.runs):
                ms, queries, size = once(client, DESK, params)
                ours.append(ms)
                # A stock search over a million rows takes seconds: three samples tell it.
                if compare and not (len(theirs) >= 3 and min(theirs) > 2000):
                    theirs.append(once(stock, STOCK, params)[0])
            median, p95 = common.median_p95(ours)
            line = f"{label:<18} {user:<14} {median:8.1f} {p95:8.1f} {queries:7d} {size // 1024:5d}"
            if compare:
                stock_median = common.median_p95(theirs)[0]
                line += f"   {stock_median:12.1f} {stock_median / median:6.1f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()

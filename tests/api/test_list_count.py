"""A list longer than the count cap is counted once, then remembered as "more than the
cap"; a shorter list is counted exactly on every page."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..conftest import make_citizen, make_petition, new_unit
from .test_api import client_for


def _counts(queries) -> int:
    return sum("COUNT(" in q["sql"].upper() for q in queries)


def test_a_list_over_the_cap_is_not_counted_again(role_users, settings):
    cache.clear()
    settings.TCD_LIST_COUNT_CAP = 2
    dk = new_unit("05977")
    for n in range(3):
        make_petition(dk, make_citizen(dk, f"Hoàng Văn {n}", f"02008000010{n}"))
    client = client_for(role_users["canbo"])

    with CaptureQueriesContext(connection) as first:
        body = client.get("/api/v1/petitions/").json()
    assert (body["count"], body["count_exact"]) == (3, False)
    assert _counts(first.captured_queries) == 1

    with CaptureQueriesContext(connection) as again:
        body = client.get("/api/v1/petitions/").json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (3, False, 3)
    assert _counts(again.captured_queries) == 0


def test_a_list_under_the_cap_is_counted_each_time(role_users, settings):
    cache.clear()
    settings.TCD_LIST_COUNT_CAP = 10
    dk = new_unit("05977")
    make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020080000201"))
    client = client_for(role_users["canbo"])
    assert client.get("/api/v1/petitions/").json()["count"] == 1

    make_petition(dk, make_citizen(dk, "Hoàng Văn Bình", "020080000202"))
    with CaptureQueriesContext(connection) as again:
        body = client.get("/api/v1/petitions/").json()
    assert (body["count"], body["count_exact"]) == (2, True)
    assert _counts(again.captured_queries) == 1

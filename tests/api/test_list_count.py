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


def test_a_departments_whole_list_is_counted_from_its_links(role_users, settings):
    """The department's petitions, unfiltered, counted from the links' keys (a case
    naming two of its agencies once); filtered, through the petitions as any list."""
    from tiep_cong_dan.access.scope import agency_scope_ids
    from tiep_cong_dan.doctype.agency.models import Agency
    from tiep_cong_dan.doctype.petition.models import Petition

    cache.clear()
    settings.TCD_LIST_COUNT_CAP = 10
    officer = role_users["so_nnmt"]
    family = list(Agency.objects.filter(pk__in=agency_scope_ids(officer)))
    other = Agency.objects.exclude(pk__in=agency_scope_ids(officer)).filter(kind="department")[0]
    assert len(family) > 1
    dk = new_unit("05977")
    for n, named in enumerate([family[:1], family[:2], [other], family[1:2]]):
        make_petition(dk, make_citizen(dk, f"Hoàng Văn {n}", f"02008000030{n}"), agencies=named)
    links = Petition.agencies_concerned.through._meta.db_table
    client = client_for(officer)

    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/api/v1/petitions/").json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (3, True, 3)
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1 and links in counts[0] and "DISTINCT" in counts[0].upper()

    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/api/v1/petitions/", {"search": "Hoàng Văn 1"}).json()
    assert body["count"] == 1
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and not any(links in sql and "DISTINCT" in sql.upper() for sql in counts)

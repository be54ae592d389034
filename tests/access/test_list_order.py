"""A desk list's page is read in an index's order: Django's tiebreaker follows the
direction of the column before it (an ascending name index holds the key ascending),
and related rows are fetched by key rather than joined."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def _page_query(client, url, table: str) -> str:
    """The query reading the page's rows (one page here: Django reads it unsliced)."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    pages = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith(f"SELECT `{table}`.`id`") and " ORDER BY " in q["sql"]
    ]
    assert pages, "no page query"
    return pages[0]  # the page; a later one is the citizen list's own masking look-up


def test_an_ascending_order_ends_with_an_ascending_key(placed_petitions, login):
    url = reverse("admin:tiep_cong_dan_citizen_changelist")
    sql = _page_query(login("canbo"), url, "tiep_cong_dan_citizen")
    assert sql.endswith(
        "ORDER BY `tiep_cong_dan_citizen`.`full_name` ASC, `tiep_cong_dan_citizen`.`id` ASC"
    )


def test_the_petition_page_joins_nothing_and_needs_no_tiebreaker(placed_petitions, login):
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    sql = _page_query(login("canbo"), url, "tiep_cong_dan_petition")
    assert " JOIN " not in sql
    assert sql.endswith(
        "ORDER BY `tiep_cong_dan_petition`.`registration_year` DESC, "
        "`tiep_cong_dan_petition`.`registration_seq` DESC"
    )

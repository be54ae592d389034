"""The desk's lists as the theme draws them, at a fraction of the cost: each column's
header computed once per page (not once per row) and one short class per cell."""

from django.urls import reverse
from tiep_cong_dan.access import list_rendering


def test_headers_once_per_page_and_compact_cells(placed_petitions, login, monkeypatch):
    calls = []
    theme = list_rendering._theme_result_headers

    def counted(cl):
        calls.append(cl)
        return theme(cl)

    monkeypatch.setattr(list_rendering, "_theme_result_headers", counted)
    page = login("canbo").get(reverse("admin:tiep_cong_dan_petition_changelist"))
    html = page.content.decode()
    assert page.status_code == 200
    assert len(calls) == 1  # five rows, one computation
    assert html.count('tcd-cell"') + html.count("tcd-cell ") >= len(placed_petitions) * 8
    assert "before:content-[attr(data-label)]" not in html.split('id="result_list"')[1]
    assert "/static/tiep_cong_dan/css/desk.css" in html  # the rules of those classes

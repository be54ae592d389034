"""The desk's lists write their rows in one pass (access/list_rows.py): the same table
as the theme's, cell for cell (links with the list's filters kept, the checkbox, the
choice labels, dates, linked records, the denouncer masked), without the theme's work
per cell."""

import re

import pytest
from django.urls import reverse
from tiep_cong_dan.access.desk import RuleChangeList
from unfold.templatetags import unfold_list

TABLE = re.compile(r'<table id="result_list".*?</table>', re.S)


def _table(html: str) -> str:
    found = TABLE.search(html)
    assert found is not None, "no result table"
    # Whitespace between tags is the templates' layout, not the page's content.
    return re.sub(r"\s*>\s*", ">", re.sub(r"\s+", " ", found.group(0)))


def _both(client, url: str, monkeypatch) -> tuple[str, str]:
    """The list's table written in one pass, and as the theme writes it."""
    theme_cells = []
    original = unfold_list.items_for_result

    def counted(*args):
        theme_cells.append(args)
        return original(*args)

    monkeypatch.setattr(unfold_list, "items_for_result", counted)
    ours = client.get(url)
    assert ours.status_code == 200
    assert theme_cells == []  # the one pass wrote every row
    monkeypatch.setattr(RuleChangeList, "one_pass_rows", False)
    theirs = client.get(url)
    monkeypatch.setattr(RuleChangeList, "one_pass_rows", True)
    assert theirs.status_code == 200
    return _table(ours.content.decode()), _table(theirs.content.decode())


LISTS = [
    ("canbo", "tiep_cong_dan_petition", {}),
    ("canbo", "tiep_cong_dan_petition", {"state__exact": "received", "o": "4.-2"}),
    ("vanphong", "tiep_cong_dan_petition", {}),  # the denouncer masked
    ("xa_dongkinh", "tiep_cong_dan_petition", {"q": "hoang"}),
    ("canbo", "tiep_cong_dan_citizen", {}),
    ("canbo", "tiep_cong_dan_administrativeunit", {"level__exact": "commune"}),
    ("canbo", "tiep_cong_dan_agency", {}),
    ("canbo", "tiep_cong_dan_workflowevent", {}),
    ("canbo", "tiep_cong_dan_bridgepoint", {}),
    ("quantri", "tiep_cong_dan_legalbasis", {}),
    ("quantri", "tiep_cong_dan_workflow", {}),
]


@pytest.mark.parametrize(("username", "name", "params"), LISTS)
def test_rows_in_one_pass_are_the_themes(
    placed_petitions, login, monkeypatch, username, name, params
):
    client = login(username)
    url = reverse(f"admin:{name}_changelist")
    query = "&".join(f"{k}={v}" for k, v in params.items())
    ours, theirs = _both(client, f"{url}?{query}" if query else url, monkeypatch)
    assert ours == theirs
    assert ours.count("<tbody") >= 1


def test_the_denouncer_stays_masked_and_links_keep_the_filters(
    placed_petitions, login, monkeypatch
):
    client = login("vanphong")
    url = reverse("admin:tiep_cong_dan_petition_changelist") + "?kind__exact=denunciation"
    ours, theirs = _both(client, url, monkeypatch)
    assert ours == theirs
    denunciation = placed_petitions["dongkinh_tc"]
    assert denunciation.registration_number in ours
    assert "Lương Văn Cường" not in ours
    change = reverse("admin:tiep_cong_dan_petition_change", args=[denunciation.pk])
    assert f'href="{change}?_changelist_filters=kind__exact%3Ddenunciation"' in ours
    assert f'value="{denunciation.pk}"' in ours  # the row's checkbox


def test_an_empty_list_is_the_themes(role_users, login, monkeypatch):
    client = login("so_nnmt")
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    page = client.get(url)
    assert page.status_code == 200
    assert "result_list" not in page.content.decode()  # "no results", as the theme says

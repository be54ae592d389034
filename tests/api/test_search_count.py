"""A petition list searched by name is counted as far as `searched_count_cap` says, the
same in the desk and in the API: the page after the one shown is still offered, and a
count stopped at the cap says so (the desk "more than", the API `count_exact` false)."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from tiep_cong_dan.api.pagination import CheckedPageNumberPagination
from tiep_cong_dan.doctype.petition.admin import PetitionAdmin

from ..conftest import make_citizen, make_petition, new_unit
from .test_api import client_for

# (page asked for, the count it gives): with 7 matches, pages of 2 and a cap of 2, a
# page counts to the end of the page after it (4, 6, 8), then one more to say "more".
PAGES = [(1, 5), (2, 7), (3, 7), (4, 7)]


@pytest.fixture
def seven_hoang(role_users, settings, monkeypatch):
    cache.clear()
    settings.TCD_SEARCH_COUNT_CAP = 2
    monkeypatch.setattr(CheckedPageNumberPagination, "page_size", 2)
    monkeypatch.setattr(PetitionAdmin, "list_per_page", 2)
    dk = new_unit("05977")
    for n in range(7):
        make_petition(dk, make_citizen(dk, f"Hoàng Văn Tám {n}", f"02008000030{n}"))
    make_petition(dk, make_citizen(dk, "Lý Thị Mai", "020080000310"))  # not matched
    return role_users


@pytest.mark.parametrize(("page", "count"), PAGES)
def test_the_api_counts_a_searched_list_to_the_page_after(seven_hoang, page, count):
    client = client_for(seven_hoang["canbo"])
    body = client.get("/api/v1/petitions/", {"search": "hoang tam", "page": page}).json()
    assert body["count"] == count
    assert body["count_exact"] is (count <= (page + 1) * 2)
    assert len(body["results"]) == min(2, 7 - (page - 1) * 2)
    assert (body["next"] is not None) is (page < 4)


@pytest.mark.parametrize(("page", "count"), PAGES)
def test_the_desk_counts_a_searched_list_as_the_api(seven_hoang, login, page, count):
    client = login("canbo")
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    response = client.get(url, {"q": "hoang tam", "p": page})
    assert response.status_code == 200
    cl = response.context["cl"]
    assert cl.result_count == count
    assert len(cl.result_list) == min(2, 7 - (page - 1) * 2)


def test_an_unsearched_list_keeps_the_list_cap(seven_hoang, settings):
    settings.TCD_LIST_COUNT_CAP = 100
    body = client_for(seven_hoang["canbo"]).get("/api/v1/petitions/").json()
    assert (body["count"], body["count_exact"]) == (8, True)

"""The desk's home page per role: the same hand-built year, each viewer counting only
their own scope; the next session's readiness."""

import datetime

from django.urls import reverse
from tiep_cong_dan.doctype.admin_unit.services import current_unit_for
from tiep_cong_dan.reporting.dashboard import dashboard

DAY = datetime.date(2025, 8, 31)


def _cards(data) -> dict[str, str]:
    return {c["label"]: c["value"] for c in data["cards"]}


def test_each_viewer_counts_their_own_scope_by_kind_of_session(year, role_users):
    board = _cards(dashboard(role_users["canbo"], today=DAY))
    assert board["Tiếp định kỳ trong tháng: lượt tiếp / lượt công dân"] == "0 / 0"
    assert board["Tiếp định kỳ năm 2025: lượt tiếp / lượt công dân"] == "2 / 6"
    assert board["Tiếp đột xuất năm 2025: cuộc / lượt công dân"] == "1 / 40"  # the ad hoc group
    assert board["Tiếp theo yêu cầu Trung ương năm 2025: cuộc / lượt công dân"] == "0 / 0"
    district = _cards(dashboard(role_users["huyen_locbinh"], today=DAY))
    assert district["Tiếp định kỳ năm 2025: lượt tiếp / lượt công dân"] == "2 / 6"
    assert district["Tiếp đột xuất năm 2025: cuộc / lượt công dân"] == "0 / 0"
    commune = dashboard(role_users["xa_dongkinh"], today=DAY)
    cards = {c["label"]: c for c in commune["cards"]}
    assert cards["Tiếp đột xuất năm 2025: cuộc / lượt công dân"]["value"] == "1 / 40"
    assert cards["Tiếp đột xuất năm 2025: cuộc / lượt công dân"]["note"] == "phường Đông Kinh"
    assert commune["units"] == []  # no periodic hearing of theirs: no shares
    outsider = _cards(dashboard(role_users["kythuat"], today=DAY))
    assert outsider["Tiếp định kỳ năm 2025: lượt tiếp / lượt công dân"] == "0 / 0"


def test_the_shares_by_area_are_the_periodic_citizens(year, role_users):
    # Named as of the period's end (08/2025): the communes the two Lộc Bình ones went to;
    # the ad hoc group of 40 from Đông Kinh is left out.
    first, second = (current_unit_for(u).name for u in year["locbinh"][:2])
    units = dashboard(role_users["canbo"], today=DAY)["units"]
    assert [(u["label"], u["value"], u["share"]) for u in units] == [
        (second, "5", "83,3%"),
        (first, "1", "16,7%"),
    ]
    trend = dashboard(role_users["canbo"], today=DAY)["trend"]
    assert [(t["label"], t["periodic"], t["hearings"]) for t in trend if t["hearings"]] == [
        ("01/2025", 2, 2),
        ("08/2025", 0, 1),
    ]


def test_the_home_page_renders_for_every_role(login, year):
    for user in (
        "canbo",
        "chutich",
        "so_nnmt",
        "huyen_locbinh",
        "xa_dongkinh",
        "kythuat",
        "trunguong",
        "quantri",
    ):
        page = login(user).get(reverse("admin:index"))
        assert page.status_code == 200, user
        assert "Phiên tiếp sắp tới" in page.content.decode(), user

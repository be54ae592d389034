"""The desk's home page per role: the same hand-built year, each viewer counting only
their own scope; the next session's readiness."""

import datetime

from django.urls import reverse
from tiep_cong_dan.reporting.dashboard import dashboard

DAY = datetime.date(2025, 8, 31)


def _cards(data) -> dict[str, str]:
    return {c["label"]: c["value"] for c in data["cards"]}


def test_each_viewer_counts_their_own_scope(year, role_users):
    board = _cards(dashboard(role_users["canbo"], today=DAY))
    assert board["Lượt tiếp / lượt công dân trong tháng"] == "1 / 40"  # the ad hoc group
    assert board["Lượt tiếp / lượt công dân năm 2025"] == "3 / 46"
    district = _cards(dashboard(role_users["huyen_locbinh"], today=DAY))
    assert district["Lượt tiếp / lượt công dân năm 2025"] == "2 / 6"
    commune = dashboard(role_users["xa_dongkinh"], today=DAY)
    assert _cards(commune)["Lượt tiếp / lượt công dân năm 2025"] == "1 / 40"
    assert [u["label"] for u in commune["units"]] == ["Phường Đông Kinh"]
    outsider = _cards(dashboard(role_users["kythuat"], today=DAY))
    assert outsider["Lượt tiếp / lượt công dân năm 2025"] == "0 / 0"


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

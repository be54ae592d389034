"""The API's reports/figures: split by kind of session, the periodic shares by area as
the report writes them, the report's sentences; any period up to five years; a district
officer's year only their cases."""

import pytest

from ..api.test_api import client_for
from .scheme import build_scheme_years
from .test_scheme_years import PRINTED_2023, PRINTED_2024

URL = "/api/v1/reports/figures/"


@pytest.fixture
def scheme(role_users):
    return build_scheme_years()


def _kind(sessions, hearings, citizens, groups, group_citizens, places=()):
    return {
        "sessions": sessions,
        "hearings": hearings,
        "citizens": citizens,
        "group_hearings": groups,
        "group_citizens": group_citizens,
        "online_hearings": 0,
        "in_person_hearings": hearings,
        "places": list(places),
    }


def test_the_year_split_by_kind_of_session(scheme, role_users):
    data = client_for(role_users["canbo"]).get(URL, {"from": "2023-01-01", "to": "2023-12-31"})
    assert data.status_code == 200
    data = data.json()
    assert data["label"] == "năm 2023" and data["mode"] == "in_person"
    assert data["title"] == "Kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh năm 2023"
    assert data["by_session_kind"] == {
        "periodic": _kind(12, 169, 210, 11, 51),
        "ad_hoc": _kind(
            2,
            2,
            40,
            2,
            40,
            [
                {"unit": "Xã Hòa Thắng", "district": "Huyện Hữu Lũng"},
                {"unit": "Xã Sơn Hà", "district": "Huyện Hữu Lũng"},
            ],
        ),
        "central_request": _kind(0, 0, 0, 0, 0),
    }
    total = _kind(14, 171, 250, 13, 91)
    del total["places"]
    assert data["total"] == total
    assert data["sessions"] == {"periodic": 12, "ad_hoc": 2, "central_request": 0}
    assert data["by_unit"] == [
        {"unit": "Thành phố Lạng Sơn", "citizens": 136, "share": "64,8%"},
        {"unit": "Huyện Lộc Bình", "citizens": 43, "share": "20,5%"},
        {"unit": "Huyện Hữu Lũng", "citizens": 13, "share": "6,2%"},
        {"unit": "Huyện Cao Lộc", "citizens": 11, "share": "5,2%"},
        {"unit": "Huyện Chi Lăng", "citizens": 5, "share": "2,4%"},
        {"unit": "Huyện Tràng Định", "citizens": 2, "share": "0,9%"},
    ]
    assert data["summary"][0] == PRINTED_2023
    assert data["years"] == []
    assert "hearings" not in data  # no total over every kind posing as the scheme's


def test_several_years_and_their_bounds(scheme, role_users):
    client = client_for(role_users["canbo"])
    data = client.get(URL, {"from": "2023-01-01", "to": "2024-10-31"}).json()
    assert [y["label"] for y in data["years"]] == [
        "năm 2023",
        "từ tháng 01/2024 đến hết tháng 10/2024",
    ]
    assert data["years"][1]["by_session_kind"]["periodic"] == _kind(10, 144, 171, 7, 35)
    assert data["years"][1]["by_unit"][:3] == [
        {"unit": "Thành phố Lạng Sơn", "citizens": 117, "share": "68,4%"},
        {"unit": "Huyện Lộc Bình", "citizens": 34, "share": "19,9%"},
        {"unit": "Huyện Cao Lộc", "citizens": 15, "share": "8,8%"},
    ]
    assert data["summary"][1:3] == [PRINTED_2023, PRINTED_2024]
    too_long = client.get(URL, {"from": "2019-01-01", "to": "2024-12-31"})
    assert too_long.status_code == 400 and too_long.json()["code"] == "invalid"
    unknown = client.get(URL, {"from": "2023-01-01", "to": "2023-12-31", "units": "x"})
    assert unknown.status_code == 400


def test_a_district_officers_year_is_only_their_cases(scheme, role_users):
    data = (
        client_for(role_users["huyen_locbinh"])
        .get(URL, {"from": "2023-01-01", "to": "2023-12-31"})
        .json()
    )
    periodic = data["by_session_kind"]["periodic"]
    assert (periodic["hearings"], periodic["citizens"]) == (32, 43)
    assert (periodic["group_hearings"], periodic["group_citizens"]) == (3, 14)
    assert data["by_session_kind"]["ad_hoc"] == _kind(0, 0, 0, 0, 0)
    assert data["by_unit"] == [{"unit": "Huyện Lộc Bình", "citizens": 43, "share": "100,0%"}]
    assert "Hòa Thắng" not in str(data)

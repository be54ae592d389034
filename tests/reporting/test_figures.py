"""Statistics on the hand-built year of conftest.py with exact expected numbers, and
the scheme's own 2023 shares."""

import pytest
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.admin_unit.services import current_unit_for
from tiep_cong_dan.reporting.figures import UNITS_TODAY, compute
from tiep_cong_dan.reporting.wording import count, percent, shares

from .conftest import YEAR


def test_sessions_hearings_and_citizens(year):
    f = compute(YEAR)
    assert {k: t.sessions for k, t in f.kinds.items()} == {
        "periodic": 1,
        "ad_hoc": 1,
        "central_request": 0,
    }
    periodic, adhoc = f.kinds["periodic"], f.kinds["ad_hoc"]
    assert (periodic.hearings, periodic.citizens) == (2, 6)
    assert (periodic.group_hearings, periodic.group_citizens) == (1, 5)
    assert (adhoc.hearings, adhoc.citizens, adhoc.group_hearings) == (1, 40, 1)
    assert (f.total.hearings, f.total.citizens) == (3, 46)
    assert (f.total.online, f.total.in_person) == (1, 2)
    assert f.by_mode == {"online": 1, "in_person": 2}
    assert f.by_kind["complaint"] == 3 and f.by_kind["denunciation"] == 0


def test_areas_as_the_periods_era_names_them_and_on_todays_map(year):
    """Only the periodic session's citizens are shared by area (the ad hoc group of 40
    from Đông Kinh is not); a period ending after 2025-07-01 names the new communes, one
    ending before names the districts."""
    expected: dict[str, int] = {}
    for unit, people in ((year["locbinh"][0], 1), (year["locbinh"][1], 5)):
        name = current_unit_for(unit).name
        expected[name] = expected.get(name, 0) + people
    assert dict(compute(YEAR).by_unit) == expected
    assert dict(compute(YEAR, units_mode=UNITS_TODAY).by_unit) == expected
    first_half = Period.half(2025, 1)
    assert compute(first_half).by_unit == [("Huyện Lộc Bình", 6)]
    assert dict(compute(first_half, units_mode=UNITS_TODAY).by_unit) == expected
    places = compute(YEAR).kinds["ad_hoc"].places
    assert [(c.name, d) for c, d in places] == [("Phường Đông Kinh", None)]


def test_outcomes_backlog_roll_over_and_waiting(year):
    f = compute(YEAR)
    assert f.received == 3  # a was received in 2024
    assert f.outcomes["proposed"] == 2  # b and c (a's proposal was in 2024)
    assert f.outcomes["heard"] == 3 and f.outcomes["concluded"] == 1
    assert f.backlog == 1  # c, sent back to the queue and not heard in 2025
    assert f.rolled_over == 1
    assert f.wait_max == pytest.approx(45)  # a: 01/12/2024 -> 15/01/2025
    assert f.wait_average == pytest.approx((45 + 13 + 19) / 3)
    march = compute(Period.month(2025, 3))
    assert march.backlog == 1 and march.total.hearings == 0


def test_assignments_and_connections(year):
    f = compute(YEAR)
    assert f.assignments == {"due": 3, "on_time": 1, "late": 1, "open": 2, "overdue": 1}
    assert f.overdue_by_agency == [("Sở Nông nghiệp và Môi trường", 1)]
    assert f.connection_tests == {"success": 1, "partial": 0, "failed": 1}
    assert [name for name, _ in f.failed_connections] == ["Trụ sở Tiếp công dân tỉnh"]


def test_a_scoped_viewer_counts_only_their_cases(year, role_users):
    commune = compute(YEAR, role_users["xa_dongkinh"])
    assert (commune.total.hearings, commune.total.citizens) == (1, 40)
    district = compute(YEAR, role_users["huyen_locbinh"])
    assert (district.total.hearings, district.total.citizens) == (2, 6)


def test_a_hearing_counts_the_citizens_recorded_as_attending(year):
    """Recorded attendance wins over the number of petitioners, a recorded 0 included;
    nothing recorded: the petitioners."""
    from tiep_cong_dan.doctype.reception_session.models import AgendaItem

    AgendaItem.objects.filter(petition=year["b"]).update(attendance_count=0)
    assert compute(YEAR).kinds["periodic"].citizens == 1  # a: one petitioner, none recorded
    AgendaItem.objects.filter(petition=year["b"]).update(attendance_count=None)
    assert compute(YEAR).kinds["periodic"].citizens == 13  # b's 12 petitioners


def test_the_schemes_2023_shares_add_up_to_one_hundred():
    parts = {
        "Thành phố": 136,
        "Lộc Bình": 43,
        "Hữu Lũng": 13,
        "Cao Lộc": 11,
        "Chi Lăng": 5,
        "Tràng Định": 2,
    }
    assert shares(parts) == {
        "Thành phố": "64,8%",
        "Lộc Bình": "20,5%",
        "Hữu Lũng": "6,2%",
        "Cao Lộc": "5,2%",
        "Chi Lăng": "2,4%",
        "Tràng Định": "0,9%",
    }
    assert percent(136, 210) == "64,8%" and percent(0, 0) == "0,0%"
    assert (count(2), count(11), count(1234)) == ("02", "11", "1.234")

"""The scheme's own figures for 2023 and January–October 2024 (Đề án, mục I.2),
reproduced from the facts: every figure split by kind of session, the periodic
citizens' shares by the era's districts, the ad hoc sessions named by place, the
sentences word for word; a period of several years; a district officer's year; a
number of queries that does not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.reporting.figures import compute
from tiep_cong_dan.reporting.wording import headline, subject, summary

from .scheme import CITY, HUU_LUNG, LOC_BINH, Hearing, build_scheme_years

# The scheme's text, word for word (Đề án, mục I.2).
SCHEME_2023 = (
    "Năm 2023, Chủ tịch UBND tỉnh tiếp định kỳ 12 kỳ/169 lượt/210 lượt công dân (tiếp 11 "
    "lượt đoàn đông người/51 lượt công dân), trong đó địa bàn Thành phố là 136 lượt công "
    "dân (chiếm 64,8%), Lộc Bình là 43 lượt công dân (chiếm 20,5%), Hữu Lũng là 13 lượt "
    "công dân (chiếm 6,2%), Cao Lộc là 11 lượt công dân (chiếm 5,2%), Chi Lăng là 5 lượt "
    "công dân (chiếm 2,4%), Tràng Định là 2 lượt công dân (chiếm 0,9%). Chủ tịch UBND tỉnh "
    "tiếp 02 cuộc đột xuất với 40 lượt công dân của xã Hòa Thắng, xã Sơn Hà, huyện Hữu Lũng."
)
PRINTED_2023 = SCHEME_2023
# The scheme's 2024 sentence names three areas and "..."; the parts it writes in full:
SCHEME_2024_OPENING = (
    "Từ tháng 01/2024 đến hết tháng 10/2024 Chủ tịch UBND tỉnh tiếp định kỳ 10 kỳ/144 "
    "lượt/171 lượt công dân (tiếp 07 lượt đoàn đông người/35 lượt công dân), trong đó địa bàn "
)
SCHEME_2024_AD_HOC = (
    "Chủ tịch UBND tỉnh tiếp 01 cuộc đột xuất với 45 lượt công dân của xã Lâm Ca, huyện Đình Lập."
)
# As the product prints it. The scheme writes Lộc Bình's 34 of 171 (19,88%) as 19,8%:
# no rounding gives that (largest remainders give 19,9% whatever the other 5 citizens'
# areas), so the product prints 19,9%.
PRINTED_2024 = (
    SCHEME_2024_OPENING
    + "Thành phố là 117 lượt công dân (chiếm 68,4%), Lộc Bình là 34 lượt công dân (chiếm "
    "19,9%), Cao Lộc là 15 lượt công dân (chiếm 8,8%), Hữu Lũng là 2 lượt công dân (chiếm "
    "1,1%), Chi Lăng là 1 lượt công dân (chiếm 0,6%), Tràng Định là 1 lượt công dân (chiếm "
    "0,6%), Văn Quan là 1 lượt công dân (chiếm 0,6%). " + SCHEME_2024_AD_HOC
)
YEAR_2023 = Period.year(2023)
TEN_MONTHS_2024 = Period.months_of((2024, 1), (2024, 10))


@pytest.fixture
def scheme(role_users):
    return build_scheme_years()


def _tally(t) -> tuple:
    return (t.sessions, t.hearings, t.citizens, t.group_hearings, t.group_citizens, t.online)


def test_2023_is_counted_as_the_scheme_counts_it(scheme):
    f = compute(YEAR_2023)
    assert _tally(f.kinds["periodic"]) == (12, 169, 210, 11, 51, 0)
    assert _tally(f.kinds["ad_hoc"]) == (2, 2, 40, 2, 40, 0)
    assert _tally(f.kinds["central_request"]) == (0, 0, 0, 0, 0, 0)
    # The shares are the periodic citizens' only: Hữu Lũng 13, not 53 with the ad hoc 40.
    assert f.by_unit == [
        ("Thành phố Lạng Sơn", 136),
        ("Huyện Lộc Bình", 43),
        ("Huyện Hữu Lũng", 13),
        ("Huyện Cao Lộc", 11),
        ("Huyện Chi Lăng", 5),
        ("Huyện Tràng Định", 2),
    ]
    places = [(c.name, d.name) for c, d in f.kinds["ad_hoc"].places]
    assert places == [("Xã Hòa Thắng", "Huyện Hữu Lũng"), ("Xã Sơn Hà", "Huyện Hữu Lũng")]
    assert headline(f.reception) == PRINTED_2023
    assert summary(f)[0] == PRINTED_2023
    assert f.years == []  # one calendar year: no breakdown


def test_2023_heard_in_person_is_not_titled_online(scheme):
    f = compute(YEAR_2023)
    assert f.reception.mode == "in_person"
    assert subject(f.reception) == "Kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh năm 2023"
    assert summary(f)[1] == "Các lượt tiếp trong kỳ đều là tiếp trực tiếp (171 lượt)."


def test_january_to_october_2024(scheme):
    f = compute(TEN_MONTHS_2024)
    assert _tally(f.kinds["periodic"]) == (10, 144, 171, 7, 35, 0)
    assert _tally(f.kinds["ad_hoc"]) == (1, 1, 45, 1, 45, 0)
    assert dict(f.by_unit) == {
        "Thành phố Lạng Sơn": 117,
        "Huyện Lộc Bình": 34,
        "Huyện Cao Lộc": 15,
        "Huyện Hữu Lũng": 2,
        "Huyện Chi Lăng": 1,
        "Huyện Tràng Định": 1,
        "Huyện Văn Quan": 1,
    }
    text = headline(f.reception)
    assert text.startswith(SCHEME_2024_OPENING) and text.endswith(SCHEME_2024_AD_HOC)
    assert text == PRINTED_2024


def test_several_years_give_the_whole_and_each_year(scheme):
    f = compute(Period.months_of((2023, 1), (2024, 10)))
    assert _tally(f.kinds["periodic"]) == (22, 313, 381, 18, 86, 0)
    assert _tally(f.kinds["ad_hoc"]) == (3, 3, 85, 3, 85, 0)
    lines = summary(f)
    assert lines[0].startswith(
        "Từ tháng 01/2023 đến hết tháng 10/2024 Chủ tịch UBND tỉnh tiếp định kỳ 22 kỳ/313 "
        "lượt/381 lượt công dân (tiếp 18 lượt đoàn đông người/86 lượt công dân), trong đó "
        "địa bàn Thành phố là 253 lượt công dân (chiếm 66,4%), Lộc Bình là 77 lượt công dân "
        "(chiếm 20,2%),"
    )
    assert lines[0].endswith(
        "Chủ tịch UBND tỉnh tiếp 03 cuộc đột xuất với 85 lượt công dân của xã Hòa Thắng, xã "
        "Sơn Hà, huyện Hữu Lũng và xã Lâm Ca, huyện Đình Lập."
    )
    assert lines[1:3] == [PRINTED_2023, PRINTED_2024]
    assert [y.period.label for y in f.years] == [
        "năm 2023",
        "từ tháng 01/2024 đến hết tháng 10/2024",
    ]


def test_a_district_officer_counts_only_their_district(scheme, role_users):
    district = role_users["huyen_locbinh"]
    f = compute(YEAR_2023, district)
    held = [s for s in scheme.sessions if s.date.year == 2023 and s.state == "closed"]
    locbinh = {"petition__residence_unit__parent__code": LOC_BINH}
    with_locbinh = {s.pk for s in held if s.agenda_items.filter(**locbinh).exists()}
    assert _tally(f.kinds["periodic"]) == (len(with_locbinh), 32, 43, 3, 14, 0)
    assert _tally(f.kinds["ad_hoc"]) == (0, 0, 0, 0, 0, 0)
    assert f.by_unit == [("Huyện Lộc Bình", 43)]
    assert headline(f.reception).endswith(
        "trong đó địa bàn Lộc Bình là 43 lượt công dân (chiếm 100,0%)."
    )


def _queries(period, user) -> int:
    with CaptureQueriesContext(connection) as queries:
        summary(compute(period, user))
    return len(queries)


def test_the_figures_take_as_many_queries_for_ten_rows_as_for_hundreds(scheme, role_users):
    """Given the figures of a small year and of the scheme's years, when more hearings
    of every kind and area are added, then each viewer's figures take the same number
    of queries."""
    board, district = role_users["canbo"], role_users["huyen_locbinh"]
    small = Period.year(2022)  # two sessions, two hearings, one of them in Lộc Bình
    scheme.session("periodic", datetime.date(2022, 3, 15), [Hearing(LOC_BINH)])
    for user in (None, board, district):
        _queries(small, user)  # the scope caches warm
    before = {u: _queries(YEAR_2023, u) for u in (None, board, district)}
    assert {u: _queries(small, u) for u in (None, board, district)} == before
    extra = [Hearing(code, attendance=2) for code in (CITY, LOC_BINH, HUU_LUNG) for _ in range(40)]
    scheme.session("periodic", datetime.date(2023, 12, 28), extra)
    scheme.session("ad_hoc", datetime.date(2023, 12, 29), extra[:60])
    scheme.session("central_request", datetime.date(2023, 12, 30), extra[60:])
    assert {u: _queries(YEAR_2023, u) for u in (None, board, district)} == before
    assert compute(YEAR_2023).kinds["periodic"].hearings == 169 + 120

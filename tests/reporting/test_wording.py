"""How the province writes figures: shares with one decimal and a decimal comma adding up
to exactly 100,0 with equal counts kept equal where the rounding allows, leading zeros
for sessions and hearings but not for citizens, and periods named as the scheme names
them."""

import datetime
import itertools
import random
from fractions import Fraction

import pytest
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.reporting.wording import _backlog, count, people, shares


def _tenths(share: str) -> int:
    return int(share.rstrip("%").replace(",", ""))


def test_equal_counts_get_equal_shares_when_whole_groups_fit():
    # 1, 1 and 5 of 7: 14,29 / 14,29 / 71,43 with two tenths to hand out. Plain largest
    # remainders give one to 71,4 and one to a single 1 (14,3 and 14,2).
    assert shares({"A": 1, "B": 1, "C": 5}) == {"A": "14,3%", "B": "14,3%", "C": "71,4%"}
    # Three 1s of 171 share the last tenths with Lộc Bình and Cao Lộc (the 2024 figures).
    assert shares({"TP": 117, "LB": 34, "CL": 15, "HL": 2, "a": 1, "b": 1, "c": 1}) == {
        "TP": "68,4%",
        "LB": "19,9%",
        "CL": "8,8%",
        "HL": "1,1%",
        "a": "0,6%",
        "b": "0,6%",
        "c": "0,6%",
    }


def test_a_tie_is_split_only_when_no_rounding_keeps_it():
    # Three thirds: one must take the last tenth, the first in the caller's order.
    assert shares({"A": 1, "B": 1, "C": 1}) == {"A": "33,4%", "B": "33,3%", "C": "33,3%"}
    # 1, 1, 1 and 3 of 6: 50,0 is exact and stays so; two of the three 1s round up.
    assert shares({"A": 1, "B": 1, "C": 1, "D": 3}) == {
        "A": "16,7%",
        "B": "16,7%",
        "C": "16,6%",
        "D": "50,0%",
    }
    assert shares({"A": 0, "B": 0}) == {"A": "0,0%", "B": "0,0%"}


def _keeps_ties(parts: dict) -> bool:
    """Whether some rounding (each share its exact value rounded down or up, adding up
    to 100,0) gives equal counts equal shares, found by trying every choice."""
    whole = sum(parts.values())
    exact = {k: Fraction(v * 1000, whole) for k, v in parts.items()}
    up = [k for k in parts if exact[k].denominator != 1]
    missing = 1000 - sum(int(e) for e in exact.values())
    for chosen in itertools.combinations(up, missing):
        tenths = {k: int(exact[k]) + (k in chosen) for k in parts}
        if all(tenths[a] == tenths[b] for a in parts for b in parts if parts[a] == parts[b]):
            return True
    return False


@pytest.mark.parametrize("seed", range(300))
def test_any_parts_add_up_each_share_rounded_and_ties_kept_when_they_can_be(seed):
    rng = random.Random(seed)
    sizes = [0, 1, 1, 2, 2, 3, 5, 7, 13, 40]
    parts = {f"k{i}": rng.choice(sizes) for i in range(rng.randint(2, 7))}
    if not sum(parts.values()):
        parts["k0"] = 1
    written = shares(parts)
    whole = sum(parts.values())
    assert sum(_tenths(s) for s in written.values()) == 1000
    for key, value in parts.items():
        exact = Fraction(value * 1000, whole)
        assert _tenths(written[key]) in (int(exact), int(exact) + (exact.denominator != 1))
    if _keeps_ties(parts):
        for a, b in itertools.combinations(parts, 2):
            if parts[a] == parts[b]:
                assert written[a] == written[b], parts


def test_sessions_and_hearings_take_a_leading_zero_citizens_do_not():
    assert (count(2), count(7), count(12), count(1234)) == ("02", "07", "12", "1.234")
    assert (people(5), people(40), people(1234)) == ("5", "40", "1.234")
    assert count(0) == "0"  # never "00 vụ việc"


def test_an_empty_queue_is_said_in_words():
    empty = _backlog(0, 0, "")
    assert empty.startswith("Đến hết kỳ báo cáo không còn vụ việc nào") and " 0" not in empty
    none_rolled = _backlog(3, 0, "")
    assert "còn 03 vụ việc" in none_rolled
    assert "không có vụ việc nào phải chuyển sang kỳ sau" in none_rolled
    assert "02 vụ việc chưa đến lượt" in _backlog(3, 2, "")


def test_periods_are_named_as_the_province_names_them():
    named = {
        Period.month(2026, 3): ("tháng 03 năm 2026", "Tháng 03 năm 2026,"),
        Period.quarter(2025, 4): ("quý IV năm 2025", "Quý IV năm 2025,"),
        Period.half(2024, 1): ("6 tháng đầu năm 2024", "6 tháng đầu năm 2024,"),
        Period.year(2023): ("năm 2023", "Năm 2023,"),
        Period.years(2023, 2025): ("từ năm 2023 đến năm 2025", "Từ năm 2023 đến năm 2025"),
        Period.months_of((2024, 1), (2024, 10)): (
            "từ tháng 01/2024 đến hết tháng 10/2024",
            "Từ tháng 01/2024 đến hết tháng 10/2024",
        ),
        Period(datetime.date(2026, 3, 1), datetime.date(2026, 4, 15)): (
            "từ 01/03/2026 đến 15/04/2026",
            "Từ 01/03/2026 đến 15/04/2026",
        ),
    }
    assert {p: (p.label, p.opening) for p in named} == named
    assert [p.label for p in Period.months_of((2023, 11), (2024, 2)).calendar_years()] == [
        "từ tháng 11/2023 đến hết tháng 12/2023",
        "từ tháng 01/2024 đến hết tháng 02/2024",
    ]

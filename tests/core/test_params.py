"""Values read from an address or a form: each parses, or is refused with a 400 and
what was expected, in Vietnamese."""

import datetime

import pytest
from tiep_cong_dan.core.params import BadParameter, parse_month, parse_whole_number


def test_a_month_within_2000_and_2100_parses():
    assert parse_month("2026-03") == datetime.date(2026, 3, 1)
    assert parse_month(" 2100-12 ") == datetime.date(2100, 12, 1)


@pytest.mark.parametrize("raw", ["9999-12", "0001-01", "1999-12", "2101-01", "abc", "2026-13"])
def test_other_months_are_refused_with_the_rule(raw):
    with pytest.raises(BadParameter) as exc:
        parse_month(raw)
    assert exc.value.message == (
        f"Tháng viết theo dạng YYYY-MM, từ 2000-01 đến 2100-12 (đã nhập: {raw})."
    )


@pytest.mark.parametrize("raw", ["x1", "-1", "1.5", "", "9" * 10])
def test_a_whole_number_is_digits_only(raw):
    with pytest.raises(BadParameter) as exc:
        parse_whole_number(raw, "Vị trí")
    assert exc.value.message.startswith("Vị trí phải là số nguyên")
    assert parse_whole_number(" 12 ", "Vị trí") == 12

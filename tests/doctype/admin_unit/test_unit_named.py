"""Finding a commune-level unit by its name as people write it, within the era of a
date (the import of past records names units this way), and an agency as it existed
on a date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan.doctype.admin_unit.services import unit_named
from tiep_cong_dan.doctype.agency.lookup import agency_named

IN_2023 = datetime.date(2023, 3, 15)
IN_2025 = datetime.date(2025, 8, 15)


@pytest.mark.parametrize(
    "name, district",
    [
        ("Xã Hòa Thắng", "Huyện Hữu Lũng"),
        ("hoa thang", "huu lung"),
        ("XÃ HÒA THẮNG", "Hữu Lũng"),
        ("Hòa Thắng", None),
    ],
)
def test_a_commune_is_found_however_its_name_is_written(name, district, master_data):
    unit = unit_named(name, district, on=IN_2023)
    assert (unit.name, unit.parent.name) == ("Xã Hòa Thắng", "Huyện Hữu Lũng")


def test_the_unit_of_the_date_s_era_is_found(master_data):
    old = unit_named("Phường Đông Kinh", "Thành phố Lạng Sơn", on=IN_2023)
    new = unit_named("Phường Đông Kinh", on=IN_2025)
    assert old.pk != new.pk
    assert old.is_valid_on(IN_2023) and new.is_valid_on(IN_2025)
    assert new.valid_from == datetime.date(2025, 7, 1)


@pytest.mark.parametrize(
    "name, district, day, code, words",
    [
        ("Xã Không Có", None, IN_2023, "unit_unknown", "Xã Không Có"),
        ("Xã Hòa Thắng", None, IN_2025, "unit_not_in_force", "15/08/2025"),
        ("Xã Hòa Thắng", "Huyện Không Có", IN_2023, "district_unknown", "Huyện Không Có"),
        ("Phường Đông Kinh", "Thành phố Lạng Sơn", IN_2025, "district_after_2025", "15/08/2025"),
    ],
)
def test_a_name_that_means_no_unit_of_the_date_is_refused(
    name, district, day, code, words, master_data
):
    with pytest.raises(ValidationError) as refused:
        unit_named(name, district, on=day)
    assert refused.value.code == code
    assert words in refused.value.messages[0]


def test_an_agency_is_found_by_name_or_code_as_it_existed_on_the_date(master_data):
    assert agency_named("Sở Tài nguyên và Môi trường", on=IN_2023).code == "STNMT"
    assert agency_named("stnmt", on=IN_2023).code == "STNMT"
    assert agency_named("UBND huyện Lộc Bình", on=IN_2023).code == "UBND-188"
    assert agency_named("Sở Nông nghiệp và Môi trường", on=IN_2025).code == "SNNMT"
    with pytest.raises(ValidationError) as merged:
        agency_named("Sở Tài nguyên và Môi trường", on=IN_2025)
    assert merged.value.code == "agency_not_in_force"
    with pytest.raises(ValidationError) as abolished:
        agency_named("UBND huyện Lộc Bình", on=IN_2025)  # districts ended on 2025-06-30
    assert "không còn vào ngày 15/08/2025" in abolished.value.messages[0]
    with pytest.raises(ValidationError) as not_yet:
        agency_named("Sở Nông nghiệp và Môi trường", on=IN_2023)
    assert "chưa được thành lập" in not_yet.value.messages[0]

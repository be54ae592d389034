"""The province's identity is the site's profile, not the code's."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from tiep_cong_dan.core import site_profile as profile_module
from tiep_cong_dan.core.site_profile import check_site_profile, missing_entries, site_profile
from tiep_cong_dan.print_format.context import common

APP = Path(profile_module.__file__).resolve().parent.parent

# Where a province's name may still be written, and why: its own data (units, agencies,
# demo people, the history template's example rows) and words about that data.
ALLOWED = (
    "migrations/",
    "fixtures/",
    "demo/",
    "doctype/admin_unit/",  # the units' names and the resolutions that made them
    "imports/history/template.py",  # the template's example rows
    "management/commands/load_master_data.py",  # the command's help names the data
)


def test_every_entry_of_the_shipped_profile_is_filled():
    assert missing_entries(settings.TCD_SITE_PROFILE) == []
    assert check_site_profile() == []
    assert site_profile().province == "Lạng Sơn"


def test_a_profile_without_an_entry_is_refused_at_start_naming_it(settings):
    broken = {**settings.TCD_SITE_PROFILE, "board": {"name": "", "letterhead": "BAN"}}
    settings.TCD_SITE_PROFILE = broken
    errors = check_site_profile()
    assert {e.id for e in errors} == {"tcd.E001"}
    assert [e.msg for e in errors] == [
        "The site profile has no board.name.",
        "The site profile has no board.filing_line.",
    ]


def test_another_provinces_profile_names_its_own_committee(settings):
    other = {k: dict(v) for k, v in settings.TCD_SITE_PROFILE.items()}
    other["province"].update(name="Cao Bằng", committee_short="UBND TỈNH CAO BẰNG")
    settings.TCD_SITE_PROFILE = other
    site_profile.cache_clear()
    try:
        assert site_profile().committee_short == "UBND TỈNH CAO BẰNG"
    finally:
        site_profile.cache_clear()


def test_the_letterhead_prints_the_profiles_names():
    # Decree 30's two lines: the kind of body above its place
    assert common.PROVINCE == site_profile().committee == "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    assert common.RECEPTION_OFFICE == site_profile().reception_office


@pytest.mark.parametrize("path", sorted(APP.rglob("*.py")), ids=lambda p: str(p.relative_to(APP)))
def test_no_code_names_the_province(path):
    rel = str(path.relative_to(APP))
    if rel.startswith(ALLOWED):
        return
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"Lạng Sơn|LẠNG SƠN|Lang Son|langson", text)
    assert not found, f"{rel} names the province; take it from site_profile()"

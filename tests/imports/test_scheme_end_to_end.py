"""The province's past years through the product, end to end: the register workbook in
the documented layout, imported with `manage.py import_history`, then the report of
2023 and of January–October 2024 as the Chairman reads it. The scheme's published
figures and sentences come back; importing the file again changes nothing; a file with
one bad row writes nothing; a 2023 hearing in Xã Sơn Hà counts under Hữu Lũng in 2023
and today's commune that took Sơn Hà over sees it."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from tiep_cong_dan.access.models import UserScope
from tiep_cong_dan.access.roles import Role
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.reporting.figures import compute
from tiep_cong_dan.reporting.wording import headline, subject
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import new_unit
from ..reporting.test_scheme_years import SCHEME_2023, SCHEME_2024_AD_HOC, SCHEME_2024_OPENING
from .scheme_records import REGISTER, scheme_register

YEAR_2023 = Period.year(2023)
TEN_MONTHS_2024 = Period(datetime.date(2024, 1, 1), datetime.date(2024, 10, 31))


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (ReceptionSession, AgendaItem, Petition, ResultNotice, Assignment, WorkflowEvent)
    )


@pytest.fixture
def register(tmp_path, role_users):
    path = tmp_path / "so-tiep-cong-dan-2023-2024.xlsx"
    scheme_register(path)
    return path


def test_the_scheme_years_come_back_word_for_word(register):
    # when the Board imports its register of 2023 and 2024 with the command
    call_command("import_history", str(register), "--commit", "--user", "canbo")
    # then the 2023 report says what the scheme published, word for word
    figures_2023 = compute(YEAR_2023)
    assert headline(figures_2023.reception) == SCHEME_2023
    assert subject(figures_2023.reception) == (
        "Kết quả tiếp công dân trực tiếp của Chủ tịch UBND tỉnh năm 2023"
    )
    periodic = figures_2023.periodic
    assert (periodic.sessions, periodic.hearings, periodic.citizens) == (12, 169, 210)
    assert (periodic.group_hearings, periodic.group_citizens) == (11, 51)
    # and January–October 2024 its figures and the sentences it writes in full
    text_2024 = headline(compute(TEN_MONTHS_2024).reception)
    assert text_2024.startswith(
        SCHEME_2024_OPENING
        + "Thành phố là 117 lượt công dân (chiếm 68,4%), Lộc Bình là 34 lượt công dân "
        "(chiếm 19,9%), Cao Lộc là 15 lượt công dân (chiếm 8,8%)"
    )
    assert text_2024.endswith(SCHEME_2024_AD_HOC)


def test_importing_the_same_register_again_changes_nothing(register):
    call_command("import_history", str(register), "--commit", "--user", "canbo")
    before = _counts()
    call_command("import_history", str(register), "--commit", "--user", "truongban")
    assert _counts() == before


def test_a_register_with_one_bad_row_writes_nothing(register, capsys):
    book = load_workbook(register)
    sheet = book[REGISTER]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if isinstance(r[0].value, int))
    row[header.index("Xã, phường, thị trấn nơi cư trú")].value = "Xã Không Có Thật"
    book.save(register)
    before = _counts()
    with pytest.raises(CommandError) as refused:
        call_command("import_history", str(register), "--commit", "--user", "canbo")
    assert "không nhập" in str(refused.value)
    assert "Xã Không Có Thật" in capsys.readouterr().out
    assert _counts() == before


def test_a_hearing_in_son_ha_counts_under_huu_lung_and_todays_commune_sees_it(register):
    call_command("import_history", str(register), "--commit", "--user", "canbo")
    son_ha = AgendaItem.objects.filter(
        session__date__year=2023, petition__residence_unit__name="Xã Sơn Hà"
    )
    assert son_ha.exists()
    # reported under the district of 2023 ...
    places = compute(YEAR_2023).kinds["ad_hoc"].places
    assert ("Xã Sơn Hà", "Huyện Hữu Lũng") in [(c.name, d.name) for c, d in places]
    # ... and seen today by the officer of Xã Hữu Lũng, which took Sơn Hà over
    officer = User.objects.create(username="xa_huulung", is_staff=True)
    officer.groups.set([Group.objects.get(name=Role.COMMUNE_OFFICER.value)])
    UserScope.objects.create(user=officer, unit=new_unit("06385"))
    mine = compute(YEAR_2023, user=officer)
    assert mine.kinds["ad_hoc"].citizens == sum(i.attendance_count or 0 for i in son_ha)

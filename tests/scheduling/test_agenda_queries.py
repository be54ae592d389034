"""Building an agenda asks the database the same number of times for 3 hearings as
for 12: the points, the units' successions and the agencies concerned are read in
bulk, the hearings and their history written in one insert each."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.petition.services import set_agencies_concerned
from tiep_cong_dan.doctype.reception_session.constants import HearingMode
from tiep_cong_dan.scheduling.agenda import build_agenda

from ..conftest import new_unit
from .test_agenda import _approved, _session


def _queries_for(users, n: int, start: int, day: datetime.date) -> tuple[int, list]:
    dong_kinh = new_unit("05977")
    old_ward = dong_kinh.predecessors.first()  # a unit merged away: its successor's point
    cases = _approved(users, n, unit=old_ward, start=start, received=datetime.date(2025, 6, 2))
    agencies = list(Agency.objects.filter(active=True, kind="department").order_by("code")[:2])
    for case in cases:
        set_agencies_concerned(case, agencies)
    session = _session(users, day, capacity=n)
    with CaptureQueriesContext(connection) as queries:
        added = build_agenda(session, by=users["canbo"])
    return len(queries), added


def test_building_an_agenda_asks_the_same_for_3_or_12_hearings(role_users):
    few, small = _queries_for(role_users, 3, 0, datetime.date(2026, 1, 15))
    many, large = _queries_for(role_users, 12, 100, datetime.date(2026, 2, 16))
    assert (len(small), len(large)) == (3, 12)
    assert many == few
    # And the agenda is what it was when built one hearing at a time.
    dong_kinh = new_unit("05977")
    session = large[0].session
    assert [i.position for i in large] == list(range(1, 13))
    assert all(i.mode == HearingMode.ONLINE and i.bridge_point.unit == dong_kinh for i in large)
    assert list(session.invited_units.all()) == [dong_kinh]
    assert session.invited_agencies.count() == 2
    assert all(i.history.count() == 1 for i in session.agenda_items.all())

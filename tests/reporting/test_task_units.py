"""The open tasks a unit officer counts, and the tasks they see, read by the case units
each task carries (Assignment.case_residence_unit / case_matter_unit), are those of the
cases the officer sees, as a join to the petitions gives them: after the tasks are
written, and after a petition's edit moves its matter out of the district and back."""

import datetime

import pytest
from django.db.models import Q
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.access.scope import agency_scope_ids
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import update_petition
from tiep_cong_dan.doctype.result_notice.constants import OPEN_ASSIGNMENT_STATES
from tiep_cong_dan.doctype.result_notice.models import Assignment
from tiep_cong_dan.reporting.figures import compute

from ..conftest import new_unit

VIEWERS = ["canbo", "huyen_locbinh", "xa_dongkinh", "so_nnmt"]
PERIOD = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def _joined(user) -> tuple[int, int]:
    """Open tasks and those due by the period's end, through the petitions joined."""
    tasks = Assignment.objects.filter(
        state__in=OPEN_ASSIGNMENT_STATES, petition__in=rule_for(Petition).queryset(user)
    )
    return tasks.count(), tasks.filter(deadline__lte=PERIOD.end).count()


def _counted(user) -> tuple[int, int]:
    figures = compute(PERIOD, user, parts=frozenset({"assignments"}))
    return figures.assignments["open"], figures.assignments["overdue"]


def _seen_joined(user) -> set[int]:
    """The tasks of the cases the user sees, and those given to their agency."""
    condition = Q(petition__in=rule_for(Petition).queryset(user))
    if agency_scope_ids(user):
        condition |= Q(agency_id__in=agency_scope_ids(user))
    return set(Assignment.objects.filter(condition).values_list("pk", flat=True))


def _seen(user) -> set[int]:
    return set(rule_for(Assignment).queryset(user).values_list("pk", flat=True))


@pytest.fixture
def more_tasks(year):
    """Tasks of the Đông Kinh case too, for another agency."""
    notice = Assignment.objects.first().notice
    agency = Agency.objects.exclude(code="SNNMT").filter(active=True).first()
    for deadline in (datetime.date(2025, 9, 1), datetime.date(2026, 9, 1)):
        Assignment.objects.create(
            notice=notice, petition=year["d"], agency=agency, task="Trả lời.", deadline=deadline
        )
    return year


def test_each_task_carries_its_case_units(more_tasks):
    for task in Assignment.objects.select_related("petition"):
        assert task.case_residence_unit == task.petition.residence_unit_id
        assert task.case_matter_unit == task.petition.matter_unit_id


@pytest.mark.parametrize("username", VIEWERS)
def test_the_counts_are_the_joined_ones(more_tasks, role_users, username):
    user = role_users[username]
    assert _counted(user) == _joined(user)
    assert _seen(user) == _seen_joined(user)
    if username in ("huyen_locbinh", "xa_dongkinh"):  # some tasks in, some out
        assert 0 < len(_seen(user)) < Assignment.objects.count()


def test_a_petition_moved_takes_its_tasks_along(more_tasks, role_users):
    district = role_users["huyen_locbinh"]
    commune = role_users["xa_dongkinh"]
    before = _counted(commune)
    moved = more_tasks["a"]  # a Lộc Bình case with an open task, living there
    # Its matter now in Đông Kinh (the ward as it stood on the case's day).
    moved.matter_unit = new_unit("05977").predecessors.first()
    update_petition(moved, fields=["matter_unit"])
    assert Assignment.objects.filter(petition=moved, case_matter_unit=moved.matter_unit_id)
    assert _counted(commune)[0] > before[0]
    for user in (district, commune):
        assert _counted(user) == _joined(user)
        assert _seen(user) == _seen_joined(user)
    moved.matter_unit = more_tasks["locbinh"][1]
    update_petition(moved, fields=["matter_unit"])
    assert _counted(commune) == before
    for user in (district, commune):
        assert _counted(user) == _joined(user)
        assert _seen(user) == _seen_joined(user)


def test_a_departments_tasks_are_asked_of_the_links(more_tasks, role_users):
    """A department officer's tasks: those of the cases naming their agencies, asked of
    the links' keys, not of the cases (the same rows as the join above)."""
    import re

    user = role_users["so_nnmt"]
    sql = rule_for(Assignment).queryset(user).query.sql_with_params()[0]
    assert Petition.agencies_concerned.through._meta.db_table in sql
    assert not re.search(rf"[`\"]{Petition._meta.db_table}[`\"]", sql)
    assert _seen(user) == _seen_joined(user) and _seen(user)

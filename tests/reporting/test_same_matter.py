"""Registrations linked as one matter (doctype/petition/services.link_same_matter):
counted each in the figures of registrations (lượt, đơn: `received`), once in those
of matters (vụ việc: `received_matters`), the same directly and from the kept table,
which the link keeps in step as a recount makes it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.services import link_same_matter, unlink_same_matter
from tiep_cong_dan.reporting import cube
from tiep_cong_dan.reporting.figures import compute
from tiep_cong_dan.reporting.models import FigureCount

from ..conftest import make_citizen, make_petition, new_unit

PARTS = frozenset({"received"})
MARCH = Period.month(2026, 3)


def _cells() -> dict:
    return {
        (c.figure, c.month, c.since, c.residence_unit, c.matter_unit): c.count
        for c in FigureCount.objects.exclude(figure="")
        if c.count
    }


def _both(user) -> tuple[tuple[int, int], tuple[int, int]]:
    """(registrations, matters) counted directly, then from the kept table."""
    kept = compute(MARCH, user, parts=PARTS)
    saved = _cells()
    FigureCount.objects.all().delete()
    direct = compute(MARCH, user, parts=PARTS)
    cube.rebuild()
    assert _cells() == saved  # the links kept the table as a recount makes it
    return (direct.received, direct.received_matters), (kept.received, kept.received_matters)


@pytest.mark.django_db
def test_linked_registrations_count_once_as_a_matter_and_each_as_registrations(role_users):
    cube.rebuild()
    unit = new_unit("05977")
    first, second, third = (
        make_petition(unit, make_citizen(unit, f"Hoàng Văn {name}", f"02009000002{i}"))
        for i, name in enumerate(("An", "Bình", "Cường"))
    )
    other = make_petition(unit, make_citizen(unit, "Lý Thị Dung", "020190000029"))
    link_same_matter(second, matter=first, by=role_users["canbo"])
    # Linked to a case already linked: the link names the matter's first case.
    link_same_matter(third, matter=second, by=role_users["canbo"])
    third.refresh_from_db()
    assert third.same_matter_as_id == first.pk
    for username in ("canbo", "xa_dongkinh", None):
        direct, kept = _both(role_users.get(username))
        assert direct == kept == (4, 2), username
    unlink_same_matter(third, by=role_users["canbo"])
    assert _both(None) == ((4, 3), (4, 3))
    assert other.same_matter_as_id is None


@pytest.mark.django_db
def test_a_link_is_refused_clearly(role_users):
    unit = new_unit("05977")
    complaint = make_petition(unit, make_citizen(unit, "Hoàng Văn An", "020090000031"))
    denunciation = make_petition(
        unit,
        make_citizen(unit, "Nông Thị Bích", "020190000032"),
        kind=PetitionKind.DENUNCIATION,
        received=datetime.date(2026, 3, 3),
    )
    with pytest.raises(ValidationError) as self_link:
        link_same_matter(complaint, matter=complaint)
    assert self_link.value.code == "same_matter_self"
    with pytest.raises(ValidationError) as kinds:
        link_same_matter(denunciation, matter=complaint)
    assert kinds.value.code == "same_matter_kind"
    denunciation.refresh_from_db()
    assert denunciation.same_matter_as_id is None

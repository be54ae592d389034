import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tiep_cong_dan.core.models import NamingSeries
from tiep_cong_dan.doctype.petition.models import Petition, PetitionRepresentative
from tiep_cong_dan.doctype.petition.services import register_petition, validate_group

from ...conftest import make_citizen, make_petition, new_unit, old_unit


@pytest.fixture
def dong_kinh(master_data):
    return new_unit("05977")


def _petition(unit, citizen, **kw):
    data = dict(
        received_date=datetime.date(2026, 3, 2),
        channel="written",
        kind="complaint",
        citizen=citizen,
        summary="Khiếu nại",
        content="Nội dung",
        matter_unit=unit,
    )
    data.update(kw)
    return Petition(**data)


def test_registration_numbers_the_petition_and_snapshots_residence(dong_kinh):
    citizen = make_citizen(dong_kinh, "Hoàng Văn An", "020090000001")
    petition = make_petition(dong_kinh, citizen)
    assert petition.registration_number == "2026/TCD-000001"
    assert petition.residence_unit == dong_kinh
    citizen.residence_unit = new_unit("06187")
    citizen.save()
    petition.refresh_from_db()
    assert petition.residence_unit == dong_kinh  # the case keeps the unit it had
    assert make_petition(dong_kinh, citizen).registration_number == "2026/TCD-000002"
    other_year = make_petition(dong_kinh, citizen, received=datetime.date(2025, 12, 30))
    assert other_year.registration_number == "2025/TCD-000001"


def test_a_future_received_date_is_refused(dong_kinh):
    citizen = make_citizen(dong_kinh, "Hoàng Văn An", "020090000001")
    future = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        register_petition(_petition(dong_kinh, citizen, received_date=future))
    assert exc.value.error_dict["received_date"][0].code == "future_date"
    assert not Petition.objects.exists()


def test_a_unit_not_in_force_on_the_received_date_is_refused(dong_kinh):
    citizen = make_citizen(dong_kinh, "Hoàng Văn An", "020090000001")
    with pytest.raises(ValidationError) as exc:
        register_petition(_petition(old_unit("05971"), citizen))
    assert exc.value.error_dict["matter_unit"][0].code == "unit_not_in_force"
    with pytest.raises(ValidationError):
        register_petition(_petition(dong_kinh, citizen, received_date=datetime.date(2025, 3, 3)))


@pytest.mark.parametrize(
    "size,reps,ok",
    [
        (1, 0, True),
        (4, 1, False),
        (5, 0, False),
        (5, 1, True),
        (10, 2, True),
        (10, 3, False),
        (11, 5, True),
        (11, 6, False),
        (40, 5, True),
    ],
)
def test_group_representatives_follow_article_29(size, reps, ok):
    if ok:
        validate_group(size, reps)
    else:
        with pytest.raises(ValidationError):
            validate_group(size, reps)


def test_a_refused_group_registration_leaves_nothing_behind(dong_kinh):
    citizens = [make_citizen(dong_kinh, f"Người {i}", f"02009000001{i}") for i in range(4)]
    with pytest.raises(ValidationError) as exc:
        register_petition(
            _petition(dong_kinh, citizens[0], group_size=8), representatives=citizens[1:4]
        )
    assert exc.value.code == "representative_count"
    assert not Petition.objects.exists()
    assert not PetitionRepresentative.objects.exists()
    assert not NamingSeries.objects.filter(key="TCD-2026", current__gt=0).exists()
    petition = register_petition(
        _petition(dong_kinh, citizens[0], group_size=8), representatives=citizens[1:3]
    )
    assert petition.registration_number == "2026/TCD-000001"
    assert petition.representatives.count() == 2
    assert petition.is_group


def test_a_chairman_proposal_needs_its_committee(dong_kinh):
    citizen = make_citizen(dong_kinh, "Hoàng Văn An", "020090000001")
    with pytest.raises(ValidationError) as exc:
        register_petition(_petition(dong_kinh, citizen, chairman_proposal="Tờ trình 12/TTr"))
    assert "proposing_agency" in exc.value.error_dict


def test_the_same_representative_twice_is_refused(dong_kinh):
    lead = make_citizen(dong_kinh, "Hoàng Văn An", "020090000001")
    rep = make_citizen(dong_kinh, "Hà Văn Bình", "020090000002")
    with pytest.raises(ValidationError) as exc:
        register_petition(_petition(dong_kinh, lead, group_size=6), representatives=[rep, rep])
    assert exc.value.code == "duplicate_representative"
    assert not Petition.objects.exists()

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tiep_cong_dan.doctype.citizen.models import Citizen

from ...conftest import new_unit


def test_citizen_validation_messages(master_data):
    unit = new_unit("05977")
    citizen = Citizen(
        full_name="Hà Thị Lan",
        id_number="12345",
        phone="12",
        date_of_birth=timezone.localdate() + datetime.timedelta(days=3),
        address="khối 5",
        residence_unit=unit,
    )
    with pytest.raises(ValidationError) as exc:
        citizen.full_clean()
    errors = exc.value.error_dict
    assert {"id_number", "phone", "date_of_birth"} <= set(errors)
    assert errors["id_number"][0].code == "invalid_id_number"


def test_the_same_paper_cannot_be_registered_twice(master_data):
    unit = new_unit("05977")
    Citizen.objects.create(
        full_name="A", id_number="020090000001", address="x", residence_unit=unit
    )
    duplicate = Citizen(full_name="B", id_number="020090000001", address="y", residence_unit=unit)
    with pytest.raises(ValidationError):
        duplicate.full_clean()

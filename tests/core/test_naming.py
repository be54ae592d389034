"""The yearly series under concurrent registration, on the real MariaDB."""

import datetime
import threading

import pytest
from django.db import connection, transaction
from tiep_cong_dan.core.models import NamingSeries
from tiep_cong_dan.core.naming import take_next_number
from tiep_cong_dan.doctype.petition.models import Petition

from ..conftest import ensure_master_data, make_citizen, make_petition, new_unit


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_get_distinct_consecutive_numbers():
    ensure_master_data()
    unit = new_unit("05977")
    citizens = [make_citizen(unit, f"Công dân {i}", f"0200900{i:05d}") for i in range(8)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(citizens))

    def register(citizen):
        try:
            barrier.wait()
            for _ in range(4):
                make_petition(unit, citizen, received=datetime.date(2026, 4, 1))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(c,)) for c in citizens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = sorted(
        Petition.objects.filter(registration_year=2026).values_list("registration_seq", flat=True)
    )
    assert seqs == list(range(1, 33))
    numbers = set(Petition.objects.values_list("registration_number", flat=True))
    assert "2026/TCD-000001" in numbers and "2026/TCD-000032" in numbers
    assert NamingSeries.objects.get(key="TCD-2026").current == 32


@pytest.mark.django_db
def test_a_rolled_back_registration_gives_its_number_back():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            assert take_next_number("TCD-2030") == 1
            raise RuntimeError("registration failed after numbering")
    with transaction.atomic():
        assert take_next_number("TCD-2030") == 1
        assert take_next_number("TCD-2030") == 2

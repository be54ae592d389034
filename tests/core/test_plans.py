"""core/plans.py: the EXISTS rewrite is off inside the block only, on MariaDB."""

import pytest
from django.db import connection
from tiep_cong_dan.core.plans import exists_looked_up


def _switch() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT @@SESSION.optimizer_switch")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_rewrite_is_off_in_the_block_and_restored_after():
    if connection.vendor != "mysql":
        pytest.skip("a MariaDB setting")
    before = _switch()
    assert "exists_to_in=on" in before
    with exists_looked_up():
        assert "exists_to_in=off" in _switch()
    assert _switch() == before


@pytest.mark.django_db
def test_restored_when_the_block_fails():
    if connection.vendor != "mysql":
        pytest.skip("a MariaDB setting")
    before = _switch()
    with pytest.raises(ZeroDivisionError), exists_looked_up():
        1 / 0  # noqa: B018
    assert _switch() == before

"""core/plans.py: the EXISTS rewrite, the index merge and the semi-join are off inside
their blocks only, on MariaDB."""

import pytest
from django.db import connection
from tiep_cong_dan.core.plans import along_the_order, exists_looked_up, subqueries_as_sets


def _switch() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT @@SESSION.optimizer_switch")
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("block", "setting"),
    [
        (exists_looked_up, "exists_to_in"),
        (along_the_order, "index_merge"),
        (subqueries_as_sets, "semijoin"),
    ],
    ids=["exists looked up", "along the order", "subqueries as sets"],
)
def test_the_switch_is_off_in_the_block_and_restored_after(block, setting):
    if connection.vendor != "mysql":
        pytest.skip("a MariaDB setting")
    before = _switch()
    assert f"{setting}=on" in before
    with block():
        assert f"{setting}=off" in _switch()
        # Only this one: the others stay as the server has them.
        others = [s for s in before.split(",") if not s.startswith(f"{setting}=")]
        assert [s for s in _switch().split(",") if not s.startswith(f"{setting}=")] == others
    assert _switch() == before


@pytest.mark.django_db
def test_restored_when_the_block_fails():
    if connection.vendor != "mysql":
        pytest.skip("a MariaDB setting")
    before = _switch()
    with pytest.raises(ZeroDivisionError), exists_looked_up():
        1 / 0  # noqa: B018
    assert _switch() == before

"""The event log is complete and cannot be altered, through the ORM or underneath it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from tiep_cong_dan import workflow
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit
from .helpers import approve_online


@pytest.fixture
def events(role_users):
    dk = new_unit("05977")
    petition = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    approve_online(petition, role_users)
    return petition, WorkflowEvent.objects.filter(doctype="petition", object_id=petition.pk)


def test_every_step_is_one_event_with_who_when_and_a_snapshot(events, role_users):
    petition, log = events
    steps = list(log.order_by("at", "id").values_list("action", "from_state", "to_state"))
    assert steps == [
        ("create", "", "received"),
        ("classify", "received", "classified"),
        ("propose", "classified", "proposed"),
        ("endorse", "proposed", "endorsed"),
        ("approve", "endorsed", "approved"),
    ]
    last = log.get(action="approve")
    assert last.actor == role_users["chutich"] and last.actor_roles == ["chairman"]
    assert last.snapshot["state"] == "approved"
    assert last.snapshot["eligibility_basis"] == "scheme_2_1"
    assert last.snapshot["residence_unit_id"] == petition.residence_unit_id


def test_a_refused_step_leaves_no_event(events, role_users):
    petition, log = events
    before = log.count()
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(petition, "approve", by=role_users["chutich"])
    assert log.count() == before


def test_the_orm_refuses_to_change_or_delete_events(events):
    _, log = events
    event = log.first()
    event.comment = "sửa lại"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        log.update(comment="sửa lại")
    with pytest.raises(ValidationError):
        log.delete()


@pytest.mark.skipif(connection.vendor != "mysql", reason="MariaDB triggers")
def test_the_database_refuses_to_change_or_delete_events(events):
    _, log = events
    table = WorkflowEvent._meta.db_table
    pk = log.first().pk
    with connection.cursor() as cursor:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute(f"UPDATE {table} SET comment = 'x' WHERE id = %s", [pk])
        cursor.execute("SET @tcd_allow_event_purge = NULL")
        try:
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])
        finally:
            cursor.execute("SET @tcd_allow_event_purge = 1")
    assert log.filter(pk=pk, comment="").exists()

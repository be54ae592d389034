"""The workflows' revisions are read once per request, and an edit is in force from the
very next request (workflow/loader.py, `revisions_read_once`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.workflow.loader import definition, revisions_read_once, store
from tiep_cong_dan.workflow.models import Workflow
from tiep_cong_dan.workflow.shipped import read_file

from ..conftest import make_citizen, make_petition, new_unit

WORKFLOW_TABLE = f"`{Workflow._meta.db_table}`"


@pytest.fixture
def petition(role_users):
    dk = new_unit("05977")
    return make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))


def _form(petition) -> str:
    return reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])


def _revision_reads(queries) -> int:
    return sum(
        1
        for q in queries.captured_queries
        if q["sql"].lstrip().startswith("SELECT") and f"FROM {WORKFLOW_TABLE}" in q["sql"]
    )


def test_a_form_reads_the_revisions_once(login, petition):
    client = login("canbo")
    client.get(_form(petition))  # parsed once in this process
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_form(petition)).status_code == 200
    assert _revision_reads(queries) == 1


def test_a_workflow_changed_between_requests_is_in_force_at_the_next(login, petition):
    client = login("canbo")
    assert "Rút đơn theo yêu cầu" not in client.get(_form(petition)).content.decode()
    wf = Workflow.objects.get(doctype="petition")
    step = wf.transitions.get(action="withdraw")
    step.label = "Rút đơn theo yêu cầu"
    step.save()
    wf.revision += 1
    wf.save()  # as the desk's editor saves it
    assert "Rút đơn theo yêu cầu" in client.get(_form(petition)).content.decode()


def test_an_edit_inside_the_request_drops_what_it_read(role_users):
    data = read_file("petition")
    with revisions_read_once():
        before = definition("petition")
        changed = {
            **data,
            "transitions": [
                {**t, "label": "Rút đơn theo yêu cầu"} if t["action"] == "withdraw" else t
                for t in data["transitions"]
            ],
        }
        store("petition", changed)
        after = definition("petition")
        assert after.revision == before.revision + 1
        assert [t.label for t in after.transitions if t.action == "withdraw"] == [
            "Rút đơn theo yêu cầu"
        ]
        # A save through the model (the desk's editor) drops them too.
        wf = Workflow.objects.get(doctype="petition")
        wf.revision += 1
        wf.save()
        assert definition("petition").revision == after.revision + 1


def test_outside_a_request_each_call_checks_the_revision(role_users):
    first = definition("petition")
    Workflow.objects.filter(doctype="petition").update(revision=first.revision + 5)
    assert definition("petition").revision == first.revision + 5

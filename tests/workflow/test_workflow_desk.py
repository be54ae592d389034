"""The workflow in the desk: what each user is offered and told, actions and bulk
actions through the engine, and a workflow edited in the desk taking effect."""

import pytest
from django.urls import reverse
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.workflow.models import Workflow, WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit
from .helpers import make_eligible


@pytest.fixture
def petition(role_users):
    dk = new_unit("05977")
    return make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))


def _change_url(obj) -> str:
    return reverse(f"admin:tiep_cong_dan_{obj._meta.model_name}_change", args=[obj.pk])


def _act(client, obj, action, **extra):
    url = reverse(f"admin:tiep_cong_dan_{obj._meta.model_name}_workflow", args=[obj.pk])
    return client.post(url, {"action": action, **extra}, follow=True)


def test_the_form_offers_allowed_steps_and_explains_the_others(login, petition):
    page = login("canbo").get(_change_url(petition)).content.decode()
    assert 'name="action" value="notify_acceptance"' not in page  # needs an outcome first
    assert 'name="action" value="withdraw"' in page
    assert "Phân loại" in page  # the blocked step is listed with its reason
    assert 'name="comment"' in page
    assert "Tiếp nhận, tạo mới" in page  # the timeline's first event


def test_a_viewer_without_any_step_gets_no_comment_box(login, petition):
    page = login("xa_dongkinh").get(_change_url(petition)).content.decode()
    assert 'name="comment"' not in page
    assert 'name="action"' not in page


def test_an_action_in_the_desk_goes_through_the_engine(login, petition):
    client = login("canbo")
    response = _act(client, petition, "classify")
    petition.refresh_from_db()
    assert petition.state == "received"
    assert response.status_code == 200
    assert "messagelist" in response.content.decode() or response.context["messages"]
    make_eligible(petition)
    _act(client, petition, "classify", comment="Thuộc thẩm quyền Chủ tịch.")
    petition.refresh_from_db()
    assert petition.state == "classified"
    event = WorkflowEvent.objects.get(doctype="petition", object_id=petition.pk, action="classify")
    assert (event.actor.username, event.comment) == ("canbo", "Thuộc thẩm quyền Chủ tịch.")


def test_a_refused_action_is_explained(login, petition):
    make_eligible(petition)
    client = login("canbo")
    _act(client, petition, "classify")
    response = _act(client, petition, "not_propose")
    # a refusal about the comment is shown beside the comment box
    errors = response.content.decode().split('id="wf-comment"', 1)[1].split("</ul>", 1)[0]
    assert "Không đề xuất tiếp trực tuyến" in errors
    petition.refresh_from_db()
    assert petition.state == "classified"


def test_out_of_scope_and_get_requests_are_refused(login, placed_petitions):
    client = login("xa_dongkinh")
    kylua = placed_petitions["kylua"]
    url = reverse("admin:tiep_cong_dan_petition_workflow", args=[kylua.pk])
    assert client.post(url, {"action": "classify"}).status_code == 404  # as if missing
    assert login("canbo").get(url).status_code == 405


def test_bulk_action_checks_each_document(login, role_users):
    dk = new_unit("05977")
    ready = make_eligible(make_petition(dk, make_citizen(dk, "A", "020090000011")))
    unclear = make_petition(dk, make_citizen(dk, "B", "020090000012"))
    response = login("canbo").post(
        reverse("admin:tiep_cong_dan_petition_changelist"),
        {"action": "workflow_classify", "_selected_action": [ready.pk, unclear.pk]},
        follow=True,
    )
    ready.refresh_from_db()
    unclear.refresh_from_db()
    assert (ready.state, unclear.state) == ("classified", "received")
    text = " ".join(str(m) for m in response.context["messages"])
    assert unclear.registration_number in text


def _workflow_post(workflow: Workflow, **changes) -> dict:
    data = {"label": workflow.label, "initial_state": workflow.initial_state}
    states = list(workflow.states.all())
    transitions = list(workflow.transitions.all())
    for prefix, rows in (("states", states), ("transitions", transitions)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    for i, s in enumerate(states):
        p = f"states-{i}-"
        data.update({p + "id": s.pk, p + "workflow": workflow.pk, p + "position": s.position})
        data.update({p + "name": s.name, p + "label": s.label, p + "editable_by": s.editable_by})
        if s.final:
            data[p + "final"] = "on"
    for i, t in enumerate(transitions):
        p = f"transitions-{i}-"
        row = {
            "id": t.pk,
            "workflow": workflow.pk,
            "position": t.position,
            "action": t.action,
            "label": t.label,
            "sources": ", ".join(t.sources),
            "target": t.target,
            "roles": t.roles,
            "conditions": t.conditions,
            "effects": t.effects,
            "override_roles": t.override_roles,
            "help": t.help,
        }
        row.update(changes.get(t.action, {}))
        if row.pop("comment_required", t.comment_required):
            data[p + "comment_required"] = "on"
        data.update({p + k: v for k, v in row.items()})
    return data


def test_a_workflow_edited_in_the_desk_takes_effect_at_once(login, petition, role_users):
    from tiep_cong_dan import workflow as engine

    wf = Workflow.objects.get(doctype="petition")
    client = login("truongban")
    response = client.post(
        _change_url(wf), _workflow_post(wf, classify={"conditions": []}), follow=True
    )
    assert response.status_code == 200
    if "adminform" in (response.context or {}):
        errors = [response.context["adminform"].form.errors] + [
            (f.formset.non_form_errors(), f.formset.errors)
            for f in response.context["inline_admin_formsets"]
        ]
        raise AssertionError(errors)
    wf.refresh_from_db()
    assert wf.revision == 2
    engine.apply(petition, "classify", by=role_users["canbo"])  # no jurisdiction needed now
    assert petition.state == "classified"


def test_an_invalid_edit_is_refused_with_the_problem_named(login):
    wf = Workflow.objects.get(doctype="petition")
    client = login("truongban")
    response = client.post(_change_url(wf), _workflow_post(wf, classify={"target": "sorted"}))
    assert response.status_code == 200  # the form again, with the error
    assert "sorted" in response.content.decode()
    wf.refresh_from_db()
    assert wf.revision == 1
    assert wf.transitions.get(action="classify").target == "classified"


def test_an_officer_cannot_edit_the_workflow(login):
    wf = Workflow.objects.get(doctype="petition")
    response = login("canbo").post(_change_url(wf), _workflow_post(wf, classify={"conditions": []}))
    assert response.status_code == 403
    assert Workflow.objects.get(doctype="petition").transitions.get(action="classify").conditions


def test_closed_petitions_page_says_processing_is_finished(login, petition):
    Petition.objects.filter(pk=petition.pk).update(state="closed")
    page = login("canbo").get(_change_url(petition)).content.decode()
    assert 'name="action"' not in page


def test_a_step_on_a_document_someone_else_just_moved_is_refused(login, petition):
    make_eligible(petition)
    client = login("canbo")
    _act(client, petition, "classify", state="received")
    # A second officer still has the form of the received petition open.
    response = _act(client, petition, "classify", state="received")
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "Đã phân loại" in messages
    assert WorkflowEvent.objects.filter(object_id=petition.pk, action="classify").count() == 1


def test_bulk_actions_are_offered_to_those_who_may_take_the_step(login):
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    chairman = login("chutich").get(url).context["action_form"].fields["action"].choices
    officer = login("canbo").get(url).context["action_form"].fields["action"].choices
    chairman, officer = {c for c, _ in chairman}, {c for c, _ in officer}
    assert "workflow_approve" in chairman and "workflow_classify" not in chairman
    assert "workflow_classify" in officer and "workflow_approve" not in officer


def test_a_large_bulk_action_runs_in_the_background(login, role_users):
    from tiep_cong_dan.doctype.petition.models import Petition

    dk = new_unit("05977")
    ready = [
        make_eligible(make_petition(dk, make_citizen(dk, f"A{i}", f"0200901{i:05d}")))
        for i in range(22)
    ]
    unclear = make_petition(dk, make_citizen(dk, "B", "020090200000"))
    client = login("canbo")
    response = client.post(
        reverse("admin:tiep_cong_dan_petition_changelist"),
        {"action": "workflow_classify", "_selected_action": [p.pk for p in [*ready, unclear]]},
    )
    assert response.status_code == 302 and "/print/job/" in response["Location"]
    page = client.get(response["Location"]).content.decode()  # run inline in tests
    assert "22" in page and "23" in page and unclear.registration_number in page
    assert Petition.objects.filter(pk__in=[p.pk for p in ready], state="classified").count() == 22
    assert login("truongban").get(response["Location"]).status_code == 403  # not theirs

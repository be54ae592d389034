"""The departments merged on 2025-03-01 carry their successors: the successor's
officers see the predecessors' cases and tasks, and the tasks still being followed up
are handed to the successor with the reason recorded; closed tasks stay."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from tiep_cong_dan.access.models import UserScope
from tiep_cong_dan.access.roles import Role
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.access.scope import agency_scope_ids
from tiep_cong_dan.doctype.agency.models import Agency, AgencySuccession
from tiep_cong_dan.doctype.agency.services import follow_agency_successions, successor_of
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.doctype.result_notice.services import transfer_task
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, old_unit

SOURCE = "Nghị quyết 04/NQ-HĐND ngày 18/02/2025 của HĐND tỉnh Lạng Sơn (hiệu lực 01/03/2025)"


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


def department_officer(username: str, code: str) -> User:
    user = User.objects.create(username=username, is_staff=True)
    user.groups.set([Group.objects.get(name=Role.DEPARTMENT_OFFICER.value)])
    UserScope.objects.create(user=user, agency=agency(code))
    return user


def test_the_mergers_of_2025_with_their_source(master_data):
    rows = AgencySuccession.objects.select_related("old_agency", "new_agency")
    assert {(r.old_agency.code, r.new_agency.code) for r in rows} == {
        ("SKHDT", "STC"),
        ("SGTVT", "SXD"),
        ("STNMT", "SNNMT"),
        ("SNNPTNT", "SNNMT"),
        ("SLDTBXH", "SNV"),
        ("STTTT", "SKHCN"),
        ("BDT", "SDTTG"),
    }
    assert {(r.effective_on, r.source) for r in rows} == {(datetime.date(2025, 3, 1), SOURCE)}
    for old in Agency.objects.filter(succession_to__isnull=False):
        assert not old.active and old.valid_to == datetime.date(2025, 2, 28)
        assert successor_of(old).is_valid_on(datetime.date(2025, 3, 1))
    assert agency("SNNMT").valid_from == datetime.date(2025, 3, 1)
    assert successor_of(agency("STC")) is None


def test_a_successor_sees_its_predecessors_cases_not_the_other_way(role_users):
    # Given a 2024 case concerning Sở Tài nguyên và Môi trường
    unit = old_unit("188").children.order_by("code").first()
    case = make_petition(
        unit,
        make_citizen(unit, "Lăng Văn Đất", "020070002401"),
        received=datetime.date(2024, 9, 2),
        agencies=[agency("STNMT")],
    )
    so_nnmt = role_users["so_nnmt"]  # Sở Nông nghiệp và Môi trường
    assert agency_scope_ids(so_nnmt) == {
        agency("SNNMT").id,
        agency("STNMT").id,
        agency("SNNPTNT").id,
    }
    assert rule_for(Petition).queryset(so_nnmt).filter(pk=case.pk).exists()
    # An officer left on the merged body's scope does not see the successor's cases.
    former = department_officer("so_tnmt", "STNMT")
    assert agency_scope_ids(former) == {agency("STNMT").id}
    # Another department sees neither.
    other = department_officer("so_xd", "SXD")
    assert not rule_for(Petition).queryset(other).filter(pk=case.pk).exists()


@pytest.fixture
def tasks(role_users):
    """A 2024 notice with tasks of merged departments in every state."""
    unit = old_unit("188").children.order_by("code").first()
    petition = make_petition(
        unit,
        make_citizen(unit, "Hoàng Thị Việc", "020170002402"),
        received=datetime.date(2024, 8, 1),
    )
    session = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2024, 10, 15),
        state="closed",
        presiding_official="Chủ tịch UBND tỉnh",
        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
    )
    notice = ResultNotice.objects.create(session=session, state="issued")

    def task(code, state):
        return Assignment.objects.create(
            notice=notice,
            petition=petition,
            agency=agency(code),
            task=f"Nhiệm vụ của {code} ({state}).",
            deadline=datetime.date(2025, 1, 30),
            state=state,
        )

    return {
        "open": task("SKHDT", "open"),
        "returned": task("STNMT", "returned"),
        "reported": task("SGTVT", "reported"),
        "accepted": task("SKHDT", "accepted"),
        "cancelled": task("STTTT", "cancelled"),
        "current": task("STC", "open"),
    }


def test_open_tasks_follow_the_successor_closed_ones_stay(tasks):
    moved = follow_agency_successions()
    assert moved == 3
    now = {k: Assignment.objects.get(pk=t.pk).agency.code for k, t in tasks.items()}
    assert now == {
        "open": "STC",
        "returned": "SNNMT",
        "reported": "SXD",
        "accepted": "SKHDT",
        "cancelled": "STTTT",
        "current": "STC",
    }
    # Each move is in the event log (state kept) and in the task's change history.
    events = WorkflowEvent.objects.filter(doctype="assignment", action="transfer")
    assert sorted(events.values_list("object_id", flat=True)) == sorted(
        tasks[k].pk for k in ("open", "returned", "reported")
    )
    event = events.get(object_id=tasks["returned"].pk)
    assert (event.from_state, event.to_state) == ("returned", "returned")
    assert event.comment == (
        "Sở Tài nguyên và Môi trường được sắp xếp lại từ ngày 01/03/2025 "
        f"({SOURCE}); Sở Nông nghiệp và Môi trường tiếp nhận nhiệm vụ."
    )
    assert event.snapshot["agency_id"] == agency("SNNMT").pk
    latest = Assignment.history.filter(id=tasks["open"].pk).latest("history_date")
    assert latest.agency_id == agency("STC").pk
    assert latest.history_change_reason.startswith("Sở Kế hoạch và Đầu tư được sắp xếp lại")
    # Running again finds nothing to move and logs nothing.
    assert follow_agency_successions() == 0
    assert events.count() == 3


def test_the_successor_answers_for_the_moved_tasks(tasks, role_users):
    follow_agency_successions()
    visible = rule_for(Assignment).queryset(role_users["so_nnmt"])
    assert visible.filter(pk=tasks["returned"].pk).exists()


def test_a_closed_task_does_not_change_hands(tasks):
    with pytest.raises(ValidationError) as exc:
        transfer_task(tasks["accepted"], to=agency("STC"), reason="Sắp xếp lại.")
    assert exc.value.code == "task_closed"
    with pytest.raises(ValidationError) as exc:
        transfer_task(tasks["open"], to=agency("STC"), reason=" ")
    assert exc.value.code == "reason_required"


def _posted_back(page) -> dict:
    """The change form's data as the page shows it (the form and its inline rows)."""

    def value(field):
        found = field.value()
        if isinstance(found, bool):
            return "on" if found else ""
        if isinstance(found, list | tuple):
            return [str(v) for v in found]
        return "" if found is None else str(found)

    data = {}
    form = page.context["adminform"].form
    for name in form.fields:
        data[name] = value(form[name])
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for part in (formset.management_form, *formset.forms):
            for name in part.fields:
                data[part.add_prefix(name)] = value(part[name])
    return {k: v for k, v in data.items() if v not in ("", [])}


def test_a_merger_recorded_on_the_agency_form_widens_the_successors_scope_at_once(
    client, role_users
):
    """The predecessors each officer's scope follows are kept an hour: a merger saved
    on the agency's form is seen at once by the successor's officers."""
    from django.urls import reverse

    from ..conftest import sign_in

    so_nnmt, sxd = role_users["so_nnmt"], agency("SXD")
    assert sxd.id not in agency_scope_ids(so_nnmt)  # the predecessors now read and kept
    url = reverse("admin:tiep_cong_dan_agency_change", args=[agency("SNNMT").pk])
    admin = sign_in(client, "quantri")
    page = admin.get(url)
    data = _posted_back(page)
    inline = next(
        i.formset
        for i in page.context["inline_admin_formsets"]
        if i.formset.fk.name == "new_agency"
    )
    rows = inline.total_form_count()
    data[f"{inline.prefix}-TOTAL_FORMS"] = str(rows + 1)
    data[f"{inline.prefix}-{rows}-old_agency"] = str(sxd.pk)
    data[f"{inline.prefix}-{rows}-effective_on"] = "2026-12-01"
    data[f"{inline.prefix}-{rows}-source"] = "Quyết định sáp nhập (thử)"
    saved = admin.post(url, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert AgencySuccession.objects.filter(old_agency=sxd, new_agency=agency("SNNMT")).exists()
    officer = User.objects.get(pk=so_nnmt.pk)
    assert sxd.id in agency_scope_ids(officer)

"""From the queue to the agenda: order and roll-over, capacity and slots, groups,
commune points (across the 2025 merger), no double booking, the in-person fallback,
invitations, and an ad hoc session from end to end."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint, ConnectionTest
from tiep_cong_dan.doctype.petition.models import Petition, PetitionRepresentative
from tiep_cong_dan.doctype.reception_session.constants import HearingMode, SessionKind
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.reception_session.services import create_session
from tiep_cong_dan.scheduling.adhoc import create_special_session
from tiep_cong_dan.scheduling.agenda import build_agenda, move_hearing
from tiep_cong_dan.scheduling.queue import queue
from tiep_cong_dan.workflow.engine import TransitionRefused

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.helpers import approve_online, at, confirm_points, set_state, tell_citizen

T = datetime.time


def _approved(users, n, *, unit=None, start=0, received=datetime.date(2025, 12, 1), **fields):
    unit = unit or new_unit("05977")
    result = []
    for i in range(start, start + n):
        citizen = make_citizen(unit, f"Công dân {i}", f"0200900{i:05d}")
        p = make_petition(unit, citizen, received=received)
        if fields:
            Petition.objects.filter(pk=p.pk).update(**fields)
            p.refresh_from_db()
        if p.is_group:  # Law Art. 29: the group appoints its representative first
            PetitionRepresentative.objects.create(petition=p, citizen=citizen)
        result.append(approve_online(p, users))
    return result


def _session(users, day, **fields) -> ReceptionSession:
    return create_session(
        ReceptionSession(
            kind=SessionKind.PERIODIC,
            date=day,
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
            **fields,
        ),
        by=users["canbo"],
    )


def _hold(session, users, heard: int):
    """Plan it, then (set-up) jump to the hearing and finish with `heard` heard."""
    workflow.apply(
        session, "plan", by=users["canbo"], at=at(session.date - datetime.timedelta(days=10))
    )
    set_state(session, "in_progress")
    for item in session.agenda_items.order_by("position")[:heard]:
        AgendaItem.objects.filter(pk=item.pk).update(heard=True)
        tell_citizen(item.petition)  # Law Art. 28: told before being heard
    workflow.apply(session, "finish", by=users["canbo"], at=at(session.date, 17))


def test_queue_order_and_roll_over_across_three_months(role_users):
    cases = _approved(role_users, 5)
    months = [datetime.date(2026, 1, 15), datetime.date(2026, 2, 23), datetime.date(2026, 3, 16)]
    heard_by_month = []
    for day in months:
        session = _session(role_users, day, capacity=2)
        build_agenda(session, by=role_users["canbo"])
        heard_by_month.append([i.petition_id for i in session.agenda_items.order_by("position")])
        _hold(session, role_users, heard=1)  # the second is not reached
        if day == months[0]:
            # A newer registration arrives after the first session.
            late = _approved(role_users, 1, start=9, received=datetime.date(2026, 1, 20))[0]
    ids = [p.pk for p in cases]
    assert heard_by_month[0] == [ids[0], ids[1]]
    assert heard_by_month[1] == [ids[1], ids[2]]  # the roll-over goes first
    assert heard_by_month[2] == [ids[2], ids[3]]  # still ahead of the newer case
    assert list(queue().values_list("pk", flat=True)) == [ids[3], ids[4], late.pk]


def test_the_board_head_moves_an_urgent_case_up_with_a_reason(role_users):
    first, second = _approved(role_users, 2)
    with pytest.raises(TransitionRefused):
        workflow.apply(second, "prioritize", by=role_users["canbo"], comment="Khẩn cấp.")
    workflow.apply(second, "prioritize", by=role_users["truongban"], comment="Nguy cơ mất đất.")
    assert list(queue().values_list("pk", flat=True)) == [second.pk, first.pk]


def test_capacity_slots_and_groups(role_users):
    single = _approved(role_users, 1)[0]
    group = _approved(role_users, 1, start=1, group_size=7)[0]
    _approved(role_users, 3, start=2)
    session = _session(role_users, datetime.date(2026, 3, 16), capacity=3, slot_minutes=15)
    added = build_agenda(session, by=role_users["canbo"])
    assert [i.petition_id for i in added] == [single.pk, group.pk, added[2].petition_id]
    slots = [(i.slot_start, i.slot_end) for i in added]
    # 15 minutes each, 20 for the group, 3 minutes between, from 14:00.
    assert slots == [(T(14, 0), T(14, 15)), (T(14, 18), T(14, 38)), (T(14, 41), T(14, 56))]
    assert {i.mode for i in added} == {HearingMode.ONLINE}


def test_hearings_stop_when_the_afternoon_is_full(role_users):
    _approved(role_users, 4)
    session = _session(
        role_users, datetime.date(2026, 3, 16), capacity=15, start_time=T(14), end_time=T(14, 30)
    )
    added = build_agenda(session, by=role_users["canbo"])
    assert [(i.slot_start, i.slot_end) for i in added] == [
        (T(14, 0), T(14, 12)),
        (T(14, 15), T(14, 27)),
    ]


def test_a_citizen_of_a_merged_commune_is_heard_from_its_new_commune(role_users):
    # An address recorded under a ward merged into Đông Kinh on 2025-07-01.
    dong_kinh = new_unit("05977")
    old_ward = dong_kinh.predecessors.first()
    case = _approved(role_users, 1, unit=old_ward, received=datetime.date(2025, 6, 2))[0]
    assert case.residence_unit == old_ward
    session = _session(role_users, datetime.date(2026, 1, 15))
    item = build_agenda(session, by=role_users["canbo"])[0]
    assert item.bridge_point.unit == dong_kinh
    assert dong_kinh in session.invited_units.all()


def test_without_online_hearings_the_afternoon_is_in_person(role_users):
    _approved(role_users, 2)
    Petition.objects.update(citizen_consent=False)  # both asked to come in person
    session = _session(role_users, datetime.date(2026, 1, 15))
    added = build_agenda(session, by=role_users["canbo"])
    assert {i.mode for i in added} == {HearingMode.IN_PERSON}
    assert added[0].slot_start == T(14, 0)  # the afternoon, at the Reception Office
    workflow.apply(session, "hold_in_person", by=role_users["canbo"])
    assert session.state == "in_person"


def test_a_point_is_never_booked_twice_at_the_same_time(role_users):
    _approved(role_users, 2)
    day = datetime.date(2026, 1, 15)
    first = _session(role_users, day, capacity=1)
    second = _session(role_users, day, capacity=1, start_time=T(15), end_time=T(17, 30))
    build_agenda(first, by=role_users["canbo"])
    build_agenda(second, by=role_users["canbo"])
    workflow.apply(first, "plan", by=role_users["canbo"], at=at(day - datetime.timedelta(days=10)))
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(
            second, "plan", by=role_users["canbo"], at=at(day - datetime.timedelta(days=10))
        )
    assert "Also booked by another session" in " ".join(exc.value.reasons)


def test_reordering_is_logged_with_its_reason(role_users):
    _approved(role_users, 3)
    session = _session(role_users, datetime.date(2026, 1, 15))
    items = build_agenda(session, by=role_users["canbo"])
    move_hearing(session, items[2], 1, by=role_users["truongban"], reason="Người cao tuổi.")
    order = list(session.agenda_items.order_by("position").values_list("pk", flat=True))
    assert order == [items[2].pk, items[0].pk, items[1].pk]
    from tiep_cong_dan.workflow.models import WorkflowEvent

    event = WorkflowEvent.objects.filter(doctype="reception_session", action="reorder").get()
    assert "Người cao tuổi." in event.comment and event.actor.username == "truongban"


def test_invitations_on_approval_and_their_five_working_day_limit(role_users):
    _approved(role_users, 2)
    day = datetime.date(2026, 3, 16)
    session = _session(role_users, day)
    build_agenda(session, by=role_users["canbo"])
    workflow.apply(session, "plan", by=role_users["canbo"], at=at(datetime.date(2026, 3, 4)))
    workflow.apply(session, "approve", by=role_users["chutich"], at=at(datetime.date(2026, 3, 5)))
    kinds = sorted(session.invitations.values_list("kind", flat=True))
    assert kinds.count("citizen") == 2 and kinds.count("commune") == 1
    assert {i.due_by for i in session.invitations.all()} == {datetime.date(2026, 3, 9)}
    commune = session.invitations.get(kind="commune")
    assert "Citizens expected: 2" in commune.message or "2" in commune.message
    workflow.apply(session, "announce", by=role_users["canbo"], at=at(datetime.date(2026, 3, 9)))
    assert not session.invitations.filter(sent_at__isnull=True).exists()
    assert not any(i.late for i in session.invitations.all())


def test_an_ad_hoc_session_from_end_to_end(role_users):
    case = _approved(role_users, 1, group_size=40, eligibility_basis="scheme_2_2")[0]
    day = datetime.date(2026, 3, 16)
    with pytest.raises(ValidationError):
        create_special_session(case, day=day, by=role_users["canbo"])  # no Art. 18(3) ground
    session = create_special_session(case, day=day, ground="a", by=role_users["canbo"])
    assert (session.kind, session.ad_hoc_ground, session.agenda_items.count()) == ("ad_hoc", "a", 1)
    friday = datetime.date(2026, 3, 13)
    workflow.apply(session, "plan", by=role_users["canbo"], at=at(datetime.date(2026, 3, 6)))
    workflow.apply(session, "approve", by=role_users["chutich"], at=at(datetime.date(2026, 3, 6)))
    workflow.apply(session, "announce", by=role_users["canbo"], at=at(datetime.date(2026, 3, 9)))
    for point in session.participant_points():
        ConnectionTest.objects.create(
            bridge_point=point,
            tested_at=at(friday, 15),
            result="success",
            audio_ok=True,
            video_ok=True,
        )
    workflow.apply(session, "confirm_tests", by=role_users["kythuat"], at=at(friday, 16))
    confirm_points(session, day)
    workflow.apply(session, "connect", by=role_users["kythuat"], at=at(day, 12))
    workflow.apply(session, "start", by=role_users["canbo"], at=at(day, 14))
    AgendaItem.objects.filter(session=session).update(heard=True)
    tell_citizen(case)
    workflow.apply(session, "finish", by=role_users["canbo"], at=at(day, 16))
    case.refresh_from_db()
    assert (session.state, case.state) == ("held", "heard")


def test_a_central_request_session_brings_in_the_central_point(role_users):
    case = _approved(role_users, 1, eligibility_basis="scheme_2_3")[0]
    session = create_special_session(
        case, day=datetime.date(2026, 3, 16), central=True, by=role_users["canbo"]
    )
    codes = {p.code for p in session.participant_points()}
    assert session.kind == "central_request" and "TW-TSTCD" in codes and "LS-TSTCD" in codes


def test_the_queues_length_is_its_count_whatever_the_agendas(role_users):
    # given five approved cases: two on a draft agenda (open), the rest waiting, and a
    # case on a closed session's agenda back in the queue (not reached)
    from tiep_cong_dan.access.rules import rule_for
    from tiep_cong_dan.scheduling.queue import queue_length

    cases = _approved(role_users, 5)
    session = _session(role_users, datetime.date(2026, 1, 15), capacity=2)
    build_agenda(session, by=role_users["canbo"])
    closed = _session(role_users, datetime.date(2026, 2, 23), capacity=1)
    AgendaItem.objects.create(session=closed, petition=cases[4], position=1)
    ReceptionSession.objects.filter(pk=closed.pk).update(state="closed")
    # then the count without reading each case equals the queue's rows, for every scope
    assert queue_length() == queue().count() == 3
    for username in ("canbo", "huyen_locbinh", "xa_dongkinh", "so_nnmt"):
        scoped = rule_for(Petition).queryset(role_users[username])
        assert queue_length(scoped) == queue(scoped).count(), username

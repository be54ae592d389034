"""The session workflow: the Decree 154/2026 Art. 23 timeline as rules, the Board
head's logged override, in-person fallback (scheme III.3.2.b), hearings held or
rolled over in registration order."""

import datetime

import pytest
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.bridge_point.models import ConnectionTest
from tiep_cong_dan.doctype.hearing_recording.services import register_by_reference
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.constants import HearingMode
from tiep_cong_dan.doctype.reception_session.models import AgendaItem
from tiep_cong_dan.workflow.engine import TransitionRefused
from tiep_cong_dan.workflow.loader import definition

from .conftest import DAY, approved_petitions
from .helpers import at, confirm_points, set_state, tell_citizen

EXPECTED_ROLES = {
    "record_agenda": {"canbo", "truongban"},
    "reorder": {"canbo", "truongban"},
    "switch_to_backup": {"canbo", "truongban", "kythuat"},
    "plan": {"canbo", "truongban"},
    "return": {"truongban", "chutich"},
    "approve": {"chutich"},
    "announce": {"canbo", "truongban"},
    # The invitation letters: the head signs them, the Board's clerk adds the Board's.
    "sign_invitations": {"truongban"},
    "seal_invitations": {"canbo", "truongban"},
    "confirm_tests": {"canbo", "truongban", "kythuat"},
    "connect": {"canbo", "truongban", "kythuat"},
    "hold_in_person": {"canbo", "truongban"},
    "start": {"canbo", "truongban"},
    "finish": {"canbo", "truongban"},
    "close": {"canbo", "truongban"},
    "postpone": {"truongban", "chutich"},
    "reschedule": {"canbo", "truongban"},
    "cancel": {"truongban", "chutich"},
}


def _go(session, users, *steps):
    for action, who, day, hour in steps:
        workflow.apply(session, action, by=users[who], at=at(day, hour))


def _refusal(doc, action, user, **kwargs) -> TransitionRefused:
    before = doc.state
    with pytest.raises(TransitionRefused) as exc:
        workflow.apply(doc, action, by=user, **kwargs)
    doc.refresh_from_db()
    assert doc.state == before
    return exc.value


def _test_all_points(session, day, ok=True):
    for point in session.participant_points():
        ConnectionTest.objects.create(
            bridge_point=point,
            tested_at=at(day, 15),
            result="success" if ok else "failed",
            audio_ok=ok,
            video_ok=ok,
        )


def test_expected_roles_cover_the_declaration(db):
    assert set(definition("reception_session").actions()) == set(EXPECTED_ROLES)


@pytest.mark.parametrize("action", sorted(EXPECTED_ROLES))
def test_each_step_refuses_every_other_role(session, role_users, action):
    wf = definition("reception_session")
    for state in sorted({s for t in wf.transitions if t.action == action for s in t.sources}):
        set_state(session, state)
        for username, user in role_users.items():
            option = {o.action: o for o in workflow.options(user, session)}[action]
            if username in EXPECTED_ROLES[action]:
                assert option.blocked_by in ("", "rules"), (action, username)
            else:
                assert option.blocked_by in ("role", "scope"), (action, username)
                assert _refusal(session, action, user, comment="x").code == "not_allowed"


def test_plan_marks_the_agenda_scheduled_and_needs_approved_cases(session, role_users):
    first = session.agenda_items.first().petition
    set_state(first, "proposed")
    refusal = _refusal(session, "plan", role_users["canbo"])
    assert f"Not approved for online reception: {first}" in str(refusal)
    set_state(first, "approved")
    _go(session, role_users, ("plan", "canbo", datetime.date(2026, 3, 5), 9))
    states = set(
        Petition.objects.filter(agenda_items__session=session).values_list("state", flat=True)
    )
    assert states == {"scheduled"}


class TestTimeline:
    @pytest.fixture
    def approved(self, session, role_users):
        _go(
            session,
            role_users,
            ("plan", "canbo", datetime.date(2026, 3, 4), 9),
            ("approve", "chutich", datetime.date(2026, 3, 5), 9),
        )
        return session

    def test_notice_on_the_fifth_working_day_before_is_in_time(self, approved, role_users):
        _go(approved, role_users, ("announce", "canbo", datetime.date(2026, 3, 9), 8))
        assert approved.state == "announced"

    def test_late_notice_is_refused_and_only_the_board_head_may_override(
        self, approved, role_users
    ):
        late = at(datetime.date(2026, 3, 10))
        refusal = _refusal(approved, "announce", role_users["canbo"], at=late)
        assert "the last day was 09/03/2026" in str(refusal)
        refusal = _refusal(
            approved, "announce", role_users["canbo"], at=late, override=True, comment="Gấp"
        )
        assert refusal.code == "override_not_allowed"
        refusal = _refusal(approved, "announce", role_users["truongban"], at=late, override=True)
        assert refusal.code == "comment_required"
        event = workflow.apply(
            approved,
            "announce",
            by=role_users["truongban"],
            at=late,
            override=True,
            comment="Công dân ở xa, đã báo qua điện thoại.",
        )
        assert approved.state == "announced"
        assert "the last day was 09/03/2026" in event.overridden[0]

    def test_tests_must_succeed_for_every_point_a_working_day_before(self, approved, role_users):
        _go(approved, role_users, ("announce", "canbo", datetime.date(2026, 3, 9), 8))
        friday = datetime.date(2026, 3, 13)
        refusal = str(_refusal(approved, "confirm_tests", role_users["kythuat"], at=at(friday, 16)))
        assert "No successful test" in refusal and "LS-TSTCD" not in refusal
        _test_all_points(approved, friday, ok=False)
        assert "No successful test" in str(
            _refusal(approved, "confirm_tests", role_users["kythuat"], at=at(friday, 16))
        )
        _test_all_points(approved, friday)
        refusal = _refusal(approved, "confirm_tests", role_users["kythuat"], at=at(DAY, 8))
        assert "the last day was 13/03/2026" in str(refusal)
        _go(approved, role_users, ("confirm_tests", "kythuat", friday, 16))
        assert approved.state == "tested"

    @pytest.fixture
    def tested(self, approved, role_users):
        friday = datetime.date(2026, 3, 13)
        _test_all_points(approved, friday)
        _go(
            approved,
            role_users,
            ("announce", "canbo", datetime.date(2026, 3, 9), 8),
            ("confirm_tests", "kythuat", friday, 16),
        )
        return approved

    def test_all_points_connected_an_hour_before_the_start(self, tested, role_users):
        approved = tested
        confirm_points(approved, DAY, 13, 10)
        refusal = _refusal(approved, "connect", role_users["kythuat"], at=at(DAY, 13, 30))
        assert "by 13:00 16/03/2026" in str(refusal)
        confirm_points(approved, DAY, 11, 30)
        _go(approved, role_users, ("connect", "kythuat", DAY, 12), ("start", "canbo", DAY, 14))
        assert approved.state == "in_progress"

    def test_a_held_session_hears_some_and_rolls_the_rest_over(
        self, tested, role_users, settings, tmp_path
    ):
        approved = tested
        confirm_points(approved, DAY)
        _go(approved, role_users, ("connect", "kythuat", DAY, 12), ("start", "canbo", DAY, 14))
        first, second = approved.agenda_items.order_by("position")
        AgendaItem.objects.filter(pk=first.pk).update(heard=True)
        tell_citizen(first.petition)  # the second, not heard, needs no notice to roll over
        _go(approved, role_users, ("finish", "canbo", DAY, 17))
        first.petition.refresh_from_db()
        second.petition.refresh_from_db()
        assert (first.petition.state, second.petition.state) == ("heard", "approved")
        refusal = str(_refusal(approved, "close", role_users["canbo"]))
        assert "Register the recording" in refusal and refusal.endswith(" 1.")  # the one heard
        settings.TCD_RECORDING_STORAGE = tmp_path
        (tmp_path / "phien.mp4").write_bytes(b"video")
        register_by_reference(approved, "phien.mp4", agenda_item=first)
        _go(approved, role_users, ("close", "canbo", DAY, 18))
        # The roll-over is an event of the petition, caused by the session's.
        from tiep_cong_dan.workflow.models import WorkflowEvent

        rolled = WorkflowEvent.objects.get(
            doctype="petition", object_id=second.petition_id, action="mark_not_reached"
        )
        assert rolled.caused_by.action == "finish"


def test_queue_keeps_registration_order_after_a_roll_over(session, role_users):
    older, newer = [i.petition for i in session.agenda_items.order_by("position")]
    _go(session, role_users, ("plan", "canbo", datetime.date(2026, 3, 4), 9))
    workflow.apply(older, "mark_not_reached", by=role_users["canbo"])
    late = approved_petitions(role_users, count=1, series=11)[0]
    queue = list(
        Petition.objects.filter(state="approved").order_by("registration_year", "registration_seq")
    )
    assert queue == [older, late]
    assert newer.pk not in [p.pk for p in queue]


def test_in_person_only_without_online_hearings(session, role_users):
    refusal = _refusal(session, "hold_in_person", role_users["canbo"])
    assert "still has online hearings" in str(refusal)
    AgendaItem.objects.filter(session=session).update(mode=HearingMode.IN_PERSON, bridge_point=None)
    _go(session, role_users, ("hold_in_person", "canbo", datetime.date(2026, 3, 9), 9))
    assert session.state == "in_person"


def test_cancel_returns_the_agenda_to_the_queue_with_the_reason(session, role_users):
    _go(session, role_users, ("plan", "canbo", datetime.date(2026, 3, 4), 9))
    assert _refusal(session, "cancel", role_users["truongban"]).code == "comment_required"
    workflow.apply(session, "cancel", by=role_users["truongban"], comment="Bão số 3.")
    petitions = Petition.objects.filter(agenda_items__session=session)
    assert set(petitions.values_list("state", flat=True)) == {"approved"}


def test_postpone_keeps_the_agenda_and_is_announced_after_commit(
    session, role_users, django_capture_on_commit_callbacks
):
    from tiep_cong_dan.doctype.notification.models import Notification

    _go(session, role_users, ("plan", "canbo", datetime.date(2026, 3, 4), 9))
    with pytest.raises(TransitionRefused):
        workflow.apply(session, "postpone", by=role_users["truongban"])
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.apply(session, "postpone", by=role_users["truongban"], comment="Đi công tác.")
        assert not Notification.objects.filter(message__contains="được hoãn").exists()
    assert len(callbacks) == 1  # the announcement waits for the commit
    callbacks[0]()
    callbacks[0]()  # a retry sends nothing twice
    told = Notification.objects.filter(message__contains="được hoãn")
    assert set(told.values_list("recipient__username", flat=True)) == {
        "canbo",
        "truongban",
        "vanphong",
        "kythuat",
    }
    assert session.state == "postponed"
    petitions = Petition.objects.filter(agenda_items__session=session)
    assert set(petitions.values_list("state", flat=True)) == {"scheduled"}
    workflow.apply(session, "reschedule", by=role_users["canbo"])
    assert session.state == "draft"

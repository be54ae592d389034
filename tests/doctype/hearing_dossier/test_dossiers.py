"""Hearing dossiers (scheme V.1.2, V.1.3): asked of every agency concerned when the
Chairman approves a session, written and submitted by each agency on its own page,
reviewed by the Board (accepted, or returned with a reason), a late one accepted and
marked late, and read in the console during the session."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.core import outbox
from tiep_cong_dan.doctype.hearing_dossier.models import HearingDossier
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.working_calendar.services import add_working_days
from tiep_cong_dan.workflow.engine import TransitionRefused

from ...conftest import sign_in
from ...workflow.helpers import at

BRIEFING = {
    "case_history": "Năm 2024 công dân khiếu nại lần đầu; UBND đã giải quyết.",
    "decisions": "Quyết định giải quyết khiếu nại lần đầu số 12/QĐ-UBND.",
    "proposal": "Đề nghị Chủ tịch giữ nguyên quyết định giải quyết lần đầu.",
}


def _url(dossier, name="change") -> str:
    return reverse(f"admin:tiep_cong_dan_hearingdossier_{name}", args=[dossier.pk])


def _inbox(user) -> list[str]:
    outbox.run_due()  # what the steps declared, sent once they committed
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def _write(dossier, by) -> None:
    from tiep_cong_dan.doctype.hearing_dossier.services import write_briefing

    write_briefing(dossier, BRIEFING, by=by)


@pytest.fixture
def approved(planned_session, role_users):
    workflow.apply(planned_session, "approve", by=role_users["chutich"])
    return planned_session


def test_approval_asks_each_agency_of_each_hearing_by_the_due_date(approved, four_agencies):
    session = approved
    due = add_working_days(session.date, -3)
    rows = set(
        HearingDossier.objects.filter(session=session).values_list(
            "agenda_item__position", "agency__code", "due_date", "state"
        )
    )
    assert rows == {
        (1, "SNNMT", due, "open"),
        (1, "UBND-05977", due, "open"),
        (2, "SNNMT", due, "open"),
        (2, "SXD", due, "open"),
        (2, "UBND-06187", due, "open"),
        (3, "UBND-05977", due, "open"),
    }
    # Each agency is told once, with its count and its due date.
    day = due.strftime("%d/%m/%Y")
    from django.contrib.auth.models import User

    asked = (("so_nnmt", 2), ("so_xaydung", 1), ("xa_dongkinh", 2), ("xa_kylua", 1))
    for username, count in asked:
        messages = [m for m in _inbox(User.objects.get(username=username)) if "hồ sơ" in m]
        assert len(messages) == 1, username
        assert f"hồ sơ {count} vụ việc trước ngày {day}" in messages[0], username
    # Approved again after a return: nothing asked twice.
    workflow.apply(session, "return", by=User.objects.get(username="chutich"), comment="Sửa.")
    workflow.apply(session, "plan", by=User.objects.get(username="canbo"))
    workflow.apply(session, "approve", by=User.objects.get(username="chutich"))
    assert HearingDossier.objects.filter(session=session).count() == 6


def test_the_due_date_follows_the_session_s_working_days(planned_session, role_users):
    planned_session.dossier_working_days = 5
    planned_session.save()
    workflow.apply(planned_session, "approve", by=role_users["chutich"])
    due = add_working_days(planned_session.date, -5)
    assert set(planned_session.dossiers.values_list("due_date", flat=True)) == {due}


def test_from_approval_to_every_dossier_accepted(client, approved, role_users, four_agencies):
    session = approved
    dossiers = {
        (d.agenda_item.position, d.agency.code): d
        for d in HearingDossier.objects.filter(session=session).select_related(
            "agenda_item", "agency"
        )
    }
    officers = {
        "SNNMT": "so_nnmt",
        "SXD": "so_xaydung",
        "UBND-05977": "xa_dongkinh",
        "UBND-06187": "xa_kylua",
    }
    for (_position, code), dossier in sorted(dossiers.items()):
        sign_in(client, officers[code])
        # The agency's own list shows its dossiers only.
        listed = client.get(reverse("admin:tiep_cong_dan_hearingdossier_changelist"))
        assert listed.status_code == 200
        assert listed.context["cl"].result_count == sum(1 for _p, c in dossiers if c == code)
        # Submitting before writing is refused, in words.
        refused = client.post(_url(dossier, "workflow"), {"action": "submit", "state": "open"})
        assert refused.status_code == 302
        dossier.refresh_from_db()
        assert dossier.state == "open"
        # The briefing written on the form, then submitted.
        saved = client.post(_url(dossier), {**BRIEFING, "_save": "1"})
        assert saved.status_code == 302, saved.content.decode()[:2000]
        done = client.post(_url(dossier, "workflow"), {"action": "submit", "state": "open"})
        assert done.status_code == 302
        dossier.refresh_from_db()
        assert (dossier.state, dossier.submitted_late, dossier.proposal) == (
            "submitted",
            False,
            BRIEFING["proposal"],
        )
        client.logout()
    # The Board returns one with its reason; the agency is told and hands it in again.
    board = role_users["canbo"]
    returned = dossiers[(2, "SXD")]
    workflow.apply(returned, "return", by=board, comment="Bổ sung giấy phép xây dựng đã cấp.")
    returned.refresh_from_db()
    assert returned.state == "returned"
    assert returned.return_reason == "Bổ sung giấy phép xây dựng đã cấp."
    from django.contrib.auth.models import User

    sxd_officer = User.objects.get(username="so_xaydung")
    assert any("Bổ sung giấy phép xây dựng đã cấp." in m for m in _inbox(sxd_officer))
    page = sign_in(client, "so_xaydung").get(_url(returned)).content.decode()
    assert "Bổ sung giấy phép xây dựng đã cấp." in page
    workflow.apply(returned, "submit", by=sxd_officer)
    for dossier in dossiers.values():
        workflow.apply(dossier, "accept", by=board)
    assert set(HearingDossier.objects.values_list("state", flat=True)) == {"accepted"}
    assert not HearingDossier.objects.filter(submitted_late=True).exists()
    # The console shows each hearing's dossiers to the Board.
    console = sign_in(client, "canbo").get(
        reverse("admin:tiep_cong_dan_receptionsession_console", args=[session.pk])
    )
    text = console.content.decode()
    for name in ("Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Đông Kinh", "Kỳ Lừa"):
        assert name in text
    assert text.count(BRIEFING["proposal"]) == 6


def test_a_late_dossier_is_accepted_and_marked_late(client, approved, role_users):
    dossier = HearingDossier.objects.filter(session=approved, agency__code="SNNMT").first()
    officer = role_users["so_nnmt"]
    _write(dossier, officer)
    after_due = add_working_days(dossier.due_date, 1)
    workflow.apply(dossier, "submit", by=officer, at=at(after_due, 10))
    dossier.refresh_from_db()
    assert dossier.state == "submitted" and dossier.submitted_late
    messages = _inbox(role_users["canbo"])
    assert any("(nộp muộn, hạn" in m for m in messages), messages
    workflow.apply(dossier, "accept", by=role_users["canbo"])
    dossier.refresh_from_db()
    assert dossier.state == "accepted" and dossier.submitted_late
    listed = sign_in(client, "canbo").get(
        reverse("admin:tiep_cong_dan_hearingdossier_changelist") + "?late=late"
    )
    assert listed.context["cl"].result_count == 1
    assert "Nộp muộn" in listed.content.decode()


def test_an_agency_neither_sees_nor_submits_another_s_dossier(client, approved, role_users):
    theirs = HearingDossier.objects.get(session=approved, agency__code="SXD")
    _write(theirs, role_users["canbo"])
    sign_in(client, "so_nnmt")
    # Nobody deletes a dossier: the page is closed to every role (403), as elsewhere.
    assert client.get(_url(theirs, "delete")).status_code == 403
    for name in ("change", "history", "workflow", "attach"):
        method = client.post if name in ("workflow", "attach") else client.get
        data = {"action": "submit", "state": "open"} if name == "workflow" else {}
        assert method(_url(theirs, name), data).status_code == 404, name
    theirs.refresh_from_db()
    assert theirs.state == "open"
    # Nor through the engine, whatever the page.
    with pytest.raises(TransitionRefused):
        workflow.apply(theirs, "submit", by=role_users["so_nnmt"])
    # A commune officer answers for their own People's Committee only.
    kylua = HearingDossier.objects.get(session=approved, agency__code="UBND-06187")
    assert sign_in(client, "xa_dongkinh").get(_url(kylua)).status_code == 404
    own = HearingDossier.objects.filter(session=approved, agency__code="UBND-05977").first()
    assert client.get(_url(own)).status_code == 200


def test_briefing_limits_are_said_at_their_field(client, approved, role_users):
    dossier = HearingDossier.objects.filter(session=approved, agency__code="SNNMT").first()
    sign_in(client, "so_nnmt")
    response = client.post(_url(dossier), {**BRIEFING, "proposal": "x" * 10_001, "_save": "1"})
    assert response.status_code == 200  # the form again, nothing saved
    assert "10000" in response.content.decode().replace(".", "").replace(" ", "")
    dossier.refresh_from_db()
    assert dossier.proposal == ""


def test_the_board_head_cancels_with_a_reason(approved, role_users):
    dossier = HearingDossier.objects.filter(session=approved).first()
    with pytest.raises(TransitionRefused):
        workflow.apply(dossier, "cancel", by=role_users["canbo"], comment="Không cần.")
    reason = "Cơ quan không liên quan."
    workflow.apply(dossier, "cancel", by=role_users["truongban"], comment=reason)
    dossier.refresh_from_db()
    assert dossier.state == "cancelled"


def test_due_date_is_never_before_the_day_of_approval(planned_session, role_users):
    """Approved late (less than N working days ahead): the agencies are not late on the
    day they are asked."""
    from tiep_cong_dan.doctype.hearing_dossier.services import due_date_for

    planned_session.dossier_working_days = 20
    assert due_date_for(planned_session, datetime.date(2000, 1, 3)) == add_working_days(
        planned_session.date, -20
    )
    late_day = add_working_days(planned_session.date, -1)
    assert due_date_for(planned_session, late_day) == late_day


def test_the_work_waiting_is_read_from_the_declaration(approved, role_users, four_agencies):
    """“Việc cần làm”: each agency's officers are waited for on their own dossiers, the
    Board on those handed in."""
    from tiep_cong_dan.workflow.work import my_work

    def waiting(username) -> dict[str, int]:
        user = type(role_users["canbo"]).objects.get(username=username)
        return {w.state: w.count for w in my_work(user) if w.doctype == "hearing_dossier"}

    assert waiting("so_nnmt") == {"open": 2}
    assert waiting("xa_dongkinh") == {"open": 2}
    assert waiting("xa_kylua") == {"open": 1}
    assert waiting("canbo") == {}
    dossier = HearingDossier.objects.get(session=approved, agency__code="SXD")
    _write(dossier, role_users["canbo"])
    workflow.apply(
        dossier, "submit", by=type(role_users["canbo"]).objects.get(username="so_xaydung")
    )
    assert waiting("canbo") == {"submitted": 1}
    assert waiting("so_xaydung") == {}
    assert waiting("truongban") == {}  # the officers review; the head backs them up


def test_once_the_session_is_held_the_dossiers_not_in_are_no_longer_awaited(
    approved, role_users
):
    from tiep_cong_dan.doctype.reception_session.models import AgendaItem
    from tiep_cong_dan.workflow import timeline

    from ...workflow.helpers import set_state, tell_citizen

    # given one dossier accepted and the others still open
    board = role_users["canbo"]
    first, *others = HearingDossier.objects.filter(session=approved).order_by("pk")
    _write(first, board)
    workflow.apply(first, "submit", by=board)
    workflow.apply(first, "accept", by=board)
    # when the Chairman has heard the cases and the Board ends the session
    set_state(approved, "in_progress")
    for item in approved.agenda_items.all():
        AgendaItem.objects.filter(pk=item.pk).update(heard=True)
        tell_citizen(item.petition)
    workflow.apply(approved, "finish", by=board, at=at(approved.date, 17))
    # then the accepted one stays, the others are withdrawn with the reason, by the step
    first.refresh_from_db()
    assert first.state == "accepted"
    for dossier in others:
        dossier.refresh_from_db()
        assert dossier.state == "cancelled"
        assert "đã diễn ra" in timeline(dossier)[-1].comment

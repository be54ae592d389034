"""Moving a session from Pexip to Vmeeting is one logged step that keeps the agenda and
tells every point; Jitsi links are signed per point with the host as moderator."""

import datetime

import jwt
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.access.models import UserScope
from tiep_cong_dan.conference.base import Endpoint, Meeting
from tiep_cong_dan.conference.jitsi import JitsiBackend
from tiep_cong_dan.core.models import OutboxEntry
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.notification.services import DELIVER
from tiep_cong_dan.workflow.engine import DEFERRED_NOTIFICATIONS, TransitionRefused
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..workflow.helpers import at, set_state


def test_failover_keeps_the_agenda_and_tells_every_point(
    session, role_users, django_capture_on_commit_callbacks
):
    set_state(session, "announced")
    type(session).objects.filter(pk=session.pk).update(
        conference_platform="pexip", conference_reference="/api/admin/x/7/", host_pin="123456"
    )
    session.refresh_from_db()
    host = session.host_bridge_point
    assert host.agency_id  # the room's managing agency: its officers are at the point
    for username, active in (("host_room_officer", True), ("closed_officer", False)):
        user = User.objects.create(username=username, is_active=active)
        UserScope.objects.create(user=user, agency=host.agency)
    items = list(session.agenda_items.values_list("pk", "position", "bridge_point_id"))
    with pytest.raises(TransitionRefused):  # a reason is required
        workflow.apply(session, "switch_to_backup", by=role_users["kythuat"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(
            session,
            "switch_to_backup",
            by=role_users["kythuat"],
            comment="Máy chủ Pexip mất kết nối.",
            at=at(datetime.date(2026, 3, 16), 12),
        )
    session.refresh_from_db()
    assert (session.state, session.conference_platform) == ("announced", "vmeeting")
    assert not session.conference_reference and not session.host_pin
    assert list(session.agenda_items.values_list("pk", "position", "bridge_point_id")) == items
    event = WorkflowEvent.objects.get(doctype="reception_session", action="switch_to_backup")
    assert event.snapshot["conference_platform"] == "vmeeting"
    told = Notification.objects.filter(event=event)
    # The technicians and the Board, the officers at each participating point (Đông
    # Kinh's commune; the host room's agency), each told once, on the meeting page; not
    # the Chairman, a department or an officer whose account is closed.
    assert sorted(told.values_list("recipient__username", flat=True)) == [
        "canbo",
        "host_room_officer",
        "kythuat",
        "truongban",
        "xa_dongkinh",
    ]
    page = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[session.pk])
    text = f"{session} chuyển sang nền tảng dự phòng (Vmeeting): Máy chủ Pexip mất kết nối."
    assert {(n.message, n.link) for n in told} == {(text, page)}
    # Told as the step declares it (reception_session.yaml `notify`), not by an effect.
    step = OutboxEntry.objects.filter(arguments__event=event.pk)
    assert list(step.values_list("task", flat=True)) == [DEFERRED_NOTIFICATIONS]
    # Each by e-mail and SMS too, as each user prefers.
    delivering = OutboxEntry.objects.filter(task=DELIVER)
    assert sorted(e.arguments["notification"] for e in delivering) == sorted(
        told.values_list("pk", flat=True)
    )
    assert all(e.arguments.get("channels") in (None, ["email", "sms"]) for e in delivering)
    with pytest.raises(TransitionRefused):  # the Chairman does not run the platform
        workflow.apply(session, "switch_to_backup", by=role_users["chutich"], comment="x")


def test_jitsi_links_are_signed_per_point():
    backend = JitsiBackend("meet.langson.gov.vn", "tcd", "a-long-enough-secret-for-hs256-signing")
    meeting = Meeting("tcd-session-9", "", "", "", "", ())
    host = Endpoint("LS-TSTCD", "Trụ sở Tiếp công dân tỉnh", "", host=True)
    commune = Endpoint("LS-X-05977", "UBND phường Đông Kinh", "")
    link = backend.join_info(meeting, commune)
    assert link.alias.startswith("https://meet.langson.gov.vn/tcd-session-9?jwt=")
    claims = jwt.decode(
        link.alias.split("jwt=")[1],
        "a-long-enough-secret-for-hs256-signing",
        algorithms=["HS256"],
        audience="jitsi",
    )
    assert claims["room"] == "tcd-session-9" and claims["moderator"] is False
    assert claims["context"]["user"]["name"] == "UBND phường Đông Kinh"
    host_claims = jwt.decode(
        backend.token(meeting, host),
        "a-long-enough-secret-for-hs256-signing",
        algorithms=["HS256"],
        audience="jitsi",
    )
    assert host_claims["moderator"] is True
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(
            link.alias.split("jwt=")[1],
            "another-long-enough-secret-for-hs256",
            algorithms=["HS256"],
            audience="jitsi",
        )

"""Preparing a session's video meeting on its platform. The session's own data (agenda,
points, state) is never touched by a platform failure: the failure is recorded on the
session for the desk to show, and the call can be repeated (provisioning is
idempotent)."""

import secrets

from django.conf import settings
from django.utils import timezone

from ..doctype.bridge_point.models import BridgePoint
from ..doctype.reception_session.models import ReceptionSession
from .backends import NotConfigured, backend_for
from .base import ConferenceError, Endpoint, Meeting

ERROR_TEXT = {
    "unreachable": "Không kết nối được máy chủ hội nghị truyền hình",
    "timeout": "Máy chủ hội nghị truyền hình không trả lời kịp",
    "auth": "Máy chủ hội nghị truyền hình từ chối tài khoản kết nối",
    "rate_limited": "Máy chủ hội nghị truyền hình đang quá tải yêu cầu",
    "rejected": "Máy chủ hội nghị truyền hình không chấp nhận yêu cầu",
    "server": "Máy chủ hội nghị truyền hình báo lỗi",
}


def endpoint_of(point: BridgePoint, host: bool = False) -> Endpoint:
    return Endpoint(code=point.code, name=point.name, address=point.dial_address, host=host)


def meeting_for(session: ReceptionSession) -> Meeting:
    host = session.host_bridge_point
    points = [endpoint_of(host, host=True)] if host else []
    points += [endpoint_of(p) for p in session.participant_points() if not host or p.pk != host.pk]
    return Meeting(
        name=f"tcd-session-{session.pk}",
        alias=session.conference_alias,
        description=f"Tiếp công dân {session.get_kind_display().lower()} {session.date:%d/%m/%Y}",
        host_pin=session.host_pin,
        guest_pin=session.guest_pin,
        endpoints=tuple(points),
    )


NOT_CONFIGURED = "Chưa cấu hình máy chủ quản lý Pexip (TCD_PEXIP_URL): chuẩn bị phòng họp thủ công"


def _record_error(session: ReceptionSession, text: str) -> None:
    session.conference_error = text[:300]
    ReceptionSession.objects.filter(pk=session.pk).update(conference_error=session.conference_error)


def _pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def provision_session(session: ReceptionSession) -> ReceptionSession:
    """Prepare (or bring up to date) the session's room and dial-outs. Raises
    ConferenceError after recording it on the session."""
    changed = []
    if not session.conference_platform:
        session.conference_platform, changed = "pexip", ["conference_platform"]
    if session.conference_platform == "pexip":
        if not session.conference_alias:
            session.conference_alias = f"tcd{session.pk:06d}@{settings.TCD_CONFERENCE_DOMAIN}"
            changed.append("conference_alias")
        if not session.host_pin:
            session.host_pin, session.guest_pin = _pin(), _pin()
            changed += ["host_pin", "guest_pin"]
    if changed:
        ReceptionSession.objects.filter(pk=session.pk).update(
            **{f: getattr(session, f) for f in changed}
        )
    try:
        backend = backend_for(session.conference_platform)
    except NotConfigured:
        # Nothing to retry: the site must be configured (README → Configuration).
        _record_error(session, NOT_CONFIGURED)
        return session
    try:
        result = backend.provision(meeting_for(session))
    except ConferenceError as exc:
        _record_error(session, f"{ERROR_TEXT.get(exc.kind, exc.kind)} ({exc.detail[:200]})")
        raise
    session.conference_reference = result.reference
    session.conference_provisioned_at = timezone.now()
    session.conference_error = ""
    ReceptionSession.objects.filter(pk=session.pk).update(
        conference_reference=session.conference_reference,
        conference_provisioned_at=session.conference_provisioned_at,
        conference_error="",
    )
    return session


def release_session(session: ReceptionSession) -> None:
    """The session is closed or cancelled: its room and dial-outs leave the platform
    (the platform's history of the calls stays; the reference stays on the session)."""
    try:
        backend = backend_for(session.conference_platform)
    except NotConfigured:
        return
    backend.teardown(meeting_for(session))

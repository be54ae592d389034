"""The session's video meeting page: the room on its platform, each point's readiness
(its latest good test against the Decree 154 timeline), who is connected now when the
platform can tell, and the action to prepare or refresh the room."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access.rules import rule_for
from ..core.params import BadParameter, parse_whole_number
from ..doctype.reception_session.models import ReceptionSession
from ..scheduling.agenda import point_readiness
from .backends import NotConfigured, backend_for
from .base import Capability, ConferenceError
from .manual import ManualBackend
from .services import ERROR_TEXT, meeting_for, provision_session


def _live(session):
    """(backend, live status or None, error text): what the platform says now, when it
    can say it; a site without the platform configured reads as run by hand."""
    try:
        backend = backend_for(session.conference_platform or "pexip")
    except NotConfigured:
        return ManualBackend(), None, ""
    if Capability.LIVE_STATUS not in backend.capabilities or not session.conference_reference:
        return backend, None, ""
    try:
        return backend, backend.live_status(meeting_for(session)), ""
    except ConferenceError as exc:
        return backend, None, ERROR_TEXT.get(exc.kind, str(exc.kind))


def _operate(request, session) -> None:
    """Prepare the room, call or hang up a point, or end the meeting (what the
    session's backend can do); a platform failure becomes a message."""
    action = request.POST.get("do", "prepare")
    try:
        if action == "prepare":
            provision_session(session)
            if session.conference_error:
                messages.warning(request, session.conference_error)
            else:
                messages.success(request, _("The meeting room is ready on the platform."))
            return
        backend = backend_for(session.conference_platform)
        meeting = meeting_for(session)
        if action == "dial":
            endpoint = next(e for e in meeting.endpoints if e.code == request.POST.get("point"))
            backend.dial(meeting, endpoint)
            messages.success(request, _("Calling %(point)s.") % {"point": endpoint.name})
        elif action == "hang_up":
            backend.hang_up(meeting, request.POST.get("participant", ""))
            messages.success(request, _("The call was ended."))
        elif action == "end":
            backend.end(meeting)
            messages.success(request, _("The meeting was ended for every point."))
    except ConferenceError as exc:
        messages.error(request, ERROR_TEXT.get(exc.kind, str(exc.kind)))
    except (NotConfigured, StopIteration):
        messages.error(request, _("The platform cannot do this for this session."))


def conference_view(model_admin, request, object_id):
    session = model_admin.get_object(request, object_id)  # the session's rule
    if session is None:
        raise Http404  # as for a session that does not exist
    here = reverse("admin:tiep_cong_dan_receptionsession_conference", args=[session.pk])
    if request.method == "POST":
        if not rule_for(ReceptionSession).can_operate_conference(request.user, session):
            raise PermissionDenied
        _operate(request, session)
        return HttpResponseRedirect(here)
    backend, live, live_error = _live(session)
    connected = {p.address: p for p in live.participants} if live else {}
    record = None
    if Capability.HISTORY in backend.capabilities and session.conference_reference:
        try:
            record = backend.session_record(meeting_for(session))
        except ConferenceError as exc:
            live_error = ERROR_TEXT.get(exc.kind, str(exc.kind))
    points = []
    meeting = meeting_for(session)
    for endpoint in meeting.endpoints:
        point = next(p for p in session.participant_points() if p.code == endpoint.code)
        test = point_readiness(point, session.date)
        points.append(
            {
                "name": endpoint.name,
                "address": endpoint.address or "—",
                "host": endpoint.host,
                "tested": test.tested_at if test else None,
                "connected": connected.get(endpoint.address),
                "code": endpoint.code,
                # How this point joins: the address and its PIN, or its own signed link.
                "join": backend.join_info(meeting, endpoint)
                if session.conference_alias or backend.name == "jitsi"
                else None,
            }
        )
    return render(
        request,
        "tiep_cong_dan/conference/session.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Video meeting of %(session)s") % {"session": session},
            "session": session,
            "backend": backend,
            "live": live,
            "live_error": live_error,
            "points": points,
            "can_prepare": rule_for(ReceptionSession).can_operate_conference(request.user, session),
            "can_dial": Capability.DIAL in backend.capabilities and live is not None,
            "can_end": Capability.END in backend.capabilities and live is not None and live.started,
            "record": record,
            "back": reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk]),
        },
    )


def console_view(model_admin, request, object_id):
    """The Board's console while the session runs (see console.py)."""
    from . import console
    from .console import ConsoleRefused

    session = model_admin.get_object(request, object_id)  # the session's rule
    if session is None:
        raise Http404  # as for a session that does not exist
    here = reverse("admin:tiep_cong_dan_receptionsession_console", args=[session.pk])
    may_write = rule_for(ReceptionSession).can_run_console(request.user, session)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        post = request.POST
        try:
            if post.get("recording") is not None and "item" not in post:
                console.record_recording(session, post["recording"], by=request.user)
            else:
                item = session.agenda_items.get(
                    pk=parse_whole_number(post.get("item"), _("The hearing"))
                )
                action = post.get("do")
                if action == "start":
                    console.start_hearing(item, by=request.user)
                elif action == "end":
                    console.end_hearing(item, by=request.user)
                else:
                    raw = (post.get("attendance") or "").strip()
                    if raw and not raw.isdigit():
                        raise ConsoleRefused("Số người dự phải là số nguyên.")
                    console.record_hearing(
                        item,
                        by=request.user,
                        attendance=int(raw) if raw else None,
                        minutes=post.get("minutes", ""),
                        conclusion=post.get("conclusion", ""),
                    )
            messages.success(request, _("Saved."))
        except ConsoleRefused as exc:
            messages.error(request, str(exc))
        except BadParameter as exc:
            messages.error(request, exc.message)
        except session.agenda_items.model.DoesNotExist:
            messages.error(request, _("That hearing is not on this session's agenda."))
        return HttpResponseRedirect(here)
    items = sorted(
        session.agenda_items.select_related("petition", "bridge_point"),
        key=lambda i: (i.slot_start is None, i.slot_start, i.position),
    )
    current = next((i for i in items if i.started_at and not i.ended_at), None)
    upcoming = next((i for i in items if not i.started_at), None)
    _backend, live, live_error = _live(session)
    connected = {p.address for p in live.participants} if live else set()
    return render(
        request,
        "tiep_cong_dan/conference/console.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Session console: %(session)s") % {"session": session},
            "session": session,
            "items": [
                {
                    "item": i,
                    "connected": (i.bridge_point.dial_address in connected)
                    if i.bridge_point
                    else None,
                }
                for i in items
            ],
            "current": current,
            "upcoming": upcoming,
            "live": live,
            "live_error": live_error,
            "may_write": may_write,
            "running": session.state in console.LIVE_STATES,
            "back": reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk]),
        },
    )

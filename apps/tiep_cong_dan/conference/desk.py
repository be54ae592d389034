"""The session's video meeting page: the room on its platform, each point's readiness
(its latest good test against the Decree 154 timeline), who is connected now when the
platform can tell, and the action to prepare or refresh the room."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access.confidential import log_confidential_access
from ..access.rules import rule_for
from ..core import typed
from ..core.params import BadParameter, parse_whole_number
from ..doctype.hearing_dossier.briefings import dossiers_by_hearing, log_briefings_shown
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..doctype.reception_session.permissions import HEARING_WORDS
from ..scheduling.agenda import points_readiness
from .backends import NotConfigured, backend_for
from .base import Capability, ConferenceError
from .manual import ManualBackend
from .readiness import (
    CONNECTING_STATES,
    ConnectionRefused,
    check_connections,
    confirm_point_connected,
    latest_connections,
    record_seen_connected,
)
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
        if action == "confirm":
            point = next(
                (p for p in session.participant_points() if p.code == request.POST.get("point")),
                None,
            )
            if point is None:
                messages.error(request, _("That bridge point is not one of this session's."))
                return
            confirm_point_connected(session, point, by=request.user)
            messages.success(request, _("%(point)s confirmed connected.") % {"point": point.name})
            return
        if action == "check":
            seen = check_connections(session)
            messages.success(
                request, _("%(count)s point(s) seen connected now.") % {"count": len(seen)}
            )
            return
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
    except ConnectionRefused as exc:
        messages.error(request, exc.messages[0])
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
    rule = rule_for(ReceptionSession)
    operator = rule.can_operate_conference(request.user, session)
    backend, live, live_error = _live(session)
    connected = {p.address: p for p in live.participants} if live else {}
    if live is not None and session.state in CONNECTING_STATES:
        record_seen_connected(session, live)  # what the platform saw is Art. 23's proof
    known = latest_connections(session)
    record = None
    if operator and Capability.HISTORY in backend.capabilities and session.conference_reference:
        try:
            record = backend.session_record(meeting_for(session))
        except ConferenceError as exc:
            live_error = ERROR_TEXT.get(exc.kind, str(exc.kind))
    meeting = meeting_for(session)
    by_code = {p.code: p for p in session.participant_points()}
    ready = points_readiness(list(by_code.values()), session.date)
    points = []
    for endpoint in meeting.endpoints:
        point = by_code[endpoint.code]
        # Those who do not run the room see the host's readiness and their own rooms;
        # how a point joins (address, PIN, signed link) only for their own rooms.
        may_join = rule.may_join_from(request.user, point)
        if not (operator or endpoint.host or may_join):
            continue
        test = ready.get(point.pk)
        prepared = session.conference_alias or backend.name == "jitsi"
        points.append(
            {
                "name": endpoint.name,
                "address": (endpoint.address or "—") if may_join else "—",
                "host": endpoint.host,
                "tested": test.tested_at if test else None,
                "connected": connected.get(endpoint.address),
                "known": known.get(point.pk),
                "code": endpoint.code,
                "join": backend.join_info(meeting, endpoint) if prepared and may_join else None,
            }
        )
    masked = rule.masked_fields(request.user, session)
    return render(
        request,
        "tiep_cong_dan/conference/session.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Video meeting of %(session)s") % {"session": session},
            "session": session,
            "alias": "" if "conference_alias" in masked else session.conference_alias,
            "room": "" if "conference_reference" in masked else session.conference_reference,
            "backend": backend,
            "live": live,
            "live_error": live_error if operator else "",
            "points": points,
            "can_prepare": operator,
            "can_dial": Capability.DIAL in backend.capabilities and live is not None,
            "can_end": Capability.END in backend.capabilities and live is not None and live.started,
            "record": record,
            # A platform run by hand: the technician confirms each point (Art. 23).
            "can_confirm": operator
            and live is None
            and Capability.LIVE_STATUS not in backend.capabilities
            and session.state in CONNECTING_STATES,
            "can_check": operator
            and Capability.LIVE_STATUS in backend.capabilities
            and session.state in CONNECTING_STATES,
            "back": reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk]),
        },
    )


def console_rows(request, session) -> list[dict]:
    """The session's hearings as the console shows them to this viewer, in time order.
    The petition rule decides for each hearing: a case the viewer may not see is only
    a slot and a point (for those who run the room, who must connect it) or nothing;
    what was said at a denunciation's hearing only for those cleared, and each such
    display to them is logged."""
    user = request.user
    hearings = rule_for(AgendaItem)
    seen = set(hearings.queryset(user, session.agenda_items).values_list("pk", flat=True))
    operator = rule_for(ReceptionSession).can_operate_conference(user, session)
    rows, words_shown = [], []
    for item in session.agenda_items.select_related("petition", "bridge_point"):
        if item.pk not in seen and not operator:
            continue
        shown = item.pk in seen
        words = shown and not hearings.masked_fields(user, item)
        if words and item.petition.is_denunciation:
            words_shown.append(item.petition_id)
        rows.append({"item": item, "case_shown": shown, "words_shown": words})
    log_confidential_access(
        request, object_type="petition", object_ids=words_shown, fields=HEARING_WORDS
    )
    # Each hearing's dossiers from the agencies, as the dossier rule lets this viewer
    # read them (scheme V.1.2, V.1.3: prepared for the hearing, read during it).
    dossiers = dossiers_by_hearing(user, session)
    log_briefings_shown(request, dossiers)
    for row in rows:
        row["dossiers"] = dossiers.get(row["item"].pk, []) if row["case_shown"] else []
    return sorted(
        rows,
        key=lambda r: (r["item"].slot_start is None, r["item"].slot_start, r["item"].position),
    )


# What the console posts; all of it comes back as typed when a post is refused.
CONSOLE_FIELDS = ("item", "attendance", "minutes", "conclusion", "recording")


def _shown_values(item, kept: typed.Typed) -> dict:
    """A hearing's fields as the console shows them: as typed on the refused post
    about this hearing, else as saved."""
    if kept.value("item") != str(item.pk):
        kept = typed.Typed()
    saved = "" if item.attendance_count is None else str(item.attendance_count)
    return {
        "values": {
            "attendance": kept.value("attendance", saved),
            "minutes": kept.value("minutes", item.minutes),
            "conclusion": kept.value("conclusion", item.conclusion_draft),
        },
        "errors": kept.errors,
    }


def console_view(model_admin, request, object_id):
    """The Board's console while the session runs (see console.py)."""
    from . import console
    from .console import ConsoleRefused

    session = model_admin.get_object(request, object_id)  # the session's rule
    if session is None:
        raise Http404  # as for a session that does not exist
    here = reverse("admin:tiep_cong_dan_receptionsession_console", args=[session.pk])
    may_write = rule_for(ReceptionSession).can_run_console(request.user, session)
    where = f"console:{session.pk}"
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        post = request.POST
        try:
            if post.get("recording") is not None and "item" not in post:
                console.record_recording(session, post["recording"], by=request.user)
            else:
                hearings = rule_for(AgendaItem).queryset(request.user, session.agenda_items)
                item = hearings.get(pk=parse_whole_number(post.get("item"), _("The hearing")))
                action = post.get("do")
                if action == "start":
                    console.start_hearing(item, by=request.user)
                elif action == "end":
                    console.end_hearing(item, by=request.user)
                else:
                    raw = (post.get("attendance") or "").strip()
                    if raw and not raw.isdigit():
                        text = _("The number attending must be a whole number.")
                        raise ConsoleRefused(text, {"attendance": [text]})
                    console.record_hearing(
                        item,
                        by=request.user,
                        attendance=int(raw) if raw else None,
                        minutes=post.get("minutes", ""),
                        conclusion=post.get("conclusion", ""),
                    )
            messages.success(request, _("Saved."))
        except ConsoleRefused as exc:
            # Back to the page with every value as typed, each error at its field.
            typed.keep(request, where, post, CONSOLE_FIELDS, exc.errors)
            if exc.errors:
                messages.error(request, _("Not saved: correct the marked fields below."))
            else:
                messages.error(request, str(exc))
        except BadParameter as exc:
            typed.keep(request, where, post, CONSOLE_FIELDS, {})
            messages.error(request, exc.message)
        except session.agenda_items.model.DoesNotExist:
            messages.error(request, _("That hearing is not on this session's agenda."))
        return HttpResponseRedirect(here)
    kept = typed.take(request, where)
    rows = console_rows(request, session)
    current = next((r for r in rows if r["item"].started_at and not r["item"].ended_at), None)
    upcoming = next((r for r in rows if not r["item"].started_at), None)
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
                    **row,
                    "connected": (row["item"].bridge_point.dial_address in connected)
                    if row["item"].bridge_point
                    else None,
                    **_shown_values(row["item"], kept),
                }
                for row in rows
            ],
            "recording": kept.value("recording", session.recording_reference)
            if "item" not in kept.values
            else session.recording_reference,
            "recording_errors": kept.errors_of("recording"),
            "current": current,
            "upcoming": upcoming,
            "live": live,
            "live_error": live_error,
            "may_write": may_write,
            "running": session.state in console.LIVE_STATES,
            "back": reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk]),
        },
    )

"""The session's recordings page: its registered recordings (as the recording rule lets
the viewer see them) and, for the Board, the three ways to register one: upload the
file, name its path on the recordings storage, or fetch what the platform offers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access.rules import rule_for
from ..core.typed import GENERAL, errors_by_field
from ..doctype.hearing_recording import services, storage
from ..doctype.hearing_recording.models import Recording
from ..doctype.reception_session.constants import HearingMode
from ..doctype.reception_session.models import AgendaItem
from .backends import NotConfigured, backend_for
from .base import Capability
from .recordings import NoRecordings, fetch_recordings


def _hearing(session, value: str):
    """The online hearing chosen (None: the whole meeting)."""
    if not value:
        return None
    item = (
        session.agenda_items.filter(mode=HearingMode.ONLINE, pk=value).first()
        if value.isdigit()
        else None
    )
    if item is None:
        raise ValidationError({"agenda_item": _("Choose one of the session's online hearings.")})
    return item


def _register(request, session) -> dict[str, list[str]]:
    """The posted registration; {} when done, else the errors by field."""
    do = request.POST.get("do", "")
    try:
        if do == "fetch":
            result = fetch_recordings(session, by=request.user)
            messages.success(
                request,
                _("%(new)s recording(s) registered from the platform, %(known)s already were.")
                % {"new": len(result.registered), "known": result.known},
            )
            for line in result.refused:
                messages.error(request, line)
            return {}
        hearing = _hearing(session, request.POST.get("agenda_item", ""))
        note = request.POST.get("note", "")[:255]
        if do == "upload":
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError({"file": _("Choose the recording's file.")})
            recording = services.upload_recording(
                session, upload, agenda_item=hearing, by=request.user, note=note
            )
        elif do == "reference":
            recording = services.register_by_reference(
                session,
                request.POST.get("location", ""),
                agenda_item=hearing,
                by=request.user,
                note=note,
            )
        else:
            raise ValidationError(_("Unknown action."))
    except NoRecordings:
        messages.error(request, _("This session's platform offers no recordings to fetch."))
        return {}
    except ValidationError as exc:
        return errors_by_field(exc)
    except OSError as exc:
        return {GENERAL: [_("The storage cannot be written: %(error)s") % {"error": exc}]}
    messages.success(
        request,
        _("Recording %(file)s registered: %(size)s, SHA-256 %(hash)s.")
        % {"file": recording, "size": storage.human_size(recording.size), "hash": recording.sha256},
    )
    return {}


def recordings_view(model_admin, request, object_id):
    session = model_admin.get_object(request, object_id)  # the session's rule
    if session is None:
        raise Http404
    rule = rule_for(Recording)
    if not rule.can_view(request.user):
        raise PermissionDenied
    may_register = rule.can_add(request.user)
    here = reverse("admin:tiep_cong_dan_receptionsession_recordings", args=[session.pk])
    errors = {}
    if request.method == "POST":
        if not may_register:
            raise PermissionDenied
        errors = _register(request, session)
        if not errors:
            return HttpResponseRedirect(here)
    rows = rule.queryset(
        request.user, session.recordings.select_related("agenda_item__petition")
    ).order_by("agenda_item__position", "started_at", "pk")
    hearings = rule_for(AgendaItem).queryset(
        request.user,
        session.agenda_items.filter(mode=HearingMode.ONLINE).select_related("petition"),
    )
    try:
        offers = Capability.RECORDINGS in backend_for(session.conference_platform).capabilities
    except NotConfigured:  # nothing to fetch from
        offers = False
    return render(
        request,
        "tiep_cong_dan/conference/recordings.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Recordings of %(session)s") % {"session": session},
            "session": session,
            "rows": [
                {"r": r, "size": storage.human_size(r.size), "hash": r.short_hash} for r in rows
            ],
            "hearings": hearings,
            "may_register": may_register and session.state in services.RECORDED_STATES,
            "may_fetch": offers,
            "errors": errors,
            "general_errors": errors.get(GENERAL, []) + errors.get("__all__", []),
            "posted": request.POST if errors else {},
            "limit": storage.human_size(storage.max_bytes()),
            "storage_root": storage.root() if may_register else "",
            "back": reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk]),
        },
    )

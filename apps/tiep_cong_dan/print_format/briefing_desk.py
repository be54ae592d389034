""" "Tài liệu phục vụ Chủ tịch" on a session's page: where the dossiers stand, and one
button that makes the briefing pack in the background (jobs/briefing.py) for the one
who asks, the Chairman and the Office; the page then follows its progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access.roles import PROVINCE_WIDE, has_any
from ..core import background
from ..doctype.hearing_dossier.constants import OWED_STATES, DossierState

URL_NAME = "tiep_cong_dan_receptionsession_briefing_pack"


def may_request_pack(user) -> bool:
    """The Board prepares it; the Chairman and the Office may ask for it again."""
    return has_any(user, PROVINCE_WIDE)


def pack_view(model_admin, request, object_id):
    session = model_admin.get_object(request, object_id)  # the session's rule: 404 outside
    if session is None:
        raise Http404
    if not may_request_pack(request.user):
        raise PermissionDenied
    here = reverse(f"admin:{URL_NAME}", args=[session.pk])
    if request.method == "POST":
        if not session.dossiers.exists():
            messages.error(request, _("No dossier was asked for this session yet."))
            return HttpResponseRedirect(here)
        job = background.submit("briefing_pack", session.pk, request.user.pk)
        if job is None:
            messages.error(
                request,
                _(
                    "The job queue cannot be reached just now, so the briefing pack cannot be "
                    "made. Try again in a few minutes."
                ),
            )
            return HttpResponseRedirect(here)
        return HttpResponseRedirect(reverse("admin:tiep_cong_dan_export", args=[job]))
    counts = session.dossiers.aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(state=DossierState.ACCEPTED)),
        submitted=Count("pk", filter=Q(state=DossierState.SUBMITTED)),
        owed=Count("pk", filter=Q(state__in=OWED_STATES)),
        late=Count(
            "pk",
            filter=Q(submitted_late=True)
            | Q(state__in=OWED_STATES, due_date__lt=timezone.localdate()),
        ),
    )
    return render(
        request,
        "tiep_cong_dan/hearing_dossier/briefing_pack.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("The Chairman's briefing pack"),
            "session": session,
            "counts": counts,
            "dossiers_url": reverse("admin:tiep_cong_dan_hearingdossier_changelist")
            + f"?session__id__exact={session.pk}",
            "session_url": reverse(
                "admin:tiep_cong_dan_receptionsession_change", args=[session.pk]
            ),
        },
    )

""" "Lập thông báo kết quả" on a held session's page: one button that drafts the
session's Result Notice through its service (the conclusions taken from the console)
and opens it; "Lập thông báo thay thế" on an issued notice's page, the same way. A
refusal (not held yet, a notice or a replacement already there) is said on the page,
with a link to the notice that exists."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ...access.rules import rule_for
from .constants import AssignmentState
from .models import ResultNotice
from .services import (
    draft_notice_for_session,
    draft_replacement,
    why_no_notice_for,
    why_no_replacement_for,
)

URL_NAME = "tiep_cong_dan_receptionsession_result_notice"


def may_draft_notice(user) -> bool:
    return rule_for(ResultNotice).can_add(user)


def _refusal(request, exc: ValidationError) -> tuple[str, str]:
    """The refusal's words and, for a notice that exists, the link to it (when its
    rule lets the user open it)."""
    notice = (exc.params or {}).get("notice")
    link = ""
    if notice is not None and rule_for(ResultNotice).can_view(request.user, notice):
        link = reverse("admin:tiep_cong_dan_resultnotice_change", args=[notice.pk])
    return exc.message % (exc.params or {}), link


def _drafting_page(model_admin, request, *, why_not, draft, drafted, template, context):
    """A page with one button that drafts a notice through its service and opens it:
    `why_not()` the refusal known before (shown on GET), `draft()` the service call,
    `drafted(notice)` the message said on success."""
    refusal, link = "", ""
    if request.method != "POST" and (exc := why_not()) is not None:
        refusal, link = _refusal(request, exc)
    if request.method == "POST":
        try:
            notice = draft()
        except ValidationError as exc:
            refusal, link = _refusal(request, exc)
        else:
            model_admin.message_user(request, drafted(notice), messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:tiep_cong_dan_resultnotice_change", args=[notice.pk])
            )
    return render(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            **context,
            "refusal": refusal,
            "notice_url": link,
        },
        status=409 if refusal and request.method == "POST" else 200,
    )


def draft_notice_view(model_admin, request, object_id):
    session = model_admin.get_object(request, object_id)  # the session rule: 404 outside it
    if session is None:
        raise Http404
    if not may_draft_notice(request.user):
        raise PermissionDenied
    heard = session.agenda_items.filter(heard=True)
    return _drafting_page(
        model_admin,
        request,
        why_not=lambda: why_no_notice_for(session),
        draft=lambda: draft_notice_for_session(session, by=request.user),
        drafted=lambda notice: (
            _("The result notice was drawn up with %(count)s conclusions from the hearings.")
            % {"count": notice.conclusions.count()}
        ),
        template="tiep_cong_dan/result_notice/from_session.html",
        context={
            "title": _("Draw up the result notice"),
            "session": session,
            "heard": heard.count(),
            "concluded": heard.exclude(conclusion_draft="").count(),
            "session_url": reverse(
                "admin:tiep_cong_dan_receptionsession_change", args=[session.pk]
            ),
        },
    )


# -- "Lập thông báo thay thế" on an issued notice's page --------------------------------
REPLACEMENT_URL_NAME = "tiep_cong_dan_resultnotice_replacement"


def may_draft_replacement(user, notice) -> bool:
    """Who drafts a notice may draft its replacement, on a notice they may open."""
    rule = rule_for(ResultNotice)
    return rule.can_add(user) and rule.can_view(user, notice)


def draft_replacement_view(model_admin, request, object_id):
    notice = model_admin.get_object(request, object_id)  # the notice rule: 404 outside it
    if notice is None:
        raise Http404
    if not may_draft_replacement(request.user, notice):
        raise PermissionDenied
    tasks = notice.assignments
    return _drafting_page(
        model_admin,
        request,
        why_not=lambda: why_no_replacement_for(notice),
        draft=lambda: draft_replacement(notice, by=request.user),
        drafted=lambda draft: (
            _(
                "The replacement of notice %(number)s was drawn up from it: correct it, "
                "then have it reviewed and signed. Notice %(number)s stays in force "
                "until the Chairman signs this one."
            )
            % {"number": notice.number}
        ),
        template="tiep_cong_dan/result_notice/replacement.html",
        context={
            "title": _("Draw up a notice replacing notice %(number)s") % {"number": notice.number},
            "notice": notice,
            "notice_link": reverse("admin:tiep_cong_dan_resultnotice_change", args=[notice.pk]),
            "open_tasks": tasks.filter(
                state__in=(AssignmentState.OPEN, AssignmentState.RETURNED)
            ).count(),
            "reported_tasks": tasks.filter(state=AssignmentState.REPORTED).count(),
        },
    )

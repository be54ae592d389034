"""Printing in the desk: every document as PDF or DOCX from its record, a session's
invitations in one PDF, the register 03/TCD for a period, the monthly report, and the
links the action panels show. Each view asks the record's rule; a broken template
gives the reader a message, never a server error."""

import datetime
import logging

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..access.rules import rule_for
from ..core import background
from ..core.files import file_url
from ..core.period import EARLIEST, LATEST
from ..doctype.citizen.personal_data import log_people_shown
from ..doctype.petition.models import Petition
from ..doctype.reception_session.models import ReceptionSession
from ..reporting.forms import PeriodForm
from . import context as ctx
from .background import is_long
from .context.register import REGISTER_FIELDS, register_people
from .documents import DOCUMENTS, documents_for
from .render import PrintFormatError, render_html
from .service import (
    CONTENT_TYPES,
    DocumentUnavailable,
    FrozenFileMissing,
    document_file,
    documents_pdf,
    to_format,
)

logger = logging.getLogger(__name__)


def file_response(data: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt in ("pdf", "html") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{fmt}"'
    return response


def _back(request, fallback: str) -> HttpResponseRedirect:
    """Back to the page the reader came from, if it is one of this site's: the Referer
    header is whatever the browser (or a link elsewhere) sends."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(referer)
    return HttpResponseRedirect(fallback)


def template_failed(request, exc: PrintFormatError, fallback: str) -> HttpResponseRedirect:
    messages.error(
        request,
        _(
            "The document could not be printed: its print format has an error (%(error)s). "
            "An administrator can correct it under Print formats."
        )
        % {"error": exc},
    )
    return _back(request, fallback)


def document_unavailable(request, exc, fallback: str) -> HttpResponseRedirect:
    if isinstance(exc, FrozenFileMissing):
        logger.error("Issued document file missing: %s", exc)
    messages.error(request, exc.message)
    return _back(request, fallback)


def document_url(code: str, obj, fmt: str) -> str:
    return reverse("admin:tiep_cong_dan_document", args=[code, obj.pk, fmt])


def document_rows(request, obj) -> list[tuple[str, list[tuple[str, str]]]]:
    """(label, [(format, url)...]) for each document the user may print from `obj`."""
    return [
        (spec.label, [(fmt.upper(), document_url(spec.code, obj, fmt)) for fmt in spec.formats])
        for spec in documents_for(obj, request.user)
    ]


def document_view(request, code: str, pk: int, fmt: str):
    spec = DOCUMENTS.get(code)
    if spec is None or fmt not in spec.formats:
        raise Http404
    if not rule_for(spec.model).can_view(request.user):
        raise PermissionDenied  # the whole document type: the same for every number
    obj = spec.model._default_manager.filter(pk=pk).first()
    if obj is None or not spec.visible(request.user, obj):
        raise Http404  # a record outside the rule answers as one that does not exist
    if not spec.exists(obj):
        raise Http404
    if is_long(spec, obj) and not spec.issued_number(obj):
        return _in_background(request, spec, obj, fmt)
    try:
        data = document_file(spec, obj, request.user, fmt, request=request)
    except PrintFormatError as exc:
        return template_failed(request, exc, reverse("admin:index"))
    except DocumentUnavailable as exc:
        return document_unavailable(request, exc, reverse("admin:index"))
    return file_response(data, spec.filename(obj), fmt)


def _in_background(request, spec, obj, fmt: str) -> HttpResponseRedirect:
    job = background.submit("render_document", spec.code, obj.pk, request.user.pk, fmt)
    if job is None:
        messages.error(
            request,
            _(
                "The job queue cannot be reached just now, so this long document cannot be "
                "made. Try again in a few minutes."
            ),
        )
        opts = obj._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
    return HttpResponseRedirect(reverse("admin:tiep_cong_dan_export", args=[job]))


def _export_result(job_id: str, user) -> tuple[str, dict]:
    """(state, details) of a background document job, for its requester only."""
    state, details = background.outcome(job_id)
    if state == "SUCCESS" and details.get("user_id") != user.pk:
        raise PermissionDenied
    return state, details


def export_view(request, job_id: str):
    """The progress of work done in the background for this user (a long document, a
    bulk step), then its outcome: the file, or what was done and refused."""
    state, details = _export_result(job_id, request.user)
    return render(
        request,
        "tiep_cong_dan/print_format/export.html",
        {
            **admin.site.each_context(request),
            "title": _("Work in the background"),
            "state": state,
            "details": details,
            # The file itself through the guarded view (core/files.py, jobs/files.py).
            "download": file_url(details["path"]) if details.get("path") else "",
        },
    )


def session_invitations_view(request, pk: int):
    """Every invitation of the session the user may see, one PDF to print at once."""
    session = rule_for(ReceptionSession).queryset(request.user).filter(pk=pk).first()
    if session is None:
        raise Http404  # as for a session that does not exist
    spec = DOCUMENTS["invitation"]
    invitations = list(
        rule_for(spec.model).queryset(request.user, session.invitations.order_by("kind", "id"))
    )
    fallback = reverse("admin:tiep_cong_dan_receptionsession_change", args=[pk])
    if not invitations:
        messages.warning(request, _("The session has no invitation to print yet."))
        return _back(request, fallback)
    try:
        data = documents_pdf(spec, invitations, request.user, request=request)
    except PrintFormatError as exc:
        return template_failed(request, exc, fallback)
    except DocumentUnavailable as exc:
        return document_unavailable(request, exc, fallback)
    return file_response(data, f"giay-moi-phien-{session.date:%Y-%m-%d}", "pdf")


# -- the register 03/TCD and the monthly report: a period, then the file ------------
class RegisterForm(PeriodForm):
    def check(self, start, end) -> None:
        super().check(start, end)
        if (end - start).days > 366:
            raise forms.ValidationError(_("Print at most one year of the register at a time."))
        if start < EARLIEST or end > LATEST:
            raise forms.ValidationError(_("Choose dates between 2000 and 2100."))


def _period_page(request, admin_site, form, title, help_text, build, name, printed=None):
    """`printed(cleaned_data)`, when given, is told of each file handed out."""
    fmt = request.GET.get("fmt")
    if fmt in ("pdf", "docx") and form.is_valid():
        with translation.override("vi"):
            context = build(form.cleaned_data)
        try:
            html = render_html(f"{name}.html", context)
            response = file_response(to_format(html, fmt), name.replace("_", "-"), fmt)
        except PrintFormatError as exc:
            return template_failed(request, exc, request.path)
        if printed is not None:
            printed(form.cleaned_data)
        return response
    return render(
        request,
        "tiep_cong_dan/print_format/period.html",
        {
            **admin_site.each_context(request),
            "title": title,
            "help_text": help_text,
            "form": form,
            "buttons": [("pdf", _("Print (PDF)")), ("docx", _("Download (DOCX)"))],
        },
    )


def register_view(request, admin_site):
    if not rule_for(Petition).can_view(request.user):
        raise PermissionDenied
    today = datetime.date.today()
    data = (
        request.GET
        if "start" in request.GET
        else {
            "start": today.replace(day=1).isoformat(),
            "end": today.isoformat(),
        }
    )
    return _period_page(
        request,
        admin_site,
        RegisterForm(data),
        _("Reception register (form 03/TCD)"),
        _(
            "Each reception in the period of the cases you may see (the registration and "
            "each hearing at a session), one row each in the 13 columns of form 03/TCD; "
            "denouncers are shown only to those cleared."
        ),
        lambda d: ctx.register_context(request.user, d["start"], d["end"]),
        "register",
        printed=lambda d: log_people_shown(
            request,
            register_people(request.user, d["start"], d["end"]),
            fields=REGISTER_FIELDS,
        ),
    )

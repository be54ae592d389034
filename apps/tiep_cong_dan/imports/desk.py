"""The register import in the desk: upload, watch the check run in the background,
see every row's error (nothing is written), then import all rows at once, or cancel.
The uploaded file is kept, under a random name, for its uploader's import only, and
deleted when the import is done, cancelled, found wrong or a day old
(jobs/imports.py)."""

from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access.rules import rule_for
from ..core.files import register_file_owner
from ..jobs.imports import IMPORTERS, cancel_import, live_progress, request_commit, start_import
from .models import ImportJob
from .workbook import MAX_UPLOAD_BYTES, WorkbookRefused, check_package

KIND = "register"


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel register (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(_("Choose an .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":  # an .xlsx is a zip package
            raise forms.ValidationError(_("This is not an Excel workbook."))
        # The zip's directory only (members, sizes, entities): quick, and a bomb is
        # refused here, before anything inflates.
        try:
            check_package(upload.file)
        except WorkbookRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        finally:
            upload.seek(0)
        return upload


def _may_start(request) -> None:
    if not IMPORTERS[KIND].may_start(request.user):
        raise PermissionDenied


def import_view(model_admin, request):
    """The upload form; a valid file becomes a background job and its page."""
    _may_start(request)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = start_import(KIND, form.cleaned_data["file"], by=request.user)
            return HttpResponseRedirect(job_url(job))
    return render(
        request,
        "tiep_cong_dan/imports/register.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Import an Excel register"),
            "form": form,
            "recent": rule_for(ImportJob).queryset(request.user).filter(kind=KIND)[:5],
        },
    )


def job_url(job: ImportJob) -> str:
    return reverse("admin:tiep_cong_dan_petition_import_job", args=[job.pk])


def import_job_view(model_admin, request, pk: int):
    """One import, for its uploader only: progress, errors, then import or cancel."""
    _may_start(request)
    job = rule_for(ImportJob).queryset(request.user).filter(pk=pk, kind=KIND).first()
    if job is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "commit" and not request_commit(job):
            messages.error(request, _("This import can no longer be started."))
        elif action == "cancel":
            if cancel_import(job):
                messages.success(request, _("Import cancelled; the uploaded file was deleted."))
                return HttpResponseRedirect(reverse("admin:tiep_cong_dan_petition_import"))
            messages.error(request, _("This import is running or over and cannot be cancelled."))
        return HttpResponseRedirect(job_url(job))
    step, done, total = live_progress(job)
    return render(
        request,
        "tiep_cong_dan/imports/job.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Import an Excel register"),
            "job": job,
            "step": step,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 0,
            "upload_url": reverse("admin:tiep_cong_dan_petition_import"),
            "list_url": reverse("admin:tiep_cong_dan_petition_changelist"),
        },
    )


def _never_served(request, name):
    # An uploaded import is read by the import alone; nobody downloads it back.
    return None


register_file_owner("imports", _never_served)

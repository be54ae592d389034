"""Imports in the desk (the Board's register of petitions; the past years' records):
upload, watch the check run in the background, see every row's error (nothing is
written), then import all rows at once, or cancel. The uploaded file is kept, under a
random name, for its uploader's import only, and deleted when the import is done,
cancelled, found wrong or a day old (imports/jobs.py)."""

from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access.held_files import SizeCheckedFileInput
from ..access.rules import rule_for
from ..core.files import register_file_owner
from .jobs import IMPORTERS, cancel_import, live_progress, request_commit, start_import
from .models import ImportJob
from .workbook import MAX_UPLOAD_BYTES, WorkbookRefused, check_package

KIND = "register"


@dataclass(frozen=True)
class DeskImport:
    """One kind of import's pages: where they are and what they say."""

    kind: str
    title: str
    form: str  # the upload page's template
    upload: str  # URL names
    job: str
    done: str  # the list the records land in
    template: str = ""  # where its template is downloaded, if it has one


DESK_IMPORTS = {
    "register": DeskImport(
        "register",
        gettext_lazy("Import an Excel register"),
        "tiep_cong_dan/imports/register.html",
        "admin:tiep_cong_dan_petition_import",
        "admin:tiep_cong_dan_petition_import_job",
        "admin:tiep_cong_dan_petition_changelist",
        "admin:tiep_cong_dan_petition_import_template",
    ),
    "history": DeskImport(
        "history",
        gettext_lazy("Import past records"),
        "tiep_cong_dan/imports/history.html",
        "admin:tiep_cong_dan_receptionsession_history_import",
        "admin:tiep_cong_dan_receptionsession_history_import_job",
        "admin:tiep_cong_dan_receptionsession_changelist",
        "admin:tiep_cong_dan_receptionsession_history_template",
    ),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel register (.xlsx)"),
        # Refused in the browser before it is sent when over the limit.
        widget=SizeCheckedFileInput(attrs={"accept": ".xlsx"}, max_bytes=MAX_UPLOAD_BYTES),
    )

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


def may_import(user, kind: str) -> bool:
    """Whether `user` may start an import of `kind` (the lists' buttons ask)."""
    return IMPORTERS[kind].may_start(user)


def _may_start(request, kind: str = KIND) -> None:
    if not may_import(request.user, kind):
        raise PermissionDenied


def import_view(model_admin, request, kind: str = KIND):
    """The upload form; a valid file becomes a background job and its page."""
    _may_start(request, kind)
    pages = DESK_IMPORTS[kind]
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            job = start_import(kind, form.cleaned_data["file"], by=request.user)
            return HttpResponseRedirect(job_url(job))
    return render(
        request,
        pages.form,
        {
            **model_admin.admin_site.each_context(request),
            "title": pages.title,
            "form": form,
            "job_url_name": pages.job,
            "template_url": reverse(pages.template) if pages.template else "",
            "recent": rule_for(ImportJob).queryset(request.user).filter(kind=kind)[:5],
        },
    )


def job_url(job: ImportJob) -> str:
    return reverse(DESK_IMPORTS[job.kind].job, args=[job.pk])


def import_job_view(model_admin, request, pk: int, kind: str = KIND):
    """One import, for its uploader only: progress, errors, then import or cancel."""
    _may_start(request, kind)
    pages = DESK_IMPORTS[kind]
    job = rule_for(ImportJob).queryset(request.user).filter(pk=pk, kind=kind).first()
    if job is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "commit" and not request_commit(job):
            messages.error(request, _("This import can no longer be started."))
        elif action == "cancel":
            if cancel_import(job):
                messages.success(request, _("Import cancelled; the uploaded file was deleted."))
                return HttpResponseRedirect(reverse(pages.upload))
            messages.error(request, _("This import is running or over and cannot be cancelled."))
        return HttpResponseRedirect(job_url(job))
    step, done, total = live_progress(job)
    return render(
        request,
        "tiep_cong_dan/imports/job.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": pages.title,
            "kind": kind,
            "job": job,
            "step": step,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 0,
            "upload_url": reverse(pages.upload),
            "list_url": reverse(pages.done),
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_view(model_admin, request) -> HttpResponse:
    """The past records' template (.xlsx, an example row on each sheet)."""
    from .history.template import template_bytes

    _may_start(request, "history")
    response = HttpResponse(template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-so-tiep-cong-dan.xlsx"'
    return response


def register_template_view(model_admin, request) -> HttpResponse:
    """The register's template (.xlsx: its columns and an example row that imports)."""
    from .register_template import FILE_NAME, template_bytes

    _may_start(request, KIND)
    response = HttpResponse(template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{FILE_NAME}"'
    return response


def _never_served(request, name):
    # An uploaded import is read by the import alone; nobody downloads it back.
    return None


register_file_owner("imports", _never_served)

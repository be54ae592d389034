"""The register import in the desk: upload, see every row's errors (a dry run), then
import all rows at once. The uploaded file waits under MEDIA_ROOT/imports/ between the
two steps, named by a random key, for its uploader only."""

import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access.rules import rule_for
from ..doctype.petition.models import Petition
from .registers import import_register

MAX_BYTES = 10 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel register (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an .xlsx file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":  # an .xlsx is a zip package
            raise forms.ValidationError(_("This is not an Excel workbook."))
        return upload


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def import_view(model_admin, request):
    if not rule_for(Petition).can_add(request.user):
        raise PermissionDenied
    here = reverse("admin:tiep_cong_dan_petition_import")
    result, key = None, ""
    form = UploadForm()
    if request.method == "POST" and "key" in request.POST:
        key = request.POST["key"]
        owned = request.session.get("tcd_import") == key and key.isalnum()
        path = _folder() / f"{key}.xlsx"
        if not owned or not path.exists():
            messages.error(request, _("Upload the register again."))
            return HttpResponseRedirect(here)
        result = import_register(path, by=request.user, commit=True)
        path.unlink(missing_ok=True)
        if result.ok:
            messages.success(
                request,
                _("%(count)s petition(s) registered.") % {"count": len(result.registered)},
            )
            return HttpResponseRedirect(reverse("admin:tiep_cong_dan_petition_changelist"))
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            key = secrets.token_hex(16)
            path = _folder() / f"{key}.xlsx"
            with open(path, "wb") as out:
                for chunk in form.cleaned_data["file"].chunks():
                    out.write(chunk)
            request.session["tcd_import"] = key
            result = import_register(path, by=request.user, commit=False)
    return render(
        request,
        "tiep_cong_dan/imports/register.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Import an Excel register"),
            "form": form,
            "result": result,
            "key": key if result is not None and result.ok else "",
        },
    )

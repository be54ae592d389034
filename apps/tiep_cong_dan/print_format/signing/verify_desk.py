"""The desk's page to verify a signed document (Tài liệu → Xác thực văn bản): any
signed-in officer uploads a PDF or types a number, as on the public page; a number
lists the stored issues with their signatures' checks, never more than the public
page shows (the record itself is one click away, under its own rule)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from .verify import verify_pdf
from .verify_lookup import MAX_NUMBER_LENGTH, check_issued, stored_copy_of
from .verify_upload import UploadRefused, max_bytes, read_pdf_upload

URL_NAME = "tiep_cong_dan_signature_check"


def may_check_signatures(user) -> bool:
    """Every officer with the desk: a signature proves nothing secret."""
    return bool(user.is_active and user.is_staff)


def signature_check_view(request, admin_site=None):
    if not may_check_signatures(request.user):
        raise PermissionDenied
    site = admin_site or admin.site
    context = {
        **site.each_context(request),
        "title": _("Verify a signed document"),
        "max_mb": max_bytes() // (1024 * 1024),
        "max_number": MAX_NUMBER_LENGTH,
    }
    status = 200
    number = " ".join(request.GET.get("so", "").split())
    if request.method == "POST":
        try:
            data = read_pdf_upload(request)
        except UploadRefused as exc:
            context["error"], status = exc.message, 400
        else:
            context["verification"] = verify_pdf(data)
            context["stored"] = stored_copy_of(data, context["verification"])
            context["file_name"] = getattr(request.FILES.get("file"), "name", "")[:120]
    elif number:
        context["number"] = number[:MAX_NUMBER_LENGTH]
        if len(number) > MAX_NUMBER_LENGTH:
            context["error"], status = _("The number is too long."), 400
        else:
            context.update(issued=check_issued(number), searched=True)
    return render(
        request, "tiep_cong_dan/print_format/signature_check.html", context, status=status
    )

"""The two documents of the public lookup: the receipt 02/TCD carrying the citizen's
private code (printed at the desk when the code is issued) and the citizen's extract
of a Result Notice (downloaded from the lookup page).

The plain code is kept nowhere, so the receipt with it is printed from what the desk
page holds: the code shown once after it was issued is posted back with the print
request, and printed only if it is the petition's current code (a form cannot print a
code of its choosing, nor an old one)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from ..core.lookup_codes import code_matches, normalise_code, shown
from ..core.site_url import absolute
from ..doctype.petition.lookup_code import LOOKUP_PATH, may_issue_lookup_code
from ..doctype.petition.models import Petition
from .context.petition_letters import receipt_context
from .context.result_notice import citizen_extract_context
from .desk import file_response, template_failed
from .documents import DOCUMENTS
from .render import PrintFormatError, render_html, render_pdf
from .service import log_document_read

RECEIPT_WITH_CODE_URL = "tiep_cong_dan_petition_receipt_with_code"


def receipt_with_code_pdf(petition: Petition, code: str, user, *, request=None) -> bytes:
    """Form 02/TCD with the lookup code line, logged as a print of the receipt."""
    if not code_matches(code, petition.lookup_code_digest):
        raise ValueError("not the petition's current lookup code")
    context = receipt_context(petition, user)
    context.update(lookup_code=shown(normalise_code(code)), lookup_address=absolute(LOOKUP_PATH))
    with translation.override("vi"):
        data = render_pdf(render_html("receipt.html", context))
    log_document_read(DOCUMENTS["receipt"], [petition], user, request=request)
    return data


def citizen_extract_pdf(conclusion) -> bytes:
    with translation.override("vi"):
        return render_pdf(render_html("lookup_extract.html", citizen_extract_context(conclusion)))


def receipt_with_code_view(model_admin, request, object_id):
    """POST (the code shown once on the petition's page) -> the receipt's PDF."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    petition = model_admin.get_object(request, object_id)  # the rule's rows: scope applies
    if petition is None:
        raise Http404
    if not may_issue_lookup_code(request.user, petition):
        raise PermissionDenied
    page = reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])
    try:
        data = receipt_with_code_pdf(
            petition, request.POST.get("code", ""), request.user, request=request
        )
    except ValueError:
        messages.error(
            request,
            "Mã tra cứu này không còn là mã hiện hành của đơn (đã được cấp lại). "
            "Cấp lại mã tra cứu để in giấy biên nhận có mã mới.",
        )
        return HttpResponseRedirect(page)
    except PrintFormatError as exc:
        return template_failed(request, exc, page)
    response = file_response(data, DOCUMENTS["receipt"].filename(petition), "pdf")
    response["Cache-Control"] = "no-store"
    return response

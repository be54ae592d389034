"""The lookup code at the desk: shown once on the petition's page after it was issued
(at registration or by "Cấp lại mã tra cứu"), with the button that prints the receipt
02/TCD carrying it.

Between the step that issues it and the page that shows it, the code waits in the
officer's own session (server-side, never a cookie) and is removed when the page
shows it: reloading the page does not show it again, and nobody else's page ever
does."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ...core.lookup_codes import shown
from .lookup_code import may_issue_lookup_code, reissue_lookup_code

REISSUE_URL = "tiep_cong_dan_petition_reissue_lookup_code"


def _key(pk) -> str:
    return f"tcd_lookup_code:{pk}"


def hold_for_page(request, pk: int, code: str) -> None:
    request.session[_key(pk)] = code


def take_for_page(request, pk) -> dict | None:
    """The code issued to this officer for petition `pk`, once, as its page shows it
    (the page's own rule decides whether the page is shown at all)."""
    code = request.session.pop(_key(pk), None)
    if not code:
        return None
    return {"code": code, "shown": shown(code)}


def reissue_view(admin, request, object_id):
    petition = admin.get_object(request, object_id)  # the rule's rows: scope applies
    if petition is None:
        raise Http404
    if not may_issue_lookup_code(request.user, petition):
        raise PermissionDenied
    page = reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])
    if request.method == "POST":
        code = reissue_lookup_code(petition, by=request.user)
        hold_for_page(request, petition.pk, code)
        messages.success(
            request,
            "Đã cấp mã tra cứu mới; mã cũ không còn dùng được. In giấy biên nhận có mã mới "
            "và giao cho công dân.",
        )
        return HttpResponseRedirect(page)
    context = {
        **admin.admin_site.each_context(request),
        "title": f"Cấp lại mã tra cứu của đơn {petition.registration_number}",
        "opts": admin.model._meta,
        "petition": petition,
        "page": page,
        "has_phone": bool(petition.citizen_id and petition.citizen.phone),
    }
    return TemplateResponse(request, "tiep_cong_dan/petition/reissue_lookup_code.html", context)

"""Following one's own case: `/tra-cuu/` asks for the number and the private code
(a POST form, no JavaScript), and answers with the case's steps from its source
(lookup_sources.py), or with one message whatever was wrong (an unknown number and a
wrong code read the same), or, after too many wrong tries, 429 with the wait.

Each answer is a read of the citizen's personal data, logged in the one access log
(anonymous reader, the page and the address). The Result Notice's extract is reached
by a short-lived signed link, not a session: the public site keeps none."""

from django import forms
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ..access.confidential import record_confidential_access
from ..access.models import AccessKind
from ..core.client_ip import client_ip
from ..core.lookup_codes import normalise_code
from ..core.site_profile import site_profile
from ..doctype.result_notice.constants import IN_FORCE_STATES
from ..doctype.result_notice.models import Conclusion
from . import lookup_throttle as throttle
from .context import frame
from .lookup_sources import find_case, register_lookup_source
from .petition_lookup import find_petition, lookup_result

WRONG = (
    "Không tìm thấy hồ sơ với số và mã tra cứu này. Xin kiểm tra lại số đăng ký và mã "
    "tra cứu in trên giấy biên nhận."
)
# The extract's link: long enough to open it, short enough that a link copied from a
# shared screen or a browser's history is soon of no use.
EXTRACT_LINK_SECONDS = 10 * 60
EXTRACT_SALT = "tcd.public.lookup-extract"
# What the log records as read: the case's progress, its sessions, its conclusion.
READ_FIELDS = ("case_progress",)
NO_STORE = "no-store"
EXTRACT_LOG_PATH = "/tra-cuu/trich-thong-bao/"


class LookupForm(forms.Form):
    number = forms.CharField(
        label="Số đăng ký (hoặc số yêu cầu)",
        max_length=40,
        help_text="Ví dụ: 2026/TCD-000123, in trên giấy biên nhận.",
    )
    code = forms.CharField(
        label="Mã tra cứu",
        max_length=20,
        help_text="8 ký tự, ví dụ ABCD-2345; không phân biệt chữ hoa, chữ thường.",
    )


def extract_link(conclusion: Conclusion) -> str:
    """The signed address of `conclusion`'s extract, tied to the petition's current
    code: a code issued again ends the links given under the old one."""
    token = signing.dumps(
        {"c": conclusion.pk, "d": conclusion.petition.lookup_code_digest[:16]}, salt=EXTRACT_SALT
    )
    return reverse("public:lookup_extract", args=[token])


@register_lookup_source
def petition_source(number: str, code: str):
    petition = find_petition(number, code)
    if petition is None:
        return None
    return lookup_result(petition, site_profile(), extract_link=extract_link)


def _page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, "public/lookup.html", frame(context), status=status)
    # A case's answer is the citizen's alone: not kept by a browser or a proxy, and no
    # address of it leaves the site ("no-referrer" would make the browser post the form
    # with a null Origin, which the CSRF check rightly refuses).
    response["Cache-Control"] = NO_STORE
    response["Referrer-Policy"] = "same-origin"
    return response


def _too_many(request: HttpRequest, form: LookupForm, seconds: int) -> HttpResponse:
    minutes = max(1, -(-seconds // 60))
    response = _page(
        request,
        {
            "form": form,
            "throttled": (
                f"Ông/bà đã nhập sai quá nhiều lần. Xin thử lại sau {minutes} phút, hoặc liên "
                "hệ Ban Tiếp công dân tỉnh để được cấp lại mã tra cứu."
            ),
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def _log_read(request: HttpRequest, citizen_ids, path: str = "") -> None:
    record_confidential_access(
        None,
        object_type="citizen",
        object_ids=citizen_ids,
        fields=READ_FIELDS,
        path=path or request.path,
        ip_address=client_ip(request),
        kind=AccessKind.PERSONAL,
    )


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, {"form": LookupForm()})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return _page(request, {"form": form}, status=400)
    number = form.cleaned_data["number"].strip()
    code = normalise_code(form.cleaned_data["code"])
    # The code typed is never written back into a page.
    form = LookupForm(initial={"number": number})
    address = client_ip(request)
    wait = throttle.attempt(address, number)
    if wait:
        return _too_many(request, form, wait)
    result = find_case(number, code)
    if result is None:
        wait = throttle.failed(address, number)
        if wait:
            return _too_many(request, form, wait)
        return _page(request, {"form": form, "wrong": WRONG}, status=200)
    throttle.succeeded(address, number)
    if result.citizen_ids:
        _log_read(request, result.citizen_ids)
    return _page(request, {"form": form, "result": result})


def lookup_extract(request: HttpRequest, token: str) -> HttpResponse:
    """The Result Notice's extract for the holder of a fresh signed link."""
    from ..print_format.lookup_documents import citizen_extract_pdf
    from ..print_format.render import PrintFormatError

    try:
        data = signing.loads(token, salt=EXTRACT_SALT, max_age=EXTRACT_LINK_SECONDS)
        conclusion = (
            Conclusion.objects.select_related("notice__session", "petition")
            .filter(pk=int(data["c"]), notice__state__in=IN_FORCE_STATES)
            .first()
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        conclusion = None
    if (
        conclusion is None
        or conclusion.petition.is_denunciation
        or not conclusion.petition.lookup_code_digest
        or conclusion.petition.lookup_code_digest[:16] != data.get("d")
    ):
        return _page(
            request,
            {
                "form": LookupForm(),
                "expired": (
                    "Liên kết tải bản trích đã hết hạn hoặc không đúng. Xin tra cứu lại để "
                    "nhận liên kết mới."
                ),
            },
            status=410,
        )
    try:
        pdf = citizen_extract_pdf(conclusion)
    except PrintFormatError:
        message = "Chưa tạo được bản trích lúc này. Xin thử lại sau ít phút."
        return _page(request, {"form": LookupForm(), "expired": message}, status=503)
    # The page, not the link: the log does not keep a token that opens the extract.
    _log_read(request, [conclusion.petition.citizen_id], path=EXTRACT_LOG_PATH)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"trich-thong-bao-{conclusion.petition.registration_number.replace('/', '-')}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = NO_STORE
    response["Referrer-Policy"] = "no-referrer"
    return response

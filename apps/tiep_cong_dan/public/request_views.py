"""The citizen's request to be received online: the form (`public:request`), the phone
check (`public:request_confirm`) and the receipt, shown once, with the request's number
and the private lookup code. Thin views over the document type's services; the
limits are public/throttle.py's, the proof-of-work public/pow.py's."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..core import held_uploads
from ..core.lookup_codes import shown
from ..doctype.admin_unit.services import current_unit_for
from ..doctype.reception_request.constants import (
    PHONE_CODE_LIFETIME,
    RequestState,
)
from ..doctype.reception_request.models import ReceptionRequest
from ..doctype.reception_request.services import confirm_phone, send_phone_code, submit_request
from . import (
    request_lookup,  # noqa: F401  (registers the requests' lookup source)
    throttle,
)
from .context import frame
from .pow import new_challenge, solved
from .request_form import NOTICE_VERSION, FormerUnitForm, RequestForm

TOO_MANY_SENT = (
    "Đã có quá nhiều yêu cầu gửi từ địa chỉ mạng này trong một giờ. Vui lòng thử lại sau, "
    "hoặc liên hệ Ban Tiếp công dân tỉnh."
)
TOO_MANY_UNSOLVED = (
    "Đã có nhiều yêu cầu gửi từ địa chỉ mạng này mà trình duyệt không bật JavaScript để "
    "chống gửi tự động. Vui lòng bật JavaScript và gửi lại, hoặc thử lại sau một giờ."
)
TOO_MANY_PHONE = (
    "Số điện thoại này đã gửi đủ số yêu cầu cho phép trong ngày. Vui lòng thử lại ngày mai, "
    "hoặc liên hệ Ban Tiếp công dân tỉnh."
)
TOO_MANY_CODES = (
    "Đã nhập mã xác nhận quá nhiều lần từ địa chỉ mạng này. Vui lòng thử lại sau một giờ."
)


def _throttled(request: HttpRequest, message: str) -> HttpResponse:
    response = render(
        request, "public/request/throttled.html", frame({"message": message}), status=429
    )
    response["Retry-After"] = "3600"
    return response


def _correction_page(request: HttpRequest, form: RequestForm) -> HttpResponse:
    """The form again with what to correct; the files it took are held, not asked for
    again (request_form.MultipleFileInput)."""
    if "attachments" not in form.errors:
        form.fields["attachments"].widget.hold(form.cleaned_data.get("attachments") or [])
    return _form_page(request, form, FormerUnitForm(), status=400)


def _form_page(request, form, helper, notice="", status=200) -> HttpResponse:
    context = frame(
        {
            "form": form,
            "helper": helper,
            "helper_notice": notice,
            "challenge": new_challenge(),
            "notice_version": NOTICE_VERSION,
        }
    )
    return render(request, "public/request/form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _form_get(request)
    address = throttle.address_of(request)
    # Without a solved challenge (JavaScript off, or a script) the form is still
    # taken, within a much smaller allowance per address (throttle.py).
    pow_ok = solved(request.POST.get("altcha", ""))
    limit = throttle.solved_limit() if pow_ok else throttle.unsolved_limit()
    if not throttle.take(limit, address):
        return _throttled(request, TOO_MANY_SENT if pow_ok else TOO_MANY_UNSOLVED)
    form = RequestForm(request.POST, request.FILES)
    if not form.is_valid():
        throttle.give_back(limit, address)  # a form to correct is not a request sent
        return _correction_page(request, form)
    data = form.cleaned_data
    if not throttle.take(throttle.phone_limit(), data["phone"]):
        throttle.give_back(limit, address)
        return _throttled(request, TOO_MANY_PHONE)
    obj = ReceptionRequest(
        full_name=data["full_name"],
        id_kind=data["id_kind"],
        id_number=data["id_number"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        residence_unit=data["residence_unit"],
        former_unit=data["former_unit"],
        kind=data["kind"],
        summary=data["summary"],
        content=data["content"],
        group_size=data["group_size"],
        representatives=data["representatives"],
        bridge_choice=data["bridge_choice"],
        identity_protection_waived=data["identity_protection_waived"],
        consent_online=data["consent_online"],
        consent_personal_data=data["consent_personal_data"],
        consent_notice=NOTICE_VERSION,
    )
    try:
        # The request and its first code together: a request whose code could not be
        # sent is not kept.
        with transaction.atomic():
            submit_request(obj, files=data["attachments"])
            send_phone_code(obj)
    except ValidationError as exc:
        throttle.give_back(limit, address)
        throttle.give_back(throttle.phone_limit(), data["phone"])
        for text in exc.messages:
            form.add_error(None, text)
        return _correction_page(request, form)
    held_uploads.release_public(
        f.held_token for f in data["attachments"] if isinstance(f, held_uploads.HeldFile)
    )
    return HttpResponseRedirect(confirm_url(obj.number), status=303)


# The phone-code page answers only the browser that sent the request: its address
# carries a signed token of the request's number, valid as long as an unconfirmed
# request is kept. Request numbers run in sequence, so the number alone would let
# anyone open a stranger's page and have codes sent again to their phone.
CONFIRM_SALT = "tcd.public.request-confirm"
CONFIRM_MAX_AGE = 24 * 3600


def confirm_url(number: str) -> str:
    token = signing.dumps(number, salt=CONFIRM_SALT, compress=False)
    return reverse("public:request_confirm", args=[number, token])


def _confirmable(number: str, token: str) -> bool:
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE) == number
    except signing.BadSignature:
        return False


def _form_get(request: HttpRequest) -> HttpResponse:
    """The form; with `?xa_cu=` (the helper, a plain GET form) the old commune's
    successor of today is chosen and named."""
    helper = FormerUnitForm(request.GET or None)
    initial, notice = {}, ""
    if helper.is_bound and helper.is_valid() and helper.cleaned_data["xa_cu"]:
        old = helper.cleaned_data["xa_cu"]
        new = current_unit_for(old)
        initial = {"residence_unit": new.pk, "former_unit": old.pk}
        notice = f"{old} nay thuộc {new}. Đã chọn {new.name} trong mục nơi cư trú."
    return _form_page(request, RequestForm(initial=initial), helper, notice)


def _masked_phone(phone: str) -> str:
    return f"{phone[:3]}{'•' * max(len(phone) - 6, 0)}{phone[-3:]}"


@never_cache
@require_http_methods(["GET", "POST"])
def request_confirm(request: HttpRequest, number: str, token: str) -> HttpResponse:
    obj = ReceptionRequest.objects.filter(number=number[:20]).first()
    if obj is None or not _confirmable(obj.number, token):
        raise Http404
    error = info = ""
    if request.method == "POST" and obj.state == RequestState.AWAITING_PHONE:
        if request.POST.get("action") == "resend":
            try:
                send_phone_code(obj)
                info = "Đã gửi mã mới. Mã cũ không còn dùng được."
            except ValidationError as exc:
                error = " ".join(exc.messages)
        else:
            address = throttle.address_of(request)
            if not throttle.take(throttle.CODE_TRIES, address):
                return _throttled(request, TOO_MANY_CODES)
            try:
                code = confirm_phone(obj, request.POST.get("code", ""))
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return render(
                    request,
                    "public/request/receipt.html",
                    frame({"req": obj, "lookup_code": shown(code)}),
                )
    context = frame(
        {
            "req": obj,
            "phone": _masked_phone(obj.phone),
            "error": error,
            "info": info,
            "minutes": int(PHONE_CODE_LIFETIME.total_seconds() // 60),
            "done": obj.state != RequestState.AWAITING_PHONE,
        }
    )
    return render(request, "public/request/confirm.html", context, status=400 if error else 200)

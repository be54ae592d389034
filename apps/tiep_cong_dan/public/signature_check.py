"""`/xac-thuc-van-ban/`: anyone checks a signed document without signing in, by
uploading the PDF (checked in memory, kept nowhere) or by typing its number (the
stored file is checked on the server; only the kind, number, day and the signatures
are shown, never the content nor the file). Each check is counted per address: a
verification costs the server far more than a page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from ..print_format.signing.verify import verify_pdf
from ..print_format.signing.verify_lookup import (
    MAX_NUMBER_LENGTH,
    check_issued,
    stored_copy_of,
)
from ..print_format.signing.verify_upload import UploadRefused, max_bytes, read_pdf_upload
from . import throttle
from .context import frame

CHECKS = throttle.Limit("signature-check", 30, 15 * 60)


def _page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    context = {
        "max_mb": max_bytes() // (1024 * 1024),
        "max_number": MAX_NUMBER_LENGTH,
        **context,
    }
    response = render(request, "public/signature_check.html", frame(context), status=status)
    response["Cache-Control"] = "no-store"
    return response


def _throttled(request: HttpRequest, context: dict) -> HttpResponse | None:
    if not throttle.take(CHECKS, throttle.address_of(request)):
        response = _page(
            request,
            {
                **context,
                "error": "Ông/bà đã kiểm tra quá nhiều lần trong thời gian ngắn. "
                "Xin thử lại sau 15 phút.",
            },
            status=429,
        )
        response["Retry-After"] = str(CHECKS.seconds)
        return response
    return None


@require_http_methods(["GET", "POST"])
def signature_check(request: HttpRequest) -> HttpResponse:
    with translation.override("vi"):
        return _answer(request)


def _answer(request: HttpRequest) -> HttpResponse:
    number = " ".join(request.GET.get("so", "").split())
    if request.method == "GET" and not number:
        return _page(request, {})
    if request.method == "GET":
        context = {"number": number[:MAX_NUMBER_LENGTH]}
        if len(number) > MAX_NUMBER_LENGTH:
            return _page(request, {**context, "error": "Số văn bản quá dài."}, status=400)
        refused = _throttled(request, context)
        if refused:
            return refused
        return _page(request, {**context, "issued": check_issued(number), "searched": True})
    refused = _throttled(request, {})
    if refused:
        return refused
    try:
        data = read_pdf_upload(request)
    except UploadRefused as exc:
        return _page(request, {"error": exc.message}, status=400)
    name = getattr(request.FILES.get("file"), "name", "")[:120]
    verification = verify_pdf(data)
    stored = stored_copy_of(data, verification)
    return _page(request, {"verification": verification, "file_name": name, "stored": stored})

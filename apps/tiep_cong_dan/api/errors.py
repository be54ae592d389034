"""Every API error as {"code": ..., "message": <Vietnamese>, "errors": {...}}."""

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import translation
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ..core.constraints import unique_refusal
from .parsers import ExplainedParseError

MESSAGES = {
    "not_authenticated": "Chưa đăng nhập hoặc thiếu mã truy cập (token).",
    "authentication_failed": "Mã truy cập không hợp lệ hoặc đã bị thu hồi.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy hoặc bạn không có quyền xem.",
    "invalid": "Dữ liệu không hợp lệ.",
    "throttled": "Quá nhiều yêu cầu; vui lòng thử lại sau.",
    "method_not_allowed": "Phương thức không được hỗ trợ.",
    "parse_error": "Nội dung yêu cầu không đọc được (JSON không hợp lệ).",
    "unsupported_media_type": "Kiểu nội dung không được hỗ trợ.",
    "not_acceptable": "Không trả được định dạng yêu cầu.",
}


def _flatten(detail):
    if isinstance(detail, dict):
        return {k: _flatten(v) for k, v in detail.items()}
    if isinstance(detail, list):
        return [str(d) for d in detail]
    return str(detail)


def api_exception_handler(exc, context):
    taken = unique_refusal(exc) if isinstance(exc, DjangoValidationError) else None
    if taken is not None:
        # A record already holds this value: say which field and why, by its own code.
        code, field, message = taken
        with translation.override("vi"):
            return Response(
                {
                    "code": code,
                    "message": str(message),
                    "field": field,
                    "errors": {field: [str(m) for m in exc.message_dict[field]]},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):  # DATA_UPLOAD_MAX_MEMORY_SIZE
        exc = ExplainedParseError("Nội dung yêu cầu quá lớn để xử lý.")
    elif isinstance(exc, BadRequest):  # a query value refused (core/params.py)
        exc = exceptions.ValidationError({"non_field_errors": [getattr(exc, "message", str(exc))]})
    with translation.override("vi"):
        response = exception_handler(exc, context)
        if response is None:
            return None
        code = getattr(exc, "default_code", "error")
        if isinstance(exc, exceptions.ValidationError):
            body = {
                "code": "invalid",
                "message": MESSAGES["invalid"],
                "errors": _flatten(exc.detail),
            }
        else:
            detail = getattr(exc, "detail", "")
            body = {"code": str(code), "message": MESSAGES.get(str(code), str(detail))}
            if isinstance(exc, ExplainedParseError):
                body["message"] = str(detail)
            if hasattr(exc, "wait") and exc.wait:
                body["retry_after"] = int(exc.wait)
        return Response(body, status=response.status_code, headers=response.headers)


def refused(code: str, message: str, http_status=status.HTTP_409_CONFLICT) -> Response:
    return Response({"code": code, "message": message}, status=http_status)

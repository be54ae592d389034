"""A PDF sent to be verified (the desk, the public page, the API): read in memory
within a size limit and kept nowhere (Django removes a spooled upload at the end of
the request)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# The multipart envelope around the file: boundaries, headers, the CSRF token.
ENVELOPE_BYTES = 64 * 1024


class UploadRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def max_bytes() -> int:
    return int(getattr(settings, "TCD_SIGNATURE_CHECK_MAX_BYTES", DEFAULT_MAX_BYTES))


def _too_large() -> UploadRefused:
    return UploadRefused(
        "file_too_large",
        _("The file is larger than %(mb)s MB, the largest this page checks.")
        % {"mb": max_bytes() // (1024 * 1024)},
    )


def declared_too_large(request: HttpRequest) -> bool:
    """Refused from its Content-Length, before a byte of the body is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_bytes() + ENVELOPE_BYTES


def read_pdf_upload(request: HttpRequest, name: str = "file") -> bytes:
    if declared_too_large(request):
        raise _too_large()
    upload = request.FILES.get(name)
    if upload is None:
        raise UploadRefused("no_file", _("Choose the PDF file to check."))
    if upload.size > max_bytes():
        raise _too_large()
    if not upload.size:
        raise UploadRefused("empty_file", _("The file is empty."))
    return upload.read()

"""Verifying signed documents through the API: POST a PDF (multipart, field `file`)
and get each signature's check as JSON; GET `?number=` to check the stored issues of a
document number (only what the public page shows). The file is kept nowhere."""

from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from ..print_format.signing.verify import verify_pdf
from ..print_format.signing.verify_lookup import MAX_NUMBER_LENGTH, check_issued, stored_copy_of
from ..print_format.signing.verify_messages import Verdict
from ..print_format.signing.verify_upload import UploadRefused, read_pdf_upload
from .errors import refused

UPLOAD = {
    "multipart/form-data": {
        "type": "object",
        "properties": {"file": {"type": "string", "format": "binary"}},
        "required": ["file"],
    }
}


@extend_schema(
    methods=["GET"],
    parameters=[
        OpenApiParameter(
            "number", OpenApiTypes.STR, required=True, description="As printed: 05/TB-UBND."
        )
    ],
    responses=OpenApiTypes.OBJECT,
    description="The stored issues of a document number, each with its signatures' check.",
)
@extend_schema(
    methods=["POST"],
    request=UPLOAD,
    responses=OpenApiTypes.OBJECT,
    description="A PDF's signatures checked: intact, signer, certificate, time, trusted "
    "chain, whole document; `verdict` valid, invalid or unsigned.",
)
@api_view(["GET", "POST"])
@parser_classes([MultiPartParser])
def signature_check(request):
    with translation.override("vi"):
        if request.method == "POST":
            return _upload(request)
        return _number(request)


def _upload(request) -> Response:
    try:
        data = read_pdf_upload(request)
    except UploadRefused as exc:
        return refused(exc.code, exc.message, status.HTTP_400_BAD_REQUEST)
    verification = verify_pdf(data)
    body = verification.as_dict()
    stored = stored_copy_of(data, verification)
    # The issued document the file is a stored copy of (kind, number, day, whether it
    # is still in force), or null.
    body["stored_copy"] = None
    if stored is not None:
        body["stored_copy"] = {k: v for k, v in stored.as_dict().items() if k != "verification"}
    if verification.verdict == Verdict.NOT_PDF:
        problem, text = verification.problems[0]
        return Response(
            {"code": str(problem), "message": text, **body}, status=status.HTTP_400_BAD_REQUEST
        )
    return Response(body)


def _number(request) -> Response:
    number = " ".join(request.query_params.get("number", "").split())
    if not number:
        return refused(
            "number_missing", "Nhập số văn bản (tham số number).", status.HTTP_400_BAD_REQUEST
        )
    if len(number) > MAX_NUMBER_LENGTH:
        return refused(
            "number_too_long",
            f"Số văn bản dài tối đa {MAX_NUMBER_LENGTH} ký tự.",
            status.HTTP_400_BAD_REQUEST,
        )
    found = check_issued(number)
    if not found:
        return refused(
            "not_found", "Không có văn bản đã phát hành mang số này.", status.HTTP_404_NOT_FOUND
        )
    return Response({"number": number, "documents": [c.as_dict() for c in found]})

"""The API's endpoints that are no document type's resource: a printed document, the
reporting figures and the API's own "not found" (the resources are api/resources/)."""

import datetime

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from ..access.rules import rule_for
from ..doctype.petition.models import Petition
from .errors import refused


@extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
@api_view(["GET"])
def document(request, code: str, pk: int, fmt: str):
    """A document as PDF, DOCX (or XLSX for reports), in the copy the user may read."""
    from django.utils.translation import gettext

    from ..print_format.documents import DOCUMENTS
    from ..print_format.render import PrintFormatError
    from ..print_format.service import CONTENT_TYPES, DocumentUnavailable, document_file

    spec = DOCUMENTS.get(code)
    if spec is None or fmt not in spec.formats:
        raise NotFound()
    obj = spec.model._default_manager.filter(pk=pk).first()
    if obj is None or not spec.visible(request.user, obj):
        raise NotFound()
    if not spec.exists(obj):
        raise NotFound()
    try:
        data = document_file(spec, obj, request.user, fmt, request=request)
    except DocumentUnavailable as exc:
        return refused("document_unavailable", str(exc.message), status.HTTP_410_GONE)
    except PrintFormatError as exc:  # its message names the template and line, no value
        message = gettext(
            "The document could not be printed: its print format has an error (%(error)s). "
            "An administrator can correct it under Print formats."
        ) % {"error": exc}
        return refused("print_format_error", message, status.HTTP_503_SERVICE_UNAVAILABLE)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{spec.filename(obj)}.{fmt}"'
    return response


@extend_schema(
    parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, required=True),
        OpenApiParameter("to", OpenApiTypes.DATE, required=True),
        OpenApiParameter(
            "units",
            OpenApiTypes.STR,
            enum=["period", "today"],
            description="Areas as the period's era names them (default) or today's units.",
        ),
    ],
    responses=OpenApiTypes.OBJECT,
)
@api_view(["GET"])
def report_figures(request):
    """The reporting figures of a period (a month, a year, several years), within the
    user's scope, split by kind of session as the scheme counts them."""
    from ..core.period import Period
    from ..reporting.data import figures_data
    from ..reporting.figures import UNITS_OF_PERIOD, UNITS_TODAY, compute

    if not rule_for(Petition).can_view(request.user):
        raise PermissionDenied()
    try:
        period = Period(
            datetime.date.fromisoformat(request.query_params.get("from", "")),
            datetime.date.fromisoformat(request.query_params.get("to", "")),
        )
    except ValueError as exc:
        raise ValidationError(
            {
                "from": [
                    "Khoảng thời gian: from, to theo dạng YYYY-MM-DD, from ≤ to, "
                    "trong các năm 2000–2100."
                ]
            }
        ) from exc
    if (period.end - period.start).days > 366 * 5:
        raise ValidationError({"to": ["Khoảng thời gian dài nhất là năm năm."]})
    units = request.query_params.get("units", UNITS_OF_PERIOD)
    if units not in (UNITS_OF_PERIOD, UNITS_TODAY):
        raise ValidationError({"units": ["units: period hoặc today."]})
    return Response(figures_data(compute(period, request.user, units)))


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown_route(request):
    """Any other address under /api/v1/: the API's own "not found"."""
    raise NotFound()

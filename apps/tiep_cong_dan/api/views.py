"""The API's endpoints. Every list is the document type's rule queryset (the viewer's
scope), every write goes through the same service or workflow step as the desk."""

import datetime

from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from .. import workflow
from ..access.confidential import log_confidential_access
from ..access.rules import rule_for
from ..doctype.bridge_point.models import BridgePoint
from ..doctype.citizen.models import Citizen
from ..doctype.petition.models import Petition
from ..doctype.petition.permissions import IDENTITY_FIELDS
from ..doctype.petition.services import register_petition, update_petition
from ..doctype.reception_session.models import ReceptionSession
from ..doctype.result_notice.models import Assignment, ResultNotice
from ..workflow.desk import refusal_text
from . import serializers as s
from .errors import refused
from .permissions import RulePermission


class RuleViewSet(viewsets.GenericViewSet):
    permission_classes = [RulePermission]

    def get_queryset(self):
        return rule_for(self.queryset.model).queryset(self.request.user, self.queryset.all())


class WorkflowActions:
    """GET .../{id}/actions/: the steps this user may take now (and why not the others);
    POST {"action", "comment", "expected_state"}: take one, through the engine."""

    @extend_schema(
        methods=["GET"],
        responses=inline_serializer(
            "ActionOption",
            {
                "action": serializers.CharField(),
                "label": serializers.CharField(),
                "allowed": serializers.BooleanField(),
                "reasons": serializers.ListField(child=serializers.CharField()),
            },
            many=True,
        ),
    )
    @extend_schema(methods=["POST"], request=s.ActionSerializer)
    @action(detail=True, methods=["get", "post"])
    def actions(self, request, pk=None):
        doc = self.get_object()
        if request.method == "GET":
            return Response(
                [
                    {
                        "action": o.transition.action,
                        "label": o.transition.label,
                        "allowed": o.allowed,
                        "reasons": [str(r) for r in o.reasons],
                    }
                    for o in workflow.options(request.user, doc)
                ]
            )
        data = s.ActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            event = workflow.apply(
                doc,
                data.validated_data["action"],
                by=request.user,
                comment=data.validated_data["comment"],
                expected_state=data.validated_data["expected_state"] or None,
            )
        except workflow.TransitionRefused as exc:
            return refused(exc.code, str(refusal_text(exc)))
        doc.refresh_from_db()
        return Response(
            {"event": event.pk, "state": doc.state, "document": self.get_serializer(doc).data}
        )


@extend_schema(
    parameters=[
        OpenApiParameter("state", str, description="Trạng thái (mã)"),
        OpenApiParameter("kind", str, description="Loại đơn"),
        OpenApiParameter("received_from", OpenApiTypes.DATE),
        OpenApiParameter("received_to", OpenApiTypes.DATE),
        OpenApiParameter("search", str, description="Số đăng ký, họ tên hoặc số giấy tờ"),
    ]
)
class PetitionViewSet(
    WorkflowActions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    queryset = Petition.objects.select_related("citizen").order_by(
        "-registration_year", "-registration_seq"
    )
    serializer_class = s.PetitionSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        params = self.request.query_params
        for field in ("state", "kind"):
            if params.get(field):
                qs = qs.filter(**{field: params[field]})
        for param, lookup in (("received_from", "gte"), ("received_to", "lte")):
            if params.get(param):
                try:
                    day = datetime.date.fromisoformat(params[param])
                except ValueError as exc:
                    raise ValidationError({param: ["Ngày theo dạng YYYY-MM-DD."]}) from exc
                qs = qs.filter(**{f"received_date__{lookup}": day})
        if params.get("search"):
            qs = rule_for(Petition).search(self.request.user, qs, params["search"])
        return qs

    def _log_identities(self, petitions) -> None:
        """A cleared user reading denouncers' identities is logged, as in the desk."""
        shown = [p.pk for p in petitions if p.is_denunciation]
        if shown and rule_for(Petition).identity_visible(self.request.user, petitions[0]):
            log_confidential_access(
                self.request, object_type="petition", object_ids=shown, fields=IDENTITY_FIELDS
            )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data.get("results", []) if not row["identity_masked"]]
        self._log_identities(list(Petition.objects.filter(pk__in=ids)))
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if not response.data["identity_masked"]:
            self._log_identities([self.get_object()])
        return response

    @transaction.atomic
    def perform_create(self, serializer):
        serializer.instance = register_petition(
            Petition(**serializer.validated_data), by=self.request.user
        )

    def perform_update(self, serializer):
        petition = serializer.instance
        for field, value in serializer.validated_data.items():
            setattr(petition, field, value)
        update_petition(petition, by=self.request.user)


class CitizenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    queryset = Citizen.objects.select_related("residence_unit").order_by("full_name", "id")
    serializer_class = s.CitizenSerializer


class SessionViewSet(
    WorkflowActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet
):
    queryset = ReceptionSession.objects.order_by("-date", "-id")
    serializer_class = s.SessionSerializer


class BridgePointViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet):
    queryset = BridgePoint.objects.order_by("code")
    serializer_class = s.BridgePointSerializer


class ResultNoticeViewSet(
    WorkflowActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet
):
    queryset = ResultNotice.objects.order_by("-issued_date", "-id")
    serializer_class = s.ResultNoticeSerializer


class AssignmentViewSet(
    WorkflowActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet
):
    queryset = Assignment.objects.select_related("agency").order_by("deadline", "id")
    serializer_class = s.AssignmentSerializer


@extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
@api_view(["GET"])
def document(request, code: str, pk: int, fmt: str):
    """A document as PDF, DOCX (or XLSX for reports), in the copy the user may read."""
    from ..print_format.documents import DOCUMENTS
    from ..print_format.service import CONTENT_TYPES, document_file

    spec = DOCUMENTS.get(code)
    if spec is None or fmt not in spec.formats:
        raise NotFound()
    obj = spec.model._default_manager.filter(pk=pk).first()
    if obj is None or not spec.visible(request.user, obj):
        raise NotFound()
    if not spec.exists(obj):
        raise NotFound()
    response = HttpResponse(
        document_file(spec, obj, request.user, fmt), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{spec.filename(obj)}.{fmt}"'
    return response


@extend_schema(
    parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, required=True),
        OpenApiParameter("to", OpenApiTypes.DATE, required=True),
    ],
    responses=OpenApiTypes.OBJECT,
)
@api_view(["GET"])
def report_figures(request):
    """The reporting figures of a period, within the user's scope."""
    from ..reporting.figures import compute
    from ..reporting.period import Period

    if not rule_for(Petition).can_view(request.user):
        raise PermissionDenied()
    try:
        period = Period(
            datetime.date.fromisoformat(request.query_params.get("from", "")),
            datetime.date.fromisoformat(request.query_params.get("to", "")),
        )
    except ValueError as exc:
        raise ValidationError(
            {"from": ["Khoảng thời gian: from, to theo dạng YYYY-MM-DD, from ≤ to."]}
        ) from exc
    f = compute(period, request.user)
    return Response(
        {
            "from": period.start,
            "to": period.end,
            "sessions": f.sessions,
            "hearings": f.total.hearings,
            "citizens": f.total.citizens,
            "group_hearings": f.total.group_hearings,
            "group_citizens": f.total.group_citizens,
            "by_kind": f.by_kind,
            "by_mode": f.by_mode,
            "by_unit": [{"unit": u, "citizens": n} for u, n in f.by_unit],
            "received": f.received,
            "outcomes": f.outcomes,
            "backlog": f.backlog,
            "rolled_over": f.rolled_over,
            "wait_average_days": f.wait_average,
            "wait_max_days": f.wait_max,
            "assignments": f.assignments,
        }
    )

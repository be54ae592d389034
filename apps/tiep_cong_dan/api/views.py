"""The API's endpoints. Every list is the document type's rule queryset (the viewer's
scope), every write goes through the same service or workflow step as the desk."""

import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from .. import workflow
from ..access.confidential import log_confidential_access
from ..access.rules import rule_for
from ..core.records import save_changes
from ..doctype.agency.models import Agency
from ..doctype.bridge_point.models import BridgePoint
from ..doctype.bridge_point.services import (
    add_bridge_point,
    record_connection_test,
    retire_bridge_point,
)
from ..doctype.citizen.models import Citizen
from ..doctype.citizen.personal_data import PERSONAL_FIELDS, log_people_shown
from ..doctype.citizen.services import id_number_kept_unique, record_citizen
from ..doctype.petition.models import Petition
from ..doctype.petition.permissions import IDENTITY_FIELDS
from ..doctype.petition.services import (
    NOTIFY_ACCEPTANCE,
    record_acceptance_notice,
    register_petition,
    update_petition,
    validate_group,
)
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..doctype.reception_session.services import create_session
from ..doctype.result_notice.models import Assignment, ResultNotice
from ..doctype.result_notice.services import assign_task, draft_result_notice
from ..scheduling.adhoc import create_special_session
from ..scheduling.agenda import build_agenda, move_hearing
from ..workflow.desk import refusal_text
from . import serializers as s
from .errors import refused
from .filters import PetitionFilter
from .permissions import RulePermission


class RuleViewSet(viewsets.GenericViewSet):
    permission_classes = [RulePermission]

    def get_queryset(self):
        return rule_for(self.queryset.model).queryset(self.request.user, self.queryset.all())


class WritableRuleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """List, read, create (through the type's service) and update."""

    def create_document(self, obj, serializer):
        raise NotImplementedError

    @transaction.atomic
    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        links = {
            name: data.pop(name)
            for name in list(data)
            if self.queryset.model._meta.get_field(name).many_to_many
        }
        serializer.instance = self.create_document(self.queryset.model(**data), serializer)
        for name, value in links.items():
            getattr(serializer.instance, name).set(value)

    def perform_update(self, serializer):
        """Edits go through the one save path every type shares (validated whole,
        attributed in the history, atomic)."""
        serializer.instance = save_changes(
            serializer.instance, serializer.validated_data, by=self.request.user
        )


class WorkflowActions:
    """GET .../{id}/actions/: the steps this user may take now (and why not the others);
    POST {"action", "comment", "expected_state"}: take one, through the engine. A type
    whose steps carry data (a petition's Art. 28 notice) names its own serializer and
    the fields it records with the step."""

    action_serializer = s.ActionSerializer

    def step_changes(self, data: dict) -> dict:
        """Fields recorded with the step, saved in its transaction."""
        return {}

    def take_step(self, doc, data: dict, user):
        changes = self.step_changes(data)
        with transaction.atomic():  # the data and its step together, or neither
            if changes:
                doc = save_changes(doc, changes, by=user)
            return workflow.apply(
                doc,
                data["action"],
                by=user,
                comment=data["comment"],
                expected_state=data["expected_state"] or None,
            )

    @extend_schema(
        methods=["GET"],
        filters=False,  # one document's actions: the list's filters do not apply
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
    @extend_schema(
        methods=["POST"],
        request=s.ActionSerializer,
        responses=inline_serializer(
            "ActionResult",
            {
                "event": serializers.IntegerField(),
                "state": serializers.CharField(),
                "document": serializers.DictField(help_text="the document after the step"),
            },
        ),
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
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
        data = self.action_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            event = self.take_step(doc, data.validated_data, request.user)
        except workflow.TransitionRefused as exc:
            return refused(exc.code, str(refusal_text(exc)))
        doc = self.get_queryset().get(pk=doc.pk)  # as the step left it, parts included
        return Response(
            {"event": event.pk, "state": doc.state, "document": self.get_serializer(doc).data}
        )


@extend_schema_view(actions=extend_schema(methods=["POST"], request=s.PetitionActionSerializer))
class PetitionViewSet(WorkflowActions, WritableRuleViewSet):
    queryset = Petition.objects.select_related("citizen").order_by(
        "-registration_year", "-registration_seq"
    )
    serializer_class = s.PetitionSerializer
    action_serializer = s.PetitionActionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PetitionFilter

    def step_changes(self, data: dict) -> dict:
        changes = {n: data[n] for n in s.REFUSAL_STEP_FIELDS if n in data}
        changes.update({n: data[n] for n in ("acceptance_outcome", "transfer_letter") if n in data})
        if "transferred_to" in data:
            agency = Agency.objects.filter(pk=data["transferred_to"]).first()
            if agency is None:
                raise ValidationError({"transferred_to": ["Không có cơ quan này."]})
            changes["transferred_to"] = agency
        return changes

    def take_step(self, doc, data: dict, user):
        if data["action"] != NOTIFY_ACCEPTANCE:
            return super().take_step(doc, data, user)
        # The Art. 28 notice is recorded in every state, through its service.
        changes = self.step_changes(data)
        return record_acceptance_notice(
            doc,
            outcome=changes["acceptance_outcome"],
            notified_on=data.get("acceptance_notified_on"),
            transferred_to=changes.get("transferred_to"),
            transfer_letter=changes.get("transfer_letter"),
            by=user,
            comment=data["comment"],
            expected_state=data["expected_state"] or None,
        )

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
        petition = self.get_object()
        if petition.is_denunciation:
            if not response.data["identity_masked"]:
                self._log_identities([petition])
        else:  # a case read in full shows its petitioner: a personal-data read
            log_people_shown(request, [(petition.citizen_id, petition)], fields={"full_name"})
        return response

    def create_document(self, petition, serializer):
        return register_petition(petition, by=self.request.user)

    def perform_update(self, serializer):
        petition, data = serializer.instance, serializer.validated_data
        for field, value in data.items():
            setattr(petition, field, value)
        if "group_size" in data:  # the representatives are named in the desk (Law Art. 29)
            validate_group(data["group_size"], petition.representatives.count())
        serializer.instance = update_petition(petition, by=self.request.user, fields=list(data))


class CitizenViewSet(WritableRuleViewSet):
    queryset = Citizen.objects.select_related("residence_unit").order_by("full_name", "id")
    serializer_class = s.CitizenSerializer

    def create_document(self, citizen, serializer):
        return record_citizen(citizen, by=self.request.user)

    def perform_update(self, serializer):
        with id_number_kept_unique():
            super().perform_update(serializer)

    # Every citizen row shows ID number, phone and birth date: each read is logged, as
    # the desk's citizen list and page are.
    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", [])
        log_people_shown(request, [(r["id"], None) for r in rows], fields=PERSONAL_FIELDS)
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        log_people_shown(request, [(response.data["id"], None)], fields=PERSONAL_FIELDS)
        return response


def _changer(request, doc) -> None:
    """A step on a document's parts needs the right to edit the document itself."""
    if not rule_for(type(doc)).can_change(request.user, doc):
        raise PermissionDenied()


class SessionViewSet(WorkflowActions, WritableRuleViewSet):
    queryset = ReceptionSession.objects.order_by("-date", "-id")
    serializer_class = s.SessionSerializer

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "invited_agencies",
                "invited_units",
                Prefetch(
                    "agenda_items",
                    queryset=s.visible_agenda(self.request.user),
                    to_attr="visible_agenda",
                ),
            )
        )

    def create_document(self, session, serializer):
        return create_session(session, by=self.request.user)

    @extend_schema(request=None, responses=s.AgendaItemSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="agenda/build", pagination_class=None)
    def build_agenda(self, request, pk=None):
        """Fill a draft session's agenda from the front of the Chairman's queue."""
        session = self.get_object()
        _changer(request, session)
        added = build_agenda(session, by=request.user)
        return Response(s.AgendaItemSerializer(added, many=True).data)

    @extend_schema(request=s.AgendaMoveSerializer, responses=s.SessionSerializer)
    @action(detail=True, methods=["post"], url_path="agenda/move")
    def move_hearing(self, request, pk=None):
        """Put one hearing at another place on the agenda, with the reason logged."""
        data = s.AgendaMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            session = self.get_object()
            _changer(request, session)
            item = AgendaItem.objects.filter(
                pk=data.validated_data["item"], session=session
            ).first()
            if item is None:
                raise ValidationError({"item": ["Không có mục này trong chương trình phiên."]})
            move_hearing(
                session,
                item,
                data.validated_data["position"],
                by=request.user,
                reason=data.validated_data["reason"],
            )
        session = self.get_queryset().get(pk=session.pk)  # the new order
        return Response(self.get_serializer(session).data)

    @extend_schema(methods=["GET"], request=None, responses=s.PointConnectionSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=s.ConfirmConnectionSerializer,
        responses=s.PointConnectionSerializer(many=True),
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def connections(self, request, pk=None):
        """Each participating point's last known connection to the session's meeting
        (Decree 154 Art. 23). POST {"point": code} is the technician's confirmation of
        one point on a platform run by hand; POST {"check": true} asks a platform that
        reports live status who is connected now."""
        from ..conference.base import ConferenceError
        from ..conference.readiness import (
            ConnectionRefused,
            check_connections,
            confirm_point_connected,
        )
        from ..conference.services import ERROR_TEXT

        session = self.get_object()
        if request.method == "POST":
            if not rule_for(ReceptionSession).can_operate_conference(request.user, session):
                raise PermissionDenied()
            data = s.ConfirmConnectionSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            try:
                if data.validated_data.get("check"):
                    check_connections(session)
                else:
                    point = next(
                        (
                            p
                            for p in session.participant_points()
                            if p.code == data.validated_data["point"]
                        ),
                        None,
                    )
                    if point is None:
                        raise ValidationError({"point": ["Điểm cầu này không tham gia kỳ tiếp."]})
                    confirm_point_connected(session, point, by=request.user)
            except ConnectionRefused as exc:
                return refused(exc.code, exc.messages[0])
            except ConferenceError as exc:
                return refused(
                    "platform_error",
                    ERROR_TEXT.get(exc.kind, str(exc.kind)),
                    status.HTTP_502_BAD_GATEWAY,
                )
        return Response(s.PointConnectionSerializer(_connections_data(session), many=True).data)

    @extend_schema(request=s.SpecialSessionSerializer, responses={201: s.SessionSerializer})
    @action(detail=False, methods=["post"])
    def special(self, request):
        """A session of its own for one approved case: ad hoc (with its ground under Law
        Art. 18(3)) or at the central board's request."""
        if not rule_for(ReceptionSession).can_add(request.user):
            raise PermissionDenied()
        data = s.SpecialSessionSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        session = create_special_session(
            v["petition"],
            day=v["date"],
            by=request.user,
            ground=v["ground"],
            central=v["central"],
            start=v["start"],
        )
        return Response(self.get_serializer(session).data, status=201)


def _connections_data(session) -> list[dict]:
    from ..conference.readiness import latest_connections

    known = latest_connections(session)
    rows = []
    for point in session.participant_points():
        row = known.get(point.pk)
        rows.append(
            {
                "point": point.code,
                "name": point.name,
                "connected_at": row.at if row else None,
                "source": row.source if row else "",
                "confirmed_by": (row.by.get_username() if row and row.by else ""),
            }
        )
    return rows


class BridgePointViewSet(WritableRuleViewSet):
    queryset = BridgePoint.objects.order_by("code")
    serializer_class = s.BridgePointSerializer

    def create_document(self, point, serializer):
        # The service fills the dial address from the provincial naming plan.
        return add_bridge_point(**serializer.validated_data)

    @extend_schema(request=s.RetireSerializer, responses=s.BridgePointSerializer)
    @action(detail=True, methods=["post"])
    def retire(self, request, pk=None):
        """Take a point out of service from a date, with the reason."""
        point = self.get_object()
        _changer(request, point)
        data = s.RetireSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        point = retire_bridge_point(
            point,
            on=data.validated_data.get("on") or timezone.localdate(),
            reason=data.validated_data["reason"],
        )
        return Response(self.get_serializer(point).data)

    @extend_schema(methods=["GET"], request=None, responses=s.ConnectionTestSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=s.ConnectionTestSerializer,
        responses={201: s.ConnectionTestSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def tests(self, request, pk=None):
        """The point's latest test calls; POST records one (now, or at `tested_at`):
        refused when dated in the future or when the room was not in service then."""
        from ..doctype.bridge_point.models import ConnectionTest

        point = self.get_object()
        if request.method == "GET":
            rows = point.connection_tests.select_related("tested_by").order_by("-tested_at")[:50]
            return Response(s.ConnectionTestSerializer(rows, many=True).data)
        if not rule_for(ConnectionTest).can_add(request.user):
            raise PermissionDenied()
        data = s.ConnectionTestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        test = record_connection_test(
            point=point,
            by=request.user,
            result=v["result"],
            audio_ok=v.get("audio_ok", False),
            video_ok=v.get("video_ok", False),
            notes=v.get("notes", ""),
            at=v.get("tested_at"),
        )
        return Response(s.ConnectionTestSerializer(test).data, status=201)


class ResultNoticeViewSet(WorkflowActions, WritableRuleViewSet):
    queryset = ResultNotice.objects.order_by("-issued_date", "-id")
    serializer_class = s.ResultNoticeSerializer

    def create_document(self, notice, serializer):
        return draft_result_notice(notice, by=self.request.user)


class AssignmentViewSet(WorkflowActions, WritableRuleViewSet):
    queryset = Assignment.objects.select_related("agency").order_by("deadline", "id")
    serializer_class = s.AssignmentSerializer

    def create_document(self, assignment, serializer):
        # A task is given in a notice the user may still edit (a draft, for the Board).
        _changer(self.request, assignment.notice)
        return assign_task(assignment, by=self.request.user)


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

"""`bridge-points`: the video rooms (technicians), retired with a date and a reason,
and their test calls."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ...access.rules import rule_for
from ...core.validators import BRIEF_TEXT
from ...doctype.bridge_point.models import BridgePoint, ConnectionTest
from ...doctype.bridge_point.services import (
    add_bridge_point,
    record_connection_test,
    retire_bridge_point,
)
from ..base import WritableRuleViewSet, check_may_change
from ..fields import PlainMultilineField, PlainTextField, ScopedModelSerializer
from ..routing import Route


class BridgePointSerializer(ScopedModelSerializer):
    class Meta:
        model = BridgePoint
        fields = [
            "id",
            "code",
            "name",
            "level",
            "unit",
            "agency",
            "address",
            "platform",
            "dial_address",
            "backup_dial_address",
            "capacity",
            "contact_name",
            "contact_phone",
            "equipment_status",
            "active",
            "retired_on",
            "retirement_reason",
            "notes",
        ]
        # Retiring is its own step (POST .../retire/) with a date and a reason.
        read_only_fields = ["active", "retired_on", "retirement_reason"]


class ConnectionTestSerializer(serializers.ModelSerializer):
    tested_by = serializers.CharField(source="tested_by.username", read_only=True, default="")
    notes = PlainMultilineField(max_length=BRIEF_TEXT, required=False, allow_blank=True)

    class Meta:
        model = ConnectionTest
        fields = ["id", "tested_at", "result", "audio_ok", "video_ok", "notes", "tested_by"]
        extra_kwargs = {"tested_at": {"required": False}}


class RetireSerializer(serializers.Serializer):
    on = serializers.DateField(required=False)
    reason = PlainTextField(max_length=255)

    def validate_on(self, value):
        # The point leaves service now: a later date would misstate when it did.
        if value > timezone.localdate():
            raise serializers.ValidationError("Ngày ngừng sử dụng không được sau hôm nay.")
        return value


class BridgePointViewSet(WritableRuleViewSet):
    queryset = BridgePoint.objects.order_by("code")
    serializer_class = BridgePointSerializer

    def create_document(self, point, serializer):
        # The service fills the dial address from the provincial naming plan.
        return add_bridge_point(**serializer.validated_data)

    @extend_schema(request=RetireSerializer, responses=BridgePointSerializer)
    @action(detail=True, methods=["post"])
    def retire(self, request, pk=None):
        """Take a point out of service from a date, with the reason."""
        point = self.get_object()
        check_may_change(request, point)
        data = RetireSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        point = retire_bridge_point(
            point,
            on=data.validated_data.get("on") or timezone.localdate(),
            reason=data.validated_data["reason"],
        )
        return Response(self.get_serializer(point).data)

    @extend_schema(methods=["GET"], request=None, responses=ConnectionTestSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=ConnectionTestSerializer,
        responses={201: ConnectionTestSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def tests(self, request, pk=None):
        """The point's latest test calls; POST records one (now, or at `tested_at`):
        refused when dated in the future or when the room was not in service then."""
        point = self.get_object()
        if request.method == "GET":
            rows = point.connection_tests.select_related("tested_by").order_by("-tested_at")[:50]
            return Response(ConnectionTestSerializer(rows, many=True).data)
        if not rule_for(ConnectionTest).can_add(request.user):
            raise PermissionDenied()
        data = ConnectionTestSerializer(data=request.data)
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
        return Response(ConnectionTestSerializer(test).data, status=201)


ROUTES = [Route("bridge-points", BridgePointViewSet, basename="bridgepoint")]

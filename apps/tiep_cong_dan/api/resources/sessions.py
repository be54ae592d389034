"""`sessions`: reception sessions with the agenda each reader's scope holds; the agenda
built from the queue and reordered, each point's connection (Decree 154 Art. 23), and
the ad hoc or central-request session opened for one case."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from ...access.rules import rule_for
from ...doctype.petition.models import Petition
from ...doctype.reception_session.models import AgendaItem, ReceptionSession
from ...doctype.reception_session.services import create_session
from ...scheduling.adhoc import create_special_session
from ...scheduling.agenda import build_agenda, move_hearing
from ..base import WorkflowActions, WritableRuleViewSet, check_may_change
from ..errors import refused
from ..fields import (
    LocalTimeField,
    PlainTextField,
    ScopedModelSerializer,
    ScopedRelatedField,
    StateLabelMixin,
)
from ..routing import Route


class AgendaItemSerializer(ScopedModelSerializer):
    registration_number = serializers.CharField(source="petition.registration_number")
    bridge_point_code = serializers.CharField(source="bridge_point.code", default=None)

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "position",
            "petition",
            "registration_number",
            "slot_start",
            "slot_end",
            "mode",
            "bridge_point_code",
            "heard",
            "attendance_count",
            "started_at",
            "ended_at",
        ]


class SessionSerializer(StateLabelMixin, ScopedModelSerializer):
    agenda = serializers.SerializerMethodField()

    class Meta:
        model = ReceptionSession
        fields = [
            "id",
            "kind",
            "ad_hoc_ground",
            "date",
            "start_time",
            "end_time",
            "state",
            "state_label",
            "host_bridge_point",
            "presiding_official",
            "invited_agencies",
            "central_board_invited",
            "invited_units",
            "capacity",
            "slot_minutes",
            "group_slot_minutes",
            "gap_minutes",
            "in_person_start",
            "in_person_end",
            "conference_platform",
            "conference_alias",
            "conference_provisioned_at",
            "conference_error",
            "recording_reference",
            "notes",
            "agenda",
        ]
        # The room is prepared by the conference service, not typed in.
        read_only_fields = [
            "state",
            "conference_platform",
            "conference_alias",
            "conference_provisioned_at",
            "conference_error",
        ]

    def get_agenda(self, obj) -> list[dict]:
        rows = getattr(obj, "agenda_rows", None)  # the list reads a page's agendas at once
        if rows is None:
            rows = agendas(self.context, [obj])[obj.pk]
        return rows


AGENDA_COLUMNS = (
    "id",
    "session_id",
    "position",
    "petition_id",
    "slot_start",
    "slot_end",
    "mode",
    "bridge_point_id",
    "heard",
    "attendance_count",
    "started_at",
    "ended_at",
)


# What the item serializer writes, read as plain values in one query: a page of fifty
# sessions holds up to 15 000 hearings on the million-case history, and a model
# instance, a petition and a bridge point built for each cost 1.9 s (0.1 s read so).
AGENDA_VALUES = (
    "id",
    "session_id",
    "position",
    "petition_id",
    "petition__registration_number",
    "slot_start",
    "slot_end",
    "mode",
    "bridge_point__code",
    "heard",
    "attendance_count",
    "started_at",
    "ended_at",
)
# The values written as they are read (keys, numbers, text, yes/no); the times and
# moments through the item serializer's own fields, for its exact format.
FORMATTED = ("slot_start", "slot_end", "started_at", "ended_at")


def agendas(context: dict, sessions) -> dict[int, list[dict]]:
    """Each session's agenda as the user of the serializer `context` may see it, written
    as AgendaItemSerializer writes it. Its rows are read as values in one query when the
    item rule masks none of the serializer's fields from this user (it masks the
    hearing's words, which the API's item does not carry); otherwise item by item
    through the serializer, which masks."""
    request = context.get("request")
    user = request.user if request is not None else None
    ids = [session.pk for session in sessions]
    found: dict[int, list[dict]] = {pk: [] for pk in ids}
    items = visible_agenda(user).filter(session_id__in=ids)
    child = AgendaItemSerializer(context=context)
    if user is None or rule_for(AgendaItem).masked_paths(user) & set(child.fields):
        for item in items:
            found[item.session_id].append(child.to_representation(item))
        return found
    fields = child.fields
    write = {name: fields[name].to_representation for name in FORMATTED}
    heard = fields["heard"].to_representation
    count = fields["attendance_count"].to_representation
    for row in items.values_list(*AGENDA_VALUES):
        (pk, session, position, petition, number, start, end, mode, point, *rest) = row
        was_heard, attendance, started, ended = rest
        found[session].append(
            {
                "id": pk,
                "position": position,
                "petition": petition,
                "registration_number": number,
                "slot_start": None if start is None else write["slot_start"](start),
                "slot_end": None if end is None else write["slot_end"](end),
                "mode": mode,
                "bridge_point_code": point,
                "heard": None if was_heard is None else heard(was_heard),
                "attendance_count": None if attendance is None else count(attendance),
                "started_at": None if started is None else write["started_at"](started),
                "ended_at": None if ended is None else write["ended_at"](ended),
            }
        )
    return found


def visible_agenda(user):
    """Agenda items of the cases this user may see, as on the agenda board."""
    # Only what AgendaItemSerializer writes: a page holds 50 agendas, 750 petitions
    # whose full text (content, summary) would be read and built for nothing.
    items = (
        AgendaItem.objects.select_related("petition", "bridge_point")
        .only(*AGENDA_COLUMNS, "petition__registration_number", "bridge_point__code")
        .order_by("position")
    )
    if user is None:
        return items.none()
    rule = rule_for(Petition)
    if rule.sees_all(user):
        return items  # a subquery over every petition would only slow the read
    return items.filter(petition__in=rule.queryset(user))


class PointConnectionSerializer(serializers.Serializer):
    point = serializers.CharField(help_text="mã điểm cầu")
    name = serializers.CharField()
    connected_at = serializers.DateTimeField(allow_null=True)
    source = serializers.CharField(help_text="platform, technician hoặc rỗng")
    confirmed_by = serializers.CharField(help_text="người xác nhận (kỹ thuật viên)")


class ConfirmConnectionSerializer(serializers.Serializer):
    point = serializers.CharField(max_length=30, required=False, help_text="mã điểm cầu")
    check = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        if not data.get("check") and not data.get("point"):
            raise serializers.ValidationError(
                {"point": ["Ghi mã điểm cầu cần xác nhận, hoặc check: true."]}
            )
        return data


class AgendaMoveSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text="id of the agenda item")
    position = serializers.IntegerField(min_value=1)
    reason = PlainTextField(max_length=500)


class SpecialSessionSerializer(serializers.Serializer):
    """A session of its own for one approved case (ad hoc or at the central board's
    request), with its agenda, as the desk's "Tiếp đột xuất" does."""

    petition = ScopedRelatedField(queryset=Petition.objects.all())
    date = serializers.DateField()
    ground = serializers.CharField(required=False, allow_blank=True, default="")
    central = serializers.BooleanField(required=False, default=False)
    start = LocalTimeField(required=False, allow_null=True, default=None)


class SessionViewSet(WorkflowActions, WritableRuleViewSet):
    queryset = ReceptionSession.objects.order_by("-date", "-id")
    serializer_class = SessionSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("invited_agencies", "invited_units")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:  # the page's agendas in one query
            found = agendas(self.get_serializer_context(), page)
            for session in page:
                session.agenda_rows = found[session.pk]
        return page

    def create_document(self, session, serializer):
        return create_session(session, by=self.request.user)

    @extend_schema(request=None, responses=AgendaItemSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="agenda/build", pagination_class=None)
    def build_agenda(self, request, pk=None):
        """Fill a draft session's agenda from the front of the Chairman's queue."""
        session = self.get_object()
        check_may_change(request, session)
        added = build_agenda(session, by=request.user)
        return Response(AgendaItemSerializer(added, many=True).data)

    @extend_schema(request=AgendaMoveSerializer, responses=SessionSerializer)
    @action(detail=True, methods=["post"], url_path="agenda/move")
    def move_hearing(self, request, pk=None):
        """Put one hearing at another place on the agenda, with the reason logged."""
        data = AgendaMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():
            session = self.get_object()
            check_may_change(request, session)
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

    @extend_schema(methods=["GET"], request=None, responses=PointConnectionSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=ConfirmConnectionSerializer,
        responses=PointConnectionSerializer(many=True),
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def connections(self, request, pk=None):
        """Each participating point's last known connection to the session's meeting
        (Decree 154 Art. 23). POST {"point": code} is the technician's confirmation of
        one point on a platform run by hand; POST {"check": true} asks a platform that
        reports live status who is connected now."""
        from ...conference.base import ConferenceError
        from ...conference.readiness import (
            ConnectionRefused,
            check_connections,
            confirm_point_connected,
        )
        from ...conference.services import ERROR_TEXT

        session = self.get_object()
        if request.method == "POST":
            if not rule_for(ReceptionSession).can_operate_conference(request.user, session):
                raise PermissionDenied()
            data = ConfirmConnectionSerializer(data=request.data)
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
        return Response(PointConnectionSerializer(_connections_data(session), many=True).data)

    @extend_schema(request=SpecialSessionSerializer, responses={201: SessionSerializer})
    @action(detail=False, methods=["post"])
    def special(self, request):
        """A session of its own for one approved case: ad hoc (with its ground under Law
        Art. 18(3)) or at the central board's request."""
        if not rule_for(ReceptionSession).can_add(request.user):
            raise PermissionDenied()
        data = SpecialSessionSerializer(data=request.data, context={"request": request})
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
    from ...conference.readiness import latest_connections

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


ROUTES = [Route("sessions", SessionViewSet, basename="session")]

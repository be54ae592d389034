"""`recordings`: the hearings' recordings register (Decree 154 Art. 24). Listed and
read as the recording rule lets the reader; the Board registers one by its path on the
recordings storage (POST, JSON), by uploading it (POST .../upload/, multipart) or by
fetching what the session's platform offers (POST .../fetch/). The size and SHA-256 are
always the system's own reading. DELETE is the Board head's, and refused with
`recording_retained` while the retention runs."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ...access.rules import rule_for
from ...conference.recordings import NoRecordings, fetch_recordings
from ...doctype.hearing_recording import services
from ...doctype.hearing_recording.models import Recording, RecordingRetained
from ...doctype.reception_session.models import AgendaItem, ReceptionSession
from ..base import RuleViewSet
from ..errors import refused
from ..fields import PlainTextField, ScopedModelSerializer, ScopedRelatedField
from ..routing import Route


class RecordingSerializer(ScopedModelSerializer):
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    last_check_label = serializers.CharField(source="get_last_check_display", read_only=True)

    class Meta:
        model = Recording
        fields = [
            "id",
            "session",
            "agenda_item",
            "location",
            "size",
            "sha256",
            "media_type",
            "duration_seconds",
            "started_at",
            "ended_at",
            "source",
            "source_label",
            "backend_reference",
            "registered_by",
            "registered_at",
            "retention_until",
            "note",
            "last_check",
            "last_check_label",
            "last_checked_at",
            "last_hashed_at",
        ]
        read_only_fields = fields


class RecordingRegisterSerializer(serializers.Serializer):
    session = ScopedRelatedField(queryset=ReceptionSession.objects.all())
    agenda_item = ScopedRelatedField(
        queryset=AgendaItem.objects.all(),
        required=False,
        allow_null=True,
        help_text="The online hearing recorded; empty: the whole meeting.",
    )
    note = PlainTextField(max_length=255, required=False, allow_blank=True, default="")


class RecordingReferenceSerializer(RecordingRegisterSerializer):
    location = serializers.CharField(
        max_length=500, help_text="The file's path on the recordings storage."
    )


class RecordingUploadSerializer(RecordingRegisterSerializer):
    file = serializers.FileField()


class RecordingFetchSerializer(serializers.Serializer):
    session = ScopedRelatedField(queryset=ReceptionSession.objects.all())


def _invalid(exc: ValidationError) -> serializers.ValidationError:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    return serializers.ValidationError(detail)


class RecordingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    RuleViewSet,
):
    queryset = Recording.objects.select_related("agenda_item").order_by(
        "session_id", "agenda_item__position", "id"
    )
    serializer_class = RecordingSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]

    def _may_register(self) -> None:
        if not rule_for(Recording).can_add(self.request.user):
            raise PermissionDenied()

    def _register(self, request, serializer_class, register, source: str) -> Response:
        """One recording registered from `source` (a path on the storage, or the file
        sent) by `register`, the service of that way of registering."""
        self._may_register()
        data = serializer_class(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        v = data.validated_data
        try:
            recording = register(
                v["session"],
                v[source],
                agenda_item=v.get("agenda_item"),
                by=request.user,
                note=v["note"],
            )
        except ValidationError as exc:
            raise _invalid(exc) from exc
        return Response(RecordingSerializer(recording).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RecordingReferenceSerializer, responses={201: RecordingSerializer})
    def create(self, request, *args, **kwargs):
        return self._register(
            request, RecordingReferenceSerializer, services.register_by_reference, "location"
        )

    @extend_schema(request=RecordingUploadSerializer, responses={201: RecordingSerializer})
    @action(detail=False, methods=["post"])
    def upload(self, request):
        return self._register(request, RecordingUploadSerializer, services.upload_recording, "file")

    @extend_schema(
        request=RecordingFetchSerializer,
        responses=inline_serializer(
            "FetchedRecordings",
            {
                "registered": RecordingSerializer(many=True),
                "known": serializers.IntegerField(),
                "refused": serializers.ListField(child=serializers.CharField()),
            },
        ),
    )
    @action(detail=False, methods=["post"])
    def fetch(self, request):
        self._may_register()
        data = RecordingFetchSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        try:
            result = fetch_recordings(data.validated_data["session"], by=request.user)
        except NoRecordings:
            return refused(
                "no_recordings", "Nền tảng hội nghị của phiên này không cung cấp bản ghi."
            )
        return Response(
            {
                "registered": RecordingSerializer(result.registered, many=True).data,
                "known": result.known,
                "refused": result.refused,
            }
        )

    def destroy(self, request, *args, **kwargs):
        recording = self.get_object()
        if not rule_for(Recording).can_delete(request.user, recording):
            raise PermissionDenied()
        try:
            services.delete_recording(recording, by=request.user)
        except RecordingRetained as exc:
            return refused(exc.code, str(exc))
        return Response(status=status.HTTP_204_NO_CONTENT)


ROUTES = [Route("recordings", RecordingViewSet, basename="recording")]

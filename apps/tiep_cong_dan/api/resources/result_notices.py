"""`result-notices`: each notice with the conclusions and tasks the reader's scope
holds."""

from django.core.exceptions import ValidationError
from django.utils import translation
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ...access.rules import rule_for
from ...doctype.petition.models import Petition
from ...doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from ...doctype.result_notice.services import draft_replacement, draft_result_notice
from ..base import WorkflowActions, WritableRuleViewSet
from ..errors import refused
from ..fields import ScopedModelSerializer, StateLabelMixin
from ..routing import Route
from .assignments import AssignmentSerializer


class ConclusionSerializer(ScopedModelSerializer):
    class Meta:
        model = Conclusion
        fields = ["petition", "text"]


class ResultNoticeSerializer(StateLabelMixin, ScopedModelSerializer):
    # A notice concludes several cases: each reader gets the parts their scope holds,
    # as the notice's form shows them (a denunciation's conclusion stays hidden).
    conclusions = serializers.SerializerMethodField()
    assignments = serializers.SerializerMethodField()
    # The correction chain: the notice this one replaces, the one replacing it (a draft
    # until the Chairman signs it; this one is in force until then), each named only to
    # a reader the notice rule lets see it.
    replaces = serializers.SerializerMethodField()
    replaced_by = serializers.SerializerMethodField()

    class Meta:
        model = ResultNotice
        fields = [
            "id",
            "number",
            "issued_date",
            "session",
            "state",
            "state_label",
            "signer_name",
            "signer_title",
            "recipients",
            "replaces",
            "replaced_by",
            "conclusions",
            "assignments",
        ]
        read_only_fields = ["state"]

    def _seen(self, notice) -> int | None:
        user = self._user()
        if notice is None or user is None or not rule_for(ResultNotice).can_view(user, notice):
            return None
        return notice.pk

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_replaces(self, obj) -> int | None:
        return self._seen(obj.replaces)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_replaced_by(self, obj) -> int | None:
        return self._seen(getattr(obj, "replaced_by", None))

    def _user(self):
        request = self.context.get("request")
        return request.user if request else None

    @extend_schema_field(ConclusionSerializer(many=True))
    def get_conclusions(self, obj) -> list[dict]:
        user = self._user()
        if user is None:
            return []
        visible = rule_for(Petition).queryset(user).values("pk")
        rows = obj.conclusions.filter(petition__in=visible).order_by("pk")
        return ConclusionSerializer(rows, many=True, context=self.context).data

    @extend_schema_field(AssignmentSerializer(many=True))
    def get_assignments(self, obj) -> list[dict]:
        user = self._user()
        if user is None:
            return []
        rows = rule_for(Assignment).queryset(user, obj.assignments.select_related("agency"))
        return AssignmentSerializer(rows.order_by("pk"), many=True, context=self.context).data


class ResultNoticeViewSet(WorkflowActions, WritableRuleViewSet):
    queryset = ResultNotice.objects.select_related("replaces", "replaced_by").order_by(
        "-issued_date", "-id"
    )
    serializer_class = ResultNoticeSerializer

    def create_document(self, notice, serializer):
        return draft_result_notice(notice, by=self.request.user)

    @extend_schema(request=None, responses={201: ResultNoticeSerializer})
    @action(detail=True, methods=["post"])
    def replacement(self, request, pk=None):
        """Draft the notice replacing this issued one (a copy of it to correct): an
        issued notice is never edited. 409 when it has a replacement or is not in force."""
        notice = self.get_object()
        if not rule_for(ResultNotice).can_add(request.user):
            raise PermissionDenied()
        try:
            draft = draft_replacement(notice, by=request.user)
        except ValidationError as exc:
            with translation.override("vi"):
                message = exc.message % (exc.params or {})
                return refused(exc.code, str(message), status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(draft).data, status=status.HTTP_201_CREATED)


ROUTES = [Route("result-notices", ResultNoticeViewSet, basename="resultnotice")]

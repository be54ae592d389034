"""`result-notices`: each notice with the conclusions and tasks the reader's scope
holds."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...access.rules import rule_for
from ...doctype.petition.models import Petition
from ...doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from ...doctype.result_notice.services import draft_result_notice
from ..base import WorkflowActions, WritableRuleViewSet
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
            "conclusions",
            "assignments",
        ]
        read_only_fields = ["state"]

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
    queryset = ResultNotice.objects.order_by("-issued_date", "-id")
    serializer_class = ResultNoticeSerializer

    def create_document(self, notice, serializer):
        return draft_result_notice(notice, by=self.request.user)


ROUTES = [Route("result-notices", ResultNoticeViewSet, basename="resultnotice")]

"""`assignments`: the tasks a result notice gives agencies; the Board gives them in a
notice it may still edit, the agency then writes only its report."""

from django.db.models import Prefetch
from rest_framework import serializers

from ...doctype.agency.models import Agency
from ...doctype.result_notice.models import Assignment
from ...doctype.result_notice.services import assign_task
from ..base import WorkflowActions, WritableRuleViewSet, check_may_change
from ..fields import ScopedModelSerializer, StateLabelMixin
from ..routing import Route


class AssignmentSerializer(StateLabelMixin, ScopedModelSerializer):
    agency_code = serializers.CharField(source="agency.code", read_only=True)

    # Once given, a task is the notice's: the agency writes its report, nothing else.
    REPORT_FIELDS = frozenset({"done_on", "report"})

    class Meta:
        model = Assignment
        fields = [
            "id",
            "notice",
            "petition",
            "agency",
            "agency_code",
            "task",
            "deadline",
            "working_days",
            "state",
            "state_label",
            "done_on",
            "report",
        ]
        read_only_fields = ["state"]

    def validate(self, attrs):
        if self.instance is not None:
            fixed = [
                name
                for name, value in attrs.items()
                if name not in self.REPORT_FIELDS and getattr(self.instance, name) != value
            ]
            if fixed:
                raise serializers.ValidationError(
                    {name: ["Không sửa được sau khi đã giao nhiệm vụ."] for name in fixed}
                )
        return attrs


class AssignmentViewSet(WorkflowActions, WritableRuleViewSet):
    # The agencies' codes in a query of their own, not joined: with the join MariaDB
    # starts from the agencies and sorts every task by deadline before it takes a page
    # (200 ms on 300 000 tasks); alone, the tasks are read in the deadline index's order.
    queryset = Assignment.objects.prefetch_related(
        Prefetch("agency", queryset=Agency.objects.only("id", "code"))
    ).order_by("deadline", "id")
    serializer_class = AssignmentSerializer

    def create_document(self, assignment, serializer):
        # A task is given in a notice the user may still edit (a draft, for the Board).
        check_may_change(self.request, assignment.notice)
        return assign_task(assignment, by=self.request.user)


ROUTES = [Route("assignments", AssignmentViewSet, basename="assignment")]

"""`proposals`: a commune's or district's proposal that the Chairman hear a case online
(scheme III.2.2, V.1.3). A commune or district officer proposes a case of their area;
the Board accepts or declines it at .../{id}/actions/ (the reason with the step)."""

from rest_framework import serializers

from ...doctype.case_proposal.models import CaseProposal
from ...doctype.case_proposal.services import propose_case
from ..base import WorkflowActions, WritableRuleViewSet
from ..fields import ScopedModelSerializer, StateLabelMixin
from ..routing import Route


class ProposalSerializer(StateLabelMixin, ScopedModelSerializer):
    registration_number = serializers.CharField(
        source="petition.registration_number", read_only=True
    )

    class Meta:
        model = CaseProposal
        fields = [
            "id",
            "petition",
            "registration_number",
            "proposing_unit",
            "proposing_agency",
            "ground",
            "details",
            "letter",
            "state",
            "state_label",
            "decline_reason",
            "proposed_at",
        ]
        # The proposing unit is the officer's own (the service fills it in); the
        # decision is a step, never an edit.
        read_only_fields = ["proposing_unit", "proposing_agency", "state", "decline_reason"]

    def validate(self, attrs):
        if self.instance is not None and "petition" in attrs:
            if attrs["petition"] != self.instance.petition:
                raise serializers.ValidationError(
                    {"petition": ["Không đổi được vụ việc của một đề xuất đã gửi."]}
                )
        return attrs


class ProposalViewSet(WorkflowActions, WritableRuleViewSet):
    queryset = CaseProposal.objects.select_related("petition").order_by("-proposed_at", "-id")
    serializer_class = ProposalSerializer

    def create_document(self, proposal, serializer):
        return propose_case(proposal, by=self.request.user)


ROUTES = [Route("proposals", ProposalViewSet, basename="proposal")]

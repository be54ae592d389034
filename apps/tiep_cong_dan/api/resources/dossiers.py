"""`dossiers`: what each agency concerned hands the Board before a hearing (scheme
V.1.2, V.1.3). They are opened by the Chairman's approval of a session, never created
here; the agency writes its briefing (PATCH) and attaches its files
(.../{id}/attachments/), then submits it, and the Board accepts or returns it, at
.../{id}/actions/."""

from rest_framework import mixins, serializers

from ...doctype.hearing_dossier.models import HearingDossier
from ...doctype.hearing_dossier.services import BRIEFING, write_briefing
from ..base import RuleViewSet, WorkflowActions
from ..fields import ScopedModelSerializer, StateLabelMixin
from ..routing import Route


class DossierSerializer(StateLabelMixin, ScopedModelSerializer):
    registration_number = serializers.CharField(
        source="petition.registration_number", read_only=True
    )
    agency_code = serializers.CharField(source="agency.code", read_only=True)
    late = serializers.BooleanField(read_only=True)

    class Meta:
        model = HearingDossier
        fields = [
            "id",
            "session",
            "agenda_item",
            "petition",
            "registration_number",
            "agency",
            "agency_code",
            "due_date",
            *BRIEFING,
            "state",
            "state_label",
            "submitted_at",
            "late",
            "return_reason",
        ]
        # Only the briefing is written here; the rest is the approval's and the steps'.
        read_only_fields = [
            "session",
            "agenda_item",
            "petition",
            "agency",
            "state",
            "submitted_at",
            "return_reason",
        ]


class DossierViewSet(
    WorkflowActions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    queryset = HearingDossier.objects.select_related("petition", "agency").order_by(
        "due_date", "id"
    )
    serializer_class = DossierSerializer
    http_method_names = ["get", "patch", "post", "delete", "head", "options"]

    def perform_update(self, serializer):
        # RulePermission has asked the dossier's rule (its own agency, while open).
        serializer.instance = write_briefing(
            serializer.instance, dict(serializer.validated_data), by=self.request.user
        )


ROUTES = [Route("dossiers", DossierViewSet, basename="dossier")]

"""`requests`: online requests sent on the public site, read by those the type's rule
lets (the Board and the Chairman's side; a denouncer's identity masked from the roles
not cleared, every shown identity logged as in the desk), decided by the Board through
their steps at .../{id}/actions/: `decline` (the reason is the step's comment, told to
the citizen) and `convert` (the identity check's place with the step, its result as
the comment). Nobody creates or edits one here: citizens send them on the public
site, and the state moves only by the steps."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers

from ... import workflow
from ...access.confidential import MASK, log_confidential_access
from ...access.models import AccessKind
from ...doctype.petition.constants import PetitionKind
from ...doctype.reception_request.constants import IdentityCheckPlace, RequestState
from ...doctype.reception_request.models import ReceptionRequest, RequestAttachment
from ...doctype.reception_request.permissions import IDENTITY_FIELDS
from ..base import ActionSerializer, RuleViewSet, WorkflowActions
from ..fields import ScopedModelSerializer, StateLabelMixin
from ..filters import RequestFilter
from ..routing import Route

CONVERT = "convert"


class RequestFileSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = RequestAttachment
        fields = ["id", "original_name", "size", "url"]

    def get_url(self, row) -> str:
        # Served through core/files.py, which asks the request's rule again.
        return row.file.url


class RequestSerializer(StateLabelMixin, ScopedModelSerializer):
    identity_masked = serializers.SerializerMethodField()
    attachments = RequestFileSerializer(many=True, read_only=True)

    class Meta:
        model = ReceptionRequest
        fields = [
            "id",
            "number",
            "state",
            "state_label",
            "submitted_at",
            "phone_confirmed_at",
            "kind",
            "full_name",
            "id_kind",
            "id_number",
            "phone",
            "email",
            "address",
            "residence_unit",
            "former_unit",
            "summary",
            "content",
            "group_size",
            "representatives",
            "bridge_choice",
            "bridge_point",
            "consent_online",
            "consent_personal_data",
            "consent_notice",
            "identity_protection_waived",
            "identity_check_place",
            "identity_check_note",
            "decline_reason",
            "petition",
            "decided_at",
            "decided_by",
            "anonymised_at",
            "attachments",
            "identity_masked",
        ]
        read_only_fields = fields

    def get_identity_masked(self, obj) -> bool:
        return bool(self.masked_for(obj))

    def to_representation(self, obj):
        data = super().to_representation(obj)
        for name in self.masked_for(obj):  # the same fields the desk hides
            if name in data:
                data[name] = [] if name == "attachments" else str(MASK)
        return data


class RequestActionSerializer(ActionSerializer):
    """A request's step; `convert` carries where the identity papers were checked."""

    identity_check_place = serializers.ChoiceField(
        choices=IdentityCheckPlace.choices,
        required=False,
        help_text="with convert: where the identity papers were checked (Decree 154 "
        "Art. 12(1), 21(4)); the check's result is the step's comment",
    )

    def validate(self, data):
        if "identity_check_place" in data and data["action"] != CONVERT:
            raise serializers.ValidationError(
                {"identity_check_place": ["Chỉ ghi cùng bước “convert” (chuyển thành đơn)."]}
            )
        if data["action"] == CONVERT and "identity_check_place" not in data:
            raise serializers.ValidationError(
                {
                    "identity_check_place": [
                        "Cho biết nơi kiểm tra giấy tờ tùy thân (commune_point hoặc board_office)."
                    ]
                }
            )
        return data


@extend_schema_view(actions=extend_schema(methods=["POST"], request=RequestActionSerializer))
class RequestViewSet(
    WorkflowActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, RuleViewSet
):
    queryset = ReceptionRequest.objects.prefetch_related("attachments").order_by("-year", "-seq")
    serializer_class = RequestSerializer
    action_serializer = RequestActionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = RequestFilter

    def step_changes(self, data: dict) -> dict:
        if data["action"] == CONVERT:
            return {"identity_check_place": data["identity_check_place"]}
        return {}

    def take_step(self, doc, data: dict, user):
        if doc.state == RequestState.SUBMITTED:
            return super().take_step(doc, data, user)
        # Nothing to record with a step the engine refuses (a decided request): its
        # own reason answers, not a check of the data it would have recorded.
        return workflow.apply(
            doc,
            data["action"],
            by=user,
            comment=data["comment"],
            expected_state=data["expected_state"] or None,
        )

    def _log_identities(self, rows: list[dict]) -> None:
        """Every sender shown is a personal-data read, a denouncer's a confidential one."""
        shown = [r for r in rows if not r["identity_masked"]]
        for kind, denunciation in ((AccessKind.CONFIDENTIAL, True), (AccessKind.PERSONAL, False)):
            ids = [
                r["id"] for r in shown if (r["kind"] == PetitionKind.DENUNCIATION) is denunciation
            ]
            if ids:
                log_confidential_access(
                    self.request,
                    object_type="reception_request",
                    object_ids=ids,
                    fields=IDENTITY_FIELDS,
                    kind=kind,
                )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self._log_identities(response.data.get("results", []))
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self._log_identities([response.data])
        return response


ROUTES = [Route("requests", RequestViewSet, basename="receptionrequest")]

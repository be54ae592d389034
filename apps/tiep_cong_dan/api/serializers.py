"""What the API shows of each document type: plain fields, codes for units and agencies,
the workflow state with its name; a denouncer's identity masked for those not cleared,
exactly as in the desk (the petition rule's masked_fields)."""

from rest_framework import serializers

from ..access.confidential import MASK
from ..access.rules import rule_for
from ..doctype.bridge_point.models import BridgePoint
from ..doctype.citizen.models import Citizen
from ..doctype.petition.models import Petition
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from ..workflow.loader import definition


class StateLabelMixin(serializers.Serializer):
    state_label = serializers.SerializerMethodField()

    def get_state_label(self, obj) -> str:
        from ..workflow.bindings import doctype_of

        return definition(doctype_of(obj)).label_of(obj.state)


class CitizenSerializer(serializers.ModelSerializer):
    residence_unit_code = serializers.CharField(source="residence_unit.code", read_only=True)

    class Meta:
        model = Citizen
        fields = [
            "id",
            "full_name",
            "date_of_birth",
            "gender",
            "id_kind",
            "id_number",
            "id_issued_on",
            "phone",
            "email",
            "address",
            "residence_unit",
            "residence_unit_code",
            "contact_consent",
        ]


class PetitionSerializer(StateLabelMixin, serializers.ModelSerializer):
    citizen_name = serializers.SerializerMethodField()
    identity_masked = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id",
            "registration_number",
            "received_date",
            "channel",
            "kind",
            "state",
            "state_label",
            "citizen",
            "citizen_name",
            "identity_masked",
            "summary",
            "content",
            "people_concerned",
            "group_size",
            "residence_unit",
            "matter_unit",
            "earlier_handling",
            "jurisdiction",
            "eligibility_basis",
            "citizen_consent",
            "urgent",
            "acceptance_deadline",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "registration_number",
            "state",
            "residence_unit",
            "acceptance_deadline",
            "created_at",
            "updated_at",
        ]

    def _masked(self, obj) -> bool:
        request = self.context.get("request")
        return bool(request and rule_for(Petition).masked_fields(request.user, obj))

    def get_identity_masked(self, obj) -> bool:
        return self._masked(obj)

    def get_citizen_name(self, obj) -> str:
        return str(MASK) if self._masked(obj) else obj.citizen.full_name

    def to_representation(self, obj):
        data = super().to_representation(obj)
        if self._masked(obj):  # the same fields the desk hides
            data["citizen"] = None
            data["content"] = str(MASK)
        return data


class AgendaItemSerializer(serializers.ModelSerializer):
    registration_number = serializers.CharField(source="petition.registration_number")
    bridge_point_code = serializers.CharField(source="bridge_point.code", default=None)

    class Meta:
        model = AgendaItem
        fields = [
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


class SessionSerializer(StateLabelMixin, serializers.ModelSerializer):
    agenda = serializers.SerializerMethodField()

    class Meta:
        model = ReceptionSession
        fields = [
            "id",
            "kind",
            "date",
            "start_time",
            "end_time",
            "state",
            "state_label",
            "presiding_official",
            "conference_platform",
            "conference_alias",
            "recording_reference",
            "agenda",
        ]

    def get_agenda(self, obj) -> list[dict]:
        request = self.context.get("request")
        items = obj.agenda_items.select_related("petition", "bridge_point").order_by("position")
        if request is not None:  # the cases this user may see, as on the agenda board
            items = items.filter(petition__in=rule_for(Petition).queryset(request.user))
        return AgendaItemSerializer(items, many=True).data


class BridgePointSerializer(serializers.ModelSerializer):
    class Meta:
        model = BridgePoint
        fields = [
            "id",
            "code",
            "name",
            "level",
            "unit",
            "platform",
            "dial_address",
            "capacity",
            "active",
        ]


class ConclusionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conclusion
        fields = ["petition", "text"]


class AssignmentSerializer(StateLabelMixin, serializers.ModelSerializer):
    agency_code = serializers.CharField(source="agency.code", read_only=True)

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


class ResultNoticeSerializer(StateLabelMixin, serializers.ModelSerializer):
    conclusions = ConclusionSerializer(many=True, read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True)

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
            "conclusions",
            "assignments",
        ]


class ActionSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=40)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    expected_state = serializers.CharField(required=False, allow_blank=True, default="")

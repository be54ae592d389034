"""What the API shows of each document type: plain fields, codes for units and agencies,
the workflow state with its name; a denouncer's identity masked for those not cleared,
exactly as in the desk (the petition rule's masked_fields)."""

from django.db import models
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..access.confidential import MASK
from ..access.rules import rule_for, rule_or_none
from ..core.fields import LongTextField, ShortTextField
from ..core.validators import BRIEF_TEXT, SHORT_TEXT, normalise_text
from ..doctype.bridge_point.models import BridgePoint, ConnectionTest
from ..doctype.citizen.constants import RECORD_FIELDS
from ..doctype.citizen.models import Citizen
from ..doctype.petition.constants import AcceptanceOutcome, RefusalGround
from ..doctype.petition.models import Petition
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from ..workflow.loader import definition


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A link to another document the user may see: one outside their scope is "not
    found", as in a read, so a write cannot probe for what exists."""

    def get_queryset(self):
        qs = super().get_queryset()
        request = self.context.get("request")
        return rule_for(qs.model).queryset(request.user, qs) if request else qs.none()


@extend_schema_field(
    {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", "example": "14:00"}
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in the province (Asia/Ho_Chi_Minh), "HH:MM[:SS]". The schema says
    so: JSON Schema's "time" format would demand a UTC offset the times do not carry."""


class PlainTextField(serializers.CharField):
    """Typed text as the desk keeps it (core/validators.py `normalise_text`), measured
    after normalising against the model field's limit."""

    multiline = False
    default_error_messages = {
        "max_length": gettext_lazy("Enter at most {max_length} characters."),
    }

    def to_internal_value(self, data):
        return normalise_text(super().to_internal_value(data), multiline=self.multiline)


class PlainMultilineField(PlainTextField):
    multiline = True


class ScopedModelSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedRelatedField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.TimeField: LocalTimeField,
        ShortTextField: PlainTextField,
        LongTextField: PlainMultilineField,
    }

    def to_representation(self, obj):
        # What the type's rule masks from this reader is replaced here, as it is
        # absent from the desk's form (a session's room secrets for those who do not
        # run it): text by the mask, anything else by null.
        data = super().to_representation(obj)
        request = self.context.get("request")
        rule = rule_or_none(type(obj))
        if request is not None and rule is not None:
            for name in rule.masked_fields(request.user, obj) & set(data):
                text = isinstance(self.fields[name], serializers.CharField)
                data[name] = str(MASK) if text else None
        return data


class StateLabelMixin(serializers.Serializer):
    state_label = serializers.SerializerMethodField()

    def get_state_label(self, obj) -> str:
        from ..workflow.bindings import doctype_of

        # The loader checks the stored revision on each call: once per response is enough.
        doctype = doctype_of(obj)
        loaded = self.context.setdefault("_workflow_definitions", {})
        if doctype not in loaded:
            loaded[doctype] = definition(doctype)
        return loaded[doctype].label_of(obj.state)


class CitizenSerializer(ScopedModelSerializer):
    residence_unit_code = serializers.CharField(source="residence_unit.code", read_only=True)

    class Meta:
        model = Citizen
        fields = ["id", *RECORD_FIELDS, "residence_unit_code", "contact_consent"]


class PetitionSerializer(StateLabelMixin, ScopedModelSerializer):
    citizen_name = serializers.SerializerMethodField()
    identity_masked = serializers.SerializerMethodField()
    acceptance_notice_late = serializers.BooleanField(
        read_only=True, help_text="the Art. 28 notice was given after its 10 working days"
    )
    refusal_notice_late = serializers.BooleanField(
        read_only=True, help_text="form 01/TCD was issued after its 3 working days"
    )

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
            "identity_protection_requested",
            "complex_case",
            "confidentiality_ensured",
            "urgent",
            "acceptance_deadline",
            "acceptance_outcome",
            "acceptance_notified_on",
            "acceptance_notice_late",
            "refusal_ground",
            "refusal_explained_by",
            "refusal_explained_on",
            "refusal_notice_due",
            "refusal_notice_number",
            "refusal_notice_date",
            "refusal_notice_late",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "registration_number",
            "state",
            "residence_unit",
            "acceptance_deadline",
            "acceptance_outcome",
            "acceptance_notified_on",
            "refusal_notice_due",
            "created_at",
            "updated_at",
        ]

    def to_internal_value(self, data):
        # The Art. 28 notice is a recorded step (who told the citizen what, and when),
        # not a field to edit: say so rather than take it and drop it.
        recorded = [name for name in STEP_FIELDS if name in getattr(data, "keys", list)()]
        if recorded:
            raise serializers.ValidationError({name: [ART28_BY_STEP] for name in recorded})
        return super().to_internal_value(data)

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
        items = getattr(obj, "visible_agenda", None)  # prefetched by the view for lists
        if items is None:
            request = self.context.get("request")
            items = visible_agenda(request.user if request else None).filter(session=obj)
        return AgendaItemSerializer(items, many=True).data


def visible_agenda(user):
    """Agenda items of the cases this user may see, as on the agenda board."""
    items = AgendaItem.objects.select_related("petition", "bridge_point").order_by("position")
    if user is None:
        return items.none()
    rule = rule_for(Petition)
    if rule.sees_all(user):
        return items  # a subquery over every petition would only slow the read
    return items.filter(petition__in=rule.queryset(user))


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


class ConclusionSerializer(ScopedModelSerializer):
    class Meta:
        model = Conclusion
        fields = ["petition", "text"]


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


class ActionSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=40)
    comment = PlainMultilineField(
        max_length=SHORT_TEXT, required=False, allow_blank=True, default=""
    )
    expected_state = serializers.CharField(required=False, allow_blank=True, default="")


# What the citizen was told under Law Art. 28, recorded with the step that tells them.
STEP_FIELDS = ("acceptance_outcome", "acceptance_notified_on")
# What a refusal records with its step, whatever the state it is taken from.
REFUSAL_STEP_FIELDS = ("refusal_ground", "refusal_explained_by", "refusal_explained_on")
ART28_BY_STEP = (
    "Kết quả thông báo thụ lý (Điều 28 Luật Tiếp công dân) được ghi cùng bước "
    "“notify_acceptance”, không sửa trực tiếp: POST /api/v1/petitions/{id}/actions/ với "
    '{"action": "notify_acceptance", "acceptance_outcome": "accepted"} (accepted, '
    "extended, rejected; transferred kèm transferred_to và transfer_letter)."
)


class PetitionActionSerializer(ActionSerializer):
    """A petition's step; the Art. 28 notice carries what the citizen was told."""

    acceptance_outcome = serializers.ChoiceField(
        choices=[c for c in AcceptanceOutcome.choices if c[0]],
        required=False,
        help_text="with notify_acceptance: what the citizen is told (Law Art. 28)",
    )
    transferred_to = serializers.IntegerField(
        required=False, help_text="with a transferred outcome: the receiving agency's id"
    )
    transfer_letter = serializers.CharField(
        required=False, max_length=120, help_text="with a transferred outcome: its letter"
    )
    acceptance_notified_on = serializers.DateField(
        required=False,
        help_text="with notify_acceptance: the day the citizen was told (default today)",
    )
    refusal_ground = serializers.ChoiceField(
        choices=[c for c in RefusalGround.choices if c[0]],
        required=False,
        help_text="with refuse: the ground (Law Art. 9, Decree 154 Art. 4(1))",
    )
    refusal_explained_by = PlainTextField(
        required=False,
        max_length=120,
        help_text="with refuse: who explained the reason in person (Decree 154 Art. 4(2))",
    )
    refusal_explained_on = serializers.DateField(
        required=False, help_text="with refuse: the day the reason was explained in person"
    )

    def validate(self, data):
        carried = (
            "acceptance_outcome",
            "transferred_to",
            "transfer_letter",
            "acceptance_notified_on",
        )
        given = [n for n in carried if n in data]
        if given and data["action"] != "notify_acceptance":
            raise serializers.ValidationError(
                {n: ["Chỉ ghi cùng bước “notify_acceptance” (Điều 28)."] for n in given}
            )
        given = [n for n in REFUSAL_STEP_FIELDS if n in data]
        if given and data["action"] != "refuse":
            raise serializers.ValidationError(
                {n: ["Chỉ ghi cùng bước “refuse” (Điều 4 Nghị định 154)."] for n in given}
            )
        if data["action"] == "notify_acceptance" and "acceptance_outcome" not in data:
            raise serializers.ValidationError(
                {"acceptance_outcome": ["Cho biết đã thông báo cho công dân nội dung gì."]}
            )
        return data


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


class RetireSerializer(serializers.Serializer):
    on = serializers.DateField(required=False)
    reason = PlainTextField(max_length=255)

    def validate_on(self, value):
        # The point leaves service now: a later date would misstate when it did.
        from django.utils import timezone

        if value > timezone.localdate():
            raise serializers.ValidationError("Ngày ngừng sử dụng không được sau hôm nay.")
        return value


class SpecialSessionSerializer(serializers.Serializer):
    """A session of its own for one approved case (ad hoc or at the central board's
    request), with its agenda, as the desk's "Tiếp đột xuất" does."""

    petition = ScopedRelatedField(queryset=Petition.objects.all())
    date = serializers.DateField()
    ground = serializers.CharField(required=False, allow_blank=True, default="")
    central = serializers.BooleanField(required=False, default=False)
    start = LocalTimeField(required=False, allow_null=True, default=None)

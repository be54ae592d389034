"""`petitions`: registered cases, filtered; a denouncer's identity masked as in the desk
and every cleared reading logged; the Law Art. 28 notice and a refusal's explanation
recorded with their steps."""

from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from ...access.confidential import MASK, log_confidential_access
from ...access.rules import rule_for
from ...doctype.agency.models import Agency
from ...doctype.citizen.personal_data import log_people_shown
from ...doctype.petition.constants import AcceptanceOutcome, RefusalGround
from ...doctype.petition.duplicate_desk import log_matches_shown, shown_matches
from ...doctype.petition.duplicates import confirmation_note, likely_duplicates
from ...doctype.petition.models import Petition
from ...doctype.petition.papers import add_paper, may_add_papers, may_read_papers, remove_paper
from ...doctype.petition.permissions import IDENTITY_FIELDS
from ...doctype.petition.related import related_cases, resolved_repeat
from ...doctype.petition.related_desk import log_related_shown, shown_related
from ...doctype.petition.services import (
    NOTIFY_ACCEPTANCE,
    VOID_DUPLICATE,
    record_acceptance_notice,
    register_petition,
    update_petition,
    validate_group,
    void_as_duplicate,
)
from ..attachments import FileStore
from ..base import ActionSerializer, WorkflowActions, WritableRuleViewSet
from ..fields import PlainTextField, ScopedModelSerializer, StateLabelMixin
from ..filters import PetitionFilter
from ..routing import Route

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


class PetitionSerializer(StateLabelMixin, ScopedModelSerializer):
    citizen_name = serializers.SerializerMethodField()
    identity_masked = serializers.SerializerMethodField()
    acceptance_notice_late = serializers.BooleanField(
        read_only=True, help_text="the Art. 28 notice was given after its 10 working days"
    )
    refusal_notice_late = serializers.BooleanField(
        read_only=True, help_text="form 01/TCD was issued after its 3 working days"
    )
    register_anyway = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="on create: register although likely duplicates were found (HTTP 409 "
        "possible_duplicate lists them)",
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
            "duplicate_of",
            "same_matter_as",
            "refusal_cites",
            "register_anyway",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "duplicate_of",
            "same_matter_as",
            "refusal_cites",
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
        return bool(self.masked_for(obj))  # the petition rule's, asked once per row

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
    duplicate_of = serializers.IntegerField(
        required=False,
        help_text="with void_duplicate: the id of the petition this one duplicates",
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
        if "duplicate_of" in data and data["action"] != VOID_DUPLICATE:
            raise serializers.ValidationError(
                {"duplicate_of": ["Chỉ ghi cùng bước “void_duplicate” (hủy do trùng đơn)."]}
            )
        if data["action"] == VOID_DUPLICATE and "duplicate_of" not in data:
            raise serializers.ValidationError(
                {"duplicate_of": ["Cho biết đơn này trùng với đơn nào (id của đơn gốc)."]}
            )
        if data["action"] == "notify_acceptance" and "acceptance_outcome" not in data:
            raise serializers.ValidationError(
                {"acceptance_outcome": ["Cho biết đã thông báo cho công dân nội dung gì."]}
            )
        return data


class PetitionPapers(FileStore):
    """A petition's files are its own papers (those its receipt 02/TCD lists), kept
    by the petition's form: read by those who read it (a denunciation's scans by the
    cleared only), added and removed by those who may edit it in its state."""

    def may_read(self, user, doc) -> bool:
        return may_read_papers(user, doc)

    def may_attach(self, user, doc) -> bool:
        return may_add_papers(user, doc)

    def may_remove(self, user, row, doc) -> bool:
        return may_add_papers(user, doc)

    def removable(self, user, doc):
        allowed = may_add_papers(user, doc)
        return lambda row: allowed

    def rows(self, doc):
        return doc.attachments.order_by("uploaded_at", "pk")

    def attach(self, doc, *, title, file, by):
        return add_paper(doc, title=title, file=file, by=by)

    def remove(self, row, *, by) -> None:
        remove_paper(row, by=by)


class RelatedCaseSerializer(serializers.Serializer):
    """A related case as GET /petitions/{id}/related/ gives it (related.py)."""

    id = serializers.IntegerField()
    registration_number = serializers.CharField()
    received_date = serializers.DateField()
    kind = serializers.CharField(help_text="The kind's label.")
    state = serializers.CharField(help_text="The state's label.")
    petitioner = serializers.CharField()
    summary = serializers.CharField()
    reasons = serializers.ListField(
        child=serializers.ChoiceField(
            choices=["same_citizen", "same_representative", "same_place", "similar_content"]
        )
    )
    reason_labels = serializers.ListField(child=serializers.CharField())
    content_similarity = serializers.IntegerField(help_text="0..100")
    closing_document = serializers.CharField(
        help_text="The Result Notice, reply letter, refusal notice or transfer that closed "
        "the case (number and date), empty if none."
    )
    resolved = serializers.BooleanField()
    repeats_resolved = serializers.BooleanField(
        help_text="The same citizen's resolved case on this content: the Law on Citizen "
        "Reception Art. 9(3) refusal may cite it."
    )
    url = serializers.CharField()


class RelatedCasesSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    refusal_may_cite = serializers.IntegerField(
        allow_null=True, help_text="The id of the resolved case a refusal may cite, or null."
    )
    results = RelatedCaseSerializer(many=True)


@extend_schema_view(actions=extend_schema(methods=["POST"], request=PetitionActionSerializer))
class PetitionViewSet(WorkflowActions, WritableRuleViewSet):
    file_store = PetitionPapers()
    queryset = Petition.objects.select_related("citizen").order_by(
        "-registration_year", "-registration_seq"
    )
    serializer_class = PetitionSerializer
    action_serializer = PetitionActionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PetitionFilter

    # The list's parameters an index of each scope branch serves (besides the page),
    # and the search the rule may read along its branches (`searched_branches`).
    BRANCH_PARAMETERS = frozenset({"page", "state", "search"})

    def scope_branches(self):
        """A unit or agency officer's list as the desk reads it (api/pagination.py): the
        rule's branches and the filtered rows before the scope, or None (another reader,
        a search not read along the branches, or a filter no branch's index serves)."""
        params = self.request.query_params
        if self.action != "list" or set(params) - self.BRANCH_PARAMETERS:
            return None
        rule, user = rule_for(Petition), self.request.user
        term = params.get("search", "").strip()
        branches = rule.searched_branches(user, term) if term else rule.scope_branches(user)
        if branches is None or list(self.queryset.query.order_by) != list(branches.order):
            return None
        return branches, self.filter_queryset(Petition.objects.order_by(*branches.order))

    def step_changes(self, data: dict) -> dict:
        changes = {n: data[n] for n in REFUSAL_STEP_FIELDS if n in data}
        changes.update({n: data[n] for n in ("acceptance_outcome", "transfer_letter") if n in data})
        if "transferred_to" in data:
            agency = Agency.objects.filter(pk=data["transferred_to"]).first()
            if agency is None:
                raise ValidationError({"transferred_to": ["Không có cơ quan này."]})
            changes["transferred_to"] = agency
        return changes

    def take_step(self, doc, data: dict, user):
        if data["action"] == VOID_DUPLICATE:
            original = self.get_queryset().filter(pk=data["duplicate_of"]).first()
            if original is None:  # as for a petition that does not exist
                raise NotFound()
            return void_as_duplicate(
                doc,
                original=original,
                reason=data["comment"],
                by=user,
                expected_state=data["expected_state"] or None,
            )
        if data["action"] != NOTIFY_ACCEPTANCE:
            return super().take_step(doc, data, user)
        # The Art. 28 notice is recorded in every state, through its service.
        changes = self.step_changes(data)
        return record_acceptance_notice(
            doc,
            outcome=changes["acceptance_outcome"],
            notified_on=data.get("acceptance_notified_on"),
            transferred_to=changes.get("transferred_to"),
            transfer_letter=changes.get("transfer_letter"),
            by=user,
            comment=data["comment"],
            expected_state=data["expected_state"] or None,
        )

    def _log_identities(self, petitions) -> None:
        """A cleared user reading denouncers' identities is logged, as in the desk."""
        shown = [p.pk for p in petitions if p.is_denunciation]
        if shown and rule_for(Petition).identity_visible(self.request.user, petitions[0]):
            log_confidential_access(
                self.request, object_type="petition", object_ids=shown, fields=IDENTITY_FIELDS
            )

    def list(self, request, *args, **kwargs):
        # A district's cases searched by a common name are read as the desk reads them.
        term = request.query_params.get("search", "")
        with rule_for(Petition).search_plan(request.user, term):
            response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", [])
        shown = {row["id"] for row in rows if not row["identity_masked"]}
        page = getattr(self.paginator, "page", None)  # the rows the page already read
        self._log_identities([p for p in (page.object_list if page else []) if p.pk in shown])
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        petition = self.get_object()
        if petition.is_denunciation:
            if not response.data["identity_masked"]:
                self._log_identities([petition])
        else:  # a case read in full shows its petitioner: a personal-data read
            log_people_shown(request, [(petition.citizen_id, petition)], fields={"full_name"})
        return response

    @extend_schema(responses=RelatedCasesSerializer)
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def related(self, request, pk=None):
        """Earlier and open cases of the same citizen, representatives, place or
        content, as the caller may see them (a denunciation's only for those cleared
        for its identity), each with its reasons and the document that closed it."""
        petition = self.get_object()
        found = related_cases(petition, request.user)
        rows = shown_related(found, request.user)
        log_related_shown(request, rows)
        repeat = resolved_repeat(found)
        results = [
            {
                "id": row["pk"],
                "registration_number": row["number"],
                "received_date": row["received"].isoformat(),
                "kind": row["kind"],
                "state": row["state"],
                "petitioner": row["petitioner"],
                "summary": row["summary"],
                "reasons": row["reason_codes"],
                "reason_labels": row["reasons"],
                "content_similarity": row["score"],
                "closing_document": row["closing_document"],
                "resolved": row["resolved"],
                "repeats_resolved": row["repeats_resolved"],
                "url": reverse("petition-detail", args=[row["pk"]]),
            }
            for row in rows
        ]
        return Response(
            {
                "count": len(results),
                "refusal_may_cite": repeat.petition.pk if repeat else None,
                "results": results,
            }
        )

    @extend_schema(
        responses={
            201: PetitionSerializer,
            409: OpenApiResponse(
                description="possible_duplicate: the likely duplicates the caller may see "
                "(same ID number, same name and address, similar content within 90 days); "
                'send again with "register_anyway": true to register all the same'
            ),
        }
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        anyway = serializer.validated_data.pop("register_anyway", False)
        fields = {
            k: v
            for k, v in serializer.validated_data.items()
            if not Petition._meta.get_field(k).many_to_many
        }
        matches = likely_duplicates(Petition(**fields), request.user)
        if matches and not anyway:
            rows = [self._duplicate_row(row) for row in shown_matches(matches, request.user)]
            log_matches_shown(request, rows)
            return Response(
                {
                    "code": "possible_duplicate",
                    "message": (
                        f"Đơn này có thể đã được đăng ký: {len(rows)} đơn có thể trùng "
                        "(cùng số giấy tờ, cùng họ tên và địa chỉ, hoặc nội dung tương tự "
                        "trong 90 ngày). Đối chiếu từng đơn; nếu đúng là đơn mới, gửi lại "
                        'với "register_anyway": true.'
                    ),
                    "duplicates": [
                        {k: v for k, v in row.items() if k not in ("pk", "denunciation_shown")}
                        for row in rows
                    ],
                },
                status=status.HTTP_409_CONFLICT,
            )
        self._confirmed_note = confirmation_note(Petition(**fields), matches) if matches else ""
        self.perform_create(serializer)
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    def _duplicate_row(self, row: dict) -> dict:
        return {
            "id": row["pk"],
            "registration_number": row["number"],
            "received_date": row["received"].isoformat(),
            "kind": row["kind"],
            "state": row["state"],
            "petitioner": row["petitioner"],
            "summary": row["summary"],
            "reasons": row["reasons"],
            "content_similarity": row["similarity"],
            "url": reverse("petition-detail", args=[row["pk"]]),
            "desk_url": row["url"],
            "denunciation_shown": row["denunciation_shown"],
            "pk": row["pk"],
        }

    def create_document(self, petition, serializer):
        return register_petition(
            petition,
            by=self.request.user,
            confirmed_note=getattr(self, "_confirmed_note", ""),
        )

    def perform_update(self, serializer):
        petition, data = serializer.instance, serializer.validated_data
        for field, value in data.items():
            setattr(petition, field, value)
        if "group_size" in data:  # the representatives are named in the desk (Law Art. 29)
            validate_group(data["group_size"], petition.representatives.count())
        serializer.instance = update_petition(petition, by=self.request.user, fields=list(data))


ROUTES = [Route("petitions", PetitionViewSet, basename="petition")]

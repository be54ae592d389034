"""What every resource's viewset builds on: the type's rule as the queryset and the
permission, creation through the type's service, edits through the one save path, the
workflow's steps at .../{id}/actions/, and on every record its comments
(.../{id}/comments/, api/comments.py) and attached files (.../{id}/attachments/,
api/attachments.py), so no resource can forget them."""

from django.db import transaction
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .. import workflow
from ..access.rules import rule_for
from ..core.records import save_changes
from ..core.validators import SHORT_TEXT
from ..workflow.desk import refusal_text
from .attachments import AttachmentsEndpoints
from .comments import CommentsEndpoints
from .errors import refused
from .fields import PlainMultilineField
from .permissions import RulePermission


class ActionSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=40)
    comment = PlainMultilineField(
        max_length=SHORT_TEXT, required=False, allow_blank=True, default=""
    )
    expected_state = serializers.CharField(required=False, allow_blank=True, default="")
    pin = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        write_only=True,
        max_length=64,
        trim_whitespace=False,
        help_text="The PIN of the signing token or remote signing service, for a step that "
        "signs the document (never stored).",
    )


def check_may_change(request, doc) -> None:
    """A step on a document's parts needs the right to edit the document itself."""
    if not rule_for(type(doc)).can_change(request.user, doc):
        raise PermissionDenied()


class RuleViewSet(CommentsEndpoints, AttachmentsEndpoints, viewsets.GenericViewSet):
    permission_classes = [RulePermission]

    def get_queryset(self):
        return rule_for(self.queryset.model).queryset(self.request.user, self.queryset.all())


class WritableRuleViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    RuleViewSet,
):
    """List, read, create (through the type's service) and update."""

    def create_document(self, obj, serializer):
        raise NotImplementedError

    @transaction.atomic
    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        links = {
            name: data.pop(name)
            for name in list(data)
            if self.queryset.model._meta.get_field(name).many_to_many
        }
        serializer.instance = self.create_document(self.queryset.model(**data), serializer)
        for name, value in links.items():
            getattr(serializer.instance, name).set(value)

    def perform_update(self, serializer):
        """Edits go through the one save path every type shares (validated whole,
        attributed in the history, atomic)."""
        serializer.instance = save_changes(
            serializer.instance, serializer.validated_data, by=self.request.user
        )


class WorkflowActions:
    """GET .../{id}/actions/: the steps this user may take now (and why not the others);
    POST {"action", "comment", "expected_state"}: take one, through the engine. A type
    whose steps carry data (a petition's Art. 28 notice) names its own serializer and
    the fields it records with the step."""

    action_serializer = ActionSerializer

    def step_changes(self, data: dict) -> dict:
        """Fields recorded with the step, saved in its transaction."""
        return {}

    def take_step(self, doc, data: dict, user):
        changes = self.step_changes(data)
        with transaction.atomic():  # the data and its step together, or neither
            if changes:
                doc = save_changes(doc, changes, by=user)
            return workflow.apply(
                doc,
                data["action"],
                by=user,
                comment=data["comment"],
                expected_state=data["expected_state"] or None,
                data={"pin": data.get("pin") or None},
            )

    @extend_schema(
        methods=["GET"],
        filters=False,  # one document's actions: the list's filters do not apply
        responses=inline_serializer(
            "ActionOption",
            {
                "action": serializers.CharField(),
                "label": serializers.CharField(),
                "allowed": serializers.BooleanField(),
                "reasons": serializers.ListField(child=serializers.CharField()),
            },
            many=True,
        ),
    )
    @extend_schema(
        methods=["POST"],
        request=ActionSerializer,
        responses=inline_serializer(
            "ActionResult",
            {
                "event": serializers.IntegerField(),
                "state": serializers.CharField(),
                "document": serializers.DictField(help_text="the document after the step"),
            },
        ),
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def actions(self, request, pk=None):
        doc = self.get_object()
        if request.method == "GET":
            return Response(
                [
                    {
                        "action": o.transition.action,
                        "label": o.transition.label,
                        "allowed": o.allowed,
                        "reasons": [str(r) for r in o.reasons],
                    }
                    for o in workflow.options(request.user, doc)
                ]
            )
        data = self.action_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            event = self.take_step(doc, data.validated_data, request.user)
        except workflow.TransitionRefused as exc:
            return refused(exc.code, str(refusal_text(exc)))
        doc = self.get_queryset().get(pk=doc.pk)  # as the step left it, parts included
        return Response(
            {"event": event.pk, "state": doc.state, "document": self.get_serializer(doc).data}
        )

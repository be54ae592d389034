"""What every resource's serializers share: links scoped by the rule, local times, text
kept as the desk keeps it, the rule's masking of each row and the workflow state's name.
A denouncer's identity is masked for those not cleared, exactly as in the desk (the
petition rule's masked_fields)."""

from django.db import models
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..access.confidential import MASK
from ..access.rules import rule_for, rule_or_none
from ..core.fields import LongTextField, ShortTextField
from ..core.validators import normalise_text
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

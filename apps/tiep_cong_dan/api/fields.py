"""What every resource's serializers share: links scoped by the rule, local times, text
kept as the desk keeps it, the rule's masking of each row and the workflow state's name.
A denouncer's identity is masked for those not cleared, exactly as in the desk (the
petition rule's masked_fields)."""

import copy
from operator import attrgetter

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

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


_BUILT_FIELDS: dict[type, dict] = {}


class ScopedModelSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedRelatedField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.TimeField: LocalTimeField,
        ShortTextField: PlainTextField,
        LongTextField: PlainMultilineField,
    }

    def get_fields(self) -> dict:
        # ModelSerializer works the fields out from the model's metadata for each
        # serializer made (each request): the same every time for a class, so worked
        # out once and copied, as DRF copies the declared fields.
        built = _BUILT_FIELDS.get(type(self))
        if built is None:
            built = _BUILT_FIELDS[type(self)] = super().get_fields()
        return copy.deepcopy(built)

    def masked_for(self, obj) -> frozenset:
        """What the type's rule masks from this reader in `obj`, asked once per row
        (the row's method fields ask it too)."""
        row = self.__dict__.get("_masked_row")
        if row is not None and row[0] is obj:
            return row[1]
        request = self.context.get("request")
        rule = rule_or_none(type(obj))
        masked = (
            frozenset(rule.masked_fields(request.user, obj))
            if request is not None and rule is not None
            else frozenset()
        )
        self.__dict__["_masked_row"] = (obj, masked)
        return masked

    def _reading_plan(self) -> list:
        """(field, getter) per readable field, worked out once for all the rows: a
        model column is read straight from the row (DRF's generic `get_attribute`
        walks the source path and, for a link, wraps its key in an object, each row,
        each field); anything else goes DRF's way (getter None)."""
        plan = self.__dict__.get("_plan")
        if plan is None:
            model = self.Meta.model
            plan = [(field, _direct_getter(field, model)) for field in self._readable_fields]
            self.__dict__["_plan"] = plan
        return plan

    def to_representation(self, obj):
        # DRF's Serializer.to_representation, with the plan's direct reads.
        masked = self.masked_for(obj)
        data = {}
        for field, getter in self._reading_plan():
            if getter is not None:
                value = getter(obj)
                if value is None:
                    data[field.field_name] = None
                elif getter.key_only:
                    data[field.field_name] = value
                else:
                    data[field.field_name] = field.to_representation(value)
                continue
            try:
                attribute = field.get_attribute(obj)
            except SkipField:
                continue
            check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            data[field.field_name] = None if check is None else field.to_representation(attribute)
        # What the type's rule masks from this reader is replaced here, as it is
        # absent from the desk's form (a session's room secrets for those who do not
        # run it): text by the mask, anything else by null.
        for name in masked & data.keys():
            text = isinstance(self.fields[name], serializers.CharField)
            data[name] = str(MASK) if text else None
        return data


class _Getter:
    __slots__ = ("read", "key_only")

    def __init__(self, attname: str, key_only: bool) -> None:
        self.read = attrgetter(attname)
        self.key_only = key_only  # a link's key, given as it is (DRF: value.pk)

    def __call__(self, obj):
        return self.read(obj)


def _direct_getter(field, model) -> _Getter | None:
    """A direct read of the model column `field` shows, when DRF's own reading would
    give the same value: a plain column, or a link shown by its key."""
    if len(field.source_attrs) != 1:
        return None
    try:
        column = model._meta.get_field(field.source_attrs[0])
    except FieldDoesNotExist:
        return None
    if not column.concrete or column.many_to_many:
        return None
    if isinstance(field, serializers.PrimaryKeyRelatedField):
        plain_link = (
            column.many_to_one
            and field.pk_field is None
            and type(field).get_attribute is serializers.PrimaryKeyRelatedField.get_attribute
            and type(field).to_representation
            is serializers.PrimaryKeyRelatedField.to_representation
            and field.use_pk_only_optimization()
        )
        return _Getter(column.attname, key_only=True) if plain_link else None
    if column.is_relation or type(field).get_attribute is not serializers.Field.get_attribute:
        return None
    return _Getter(column.attname, key_only=False)


class StateLabelMixin(serializers.Serializer):
    state_label = serializers.SerializerMethodField()

    def get_state_label(self, obj) -> str:
        from ..workflow.bindings import doctype_of

        # The loader checks the stored revision on each call: once per response is enough
        # (kept on the serializer, which serves every row of the response).
        loaded = self.__dict__.setdefault("_workflow_definitions", {})
        declaration = loaded.get(type(obj))
        if declaration is None:
            declaration = loaded[type(obj)] = definition(doctype_of(obj))
        return declaration.label_of(obj.state)

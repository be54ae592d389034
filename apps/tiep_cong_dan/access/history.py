"""A document's change history in words: each changed field by its label, a yes/no
as "Có"/"Không", a choice by its name ("Chủ tịch UBND tỉnh", not "chairman"), an
empty value as "—", and no "None" where no reason was given."""

from django.db import models
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

EMPTY = "—"


def shown_value(field, value):
    """A stored value as the form would show it."""
    if value is None or value == "":
        return EMPTY
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if getattr(field, "choices", None) and not isinstance(value, list):
        return dict(field.flatchoices).get(value, value)
    return value


class WordedHistory(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return shown_value(self.model._meta.get_field(change.field), value)


class WordedHistoryMixin:
    """Mix into a SimpleHistoryAdmin."""

    def get_historical_record_context_helper(self, request, historical_record):
        return WordedHistory(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        for record in historical_records:
            if record.history_change_reason is None:
                record.history_change_reason = ""  # shown as nothing, not "None"
        return super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)

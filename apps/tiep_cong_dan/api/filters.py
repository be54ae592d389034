"""The API lists' filters, declared once with django-filter: the query and the
published schema (drf-spectacular reads the same declaration) cannot disagree, and a
malformed value is a 400 naming the parameter."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..access.rules import rule_for
from ..doctype.petition.constants import PetitionKind, PetitionState
from ..doctype.petition.models import Petition
from ..doctype.reception_request.constants import RequestState
from ..doctype.reception_request.models import ReceptionRequest

# An API date is ISO 8601 only, whatever the desk's language accepts ("03-04-2026"
# would be read one way in Hanoi and another elsewhere).
ISO_DATE = ["%Y-%m-%d"]


class PetitionFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=PetitionState.choices, label=_("state (code)"))
    kind = django_filters.ChoiceFilter(choices=PetitionKind.choices, label=_("kind of petition"))
    received_from = django_filters.DateFilter(
        field_name="received_date",
        lookup_expr="gte",
        input_formats=ISO_DATE,
        label=_("received on or after"),
    )
    received_to = django_filters.DateFilter(
        field_name="received_date",
        lookup_expr="lte",
        input_formats=ISO_DATE,
        label=_("received on or before"),
    )
    search = django_filters.CharFilter(
        method="search_by_rule", label=_("registration number, name or ID number")
    )

    class Meta:
        model = Petition
        fields = ["state", "kind", "received_from", "received_to", "search"]

    def search_by_rule(self, queryset, name: str, value: str):
        """The rule's own search: a masked identity is never searched for a viewer
        who may not see it."""
        return rule_for(Petition).search(self.request.user, queryset, value)


class RequestFilter(django_filters.FilterSet):
    """Online requests: the Board's queue is `state=submitted`."""

    state = django_filters.ChoiceFilter(
        choices=[c for c in RequestState.choices if c[0] != RequestState.AWAITING_PHONE],
        label=_("state (code)"),
    )
    kind = django_filters.ChoiceFilter(choices=PetitionKind.choices, label=_("kind of petition"))

    class Meta:
        model = ReceptionRequest
        fields = ["state", "kind"]

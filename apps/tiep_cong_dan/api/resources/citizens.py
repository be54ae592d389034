"""`citizens`: petitioners' records; every read of one is a personal-data read, logged."""

from rest_framework import serializers

from ...doctype.citizen.constants import RECORD_FIELDS
from ...doctype.citizen.models import Citizen
from ...doctype.citizen.personal_data import PERSONAL_FIELDS, log_people_shown
from ...doctype.citizen.services import id_number_kept_unique, record_citizen
from ..base import WritableRuleViewSet
from ..fields import ScopedModelSerializer
from ..routing import Route


class CitizenSerializer(ScopedModelSerializer):
    residence_unit_code = serializers.CharField(source="residence_unit.code", read_only=True)

    class Meta:
        model = Citizen
        fields = ["id", *RECORD_FIELDS, "residence_unit_code", "contact_consent"]


class CitizenViewSet(WritableRuleViewSet):
    queryset = Citizen.objects.select_related("residence_unit").order_by("full_name", "id")
    serializer_class = CitizenSerializer

    def create_document(self, citizen, serializer):
        return record_citizen(citizen, by=self.request.user)

    def perform_update(self, serializer):
        with id_number_kept_unique():
            super().perform_update(serializer)

    # Every citizen row shows ID number, phone and birth date: each read is logged, as
    # the desk's citizen list and page are.
    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", [])
        log_people_shown(request, [(r["id"], None) for r in rows], fields=PERSONAL_FIELDS)
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        log_people_shown(request, [(response.data["id"], None)], fields=PERSONAL_FIELDS)
        return response


ROUTES = [Route("citizens", CitizenViewSet, basename="citizen")]

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.confidential import log_confidential_access
from ...access.desk import RuleAdmin
from ..petition.models import Petition
from .models import Citizen
from .permissions import IDENTITY_FIELDS


class PetitionsOfCitizenInline(TabularInline):
    model = Petition
    fk_name = "citizen"
    extra = 0
    fields = ["registration_number", "received_date", "kind", "summary", "state"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    verbose_name_plural = Petition._meta.verbose_name_plural

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        from ...access.rules import rule_for

        return rule_for(Petition).queryset(request.user, super().get_queryset(request))


@admin.register(Citizen)
class CitizenAdmin(RuleAdmin):
    list_display = ["full_name", "id_number", "phone", "residence_unit", "date_of_birth"]
    list_filter = ["gender", "id_kind", "contact_consent"]
    search_fields = ["full_name", "=id_number", "=phone"]
    list_select_related = ["residence_unit", "residence_unit__parent"]
    autocomplete_fields = ["residence_unit"]
    inlines = [PetitionsOfCitizenInline]

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["full_name", ("date_of_birth", "gender")]}),
            (_("Identity paper"), {"fields": [("id_kind", "id_number", "id_issued_on")]}),
            (
                _("Residence and contact"),
                {"fields": ["address", "residence_unit", ("phone", "email"), "contact_consent"]},
            ),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and self.rule.is_denouncer(obj):
            log_confidential_access(
                request, object_type="citizen", object_ids=[obj.pk], fields=IDENTITY_FIELDS
            )
        return response

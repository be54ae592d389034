from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline

from ...access.desk import RuleAdmin
from ...access.export import export_csv, export_excel, field_columns
from ..petition.models import Petition
from .constants import RECORD_FIELDS
from .duplicates import name_the_holder
from .models import Citizen
from .personal_data import (
    PERSONAL_FIELDS,
    LogsPeopleExported,
    log_denouncers_shown,
    log_people_shown,
)
from .services import id_number_kept_unique, record_citizen


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

    def has_view_permission(self, request, obj=None):
        from ...access.rules import rule_for

        return rule_for(Petition).can_view(request.user)  # the rule, not Django's perms

    def get_queryset(self, request):
        from ...access.roles import IDENTITY_CLEARED, roles_of
        from ...access.rules import rule_for
        from ..petition.constants import PetitionKind

        petitions = rule_for(Petition).queryset(request.user, super().get_queryset(request))
        if not roles_of(request.user) & IDENTITY_CLEARED:
            # A denunciation listed under its denouncer would say who denounced.
            petitions = petitions.exclude(kind=PetitionKind.DENUNCIATION)
        return petitions


@admin.register(Citizen)
class CitizenAdmin(LogsPeopleExported, RuleAdmin):
    list_display = ["full_name", "id_number", "phone", "residence_unit", "date_of_birth"]
    list_filter = ["gender", "id_kind", "contact_consent"]
    group_by_fields = ("residence_unit", "gender")
    search_fields = ["full_name", "=id_number", "=phone"]
    list_select_related = ["residence_unit", "residence_unit__parent"]
    autocomplete_fields = ["residence_unit"]
    inlines = [PetitionsOfCitizenInline]
    readonly_fields = ["anonymised_at"]
    actions = [export_excel, export_csv]
    export_columns = field_columns(Citizen, *RECORD_FIELDS)
    # Each exported file is a read of all these people's personal data.
    export_people = staticmethod(lambda c: [(c.pk, None)])
    export_personal_fields = PERSONAL_FIELDS

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["full_name", ("date_of_birth", "gender")]}),
            (
                _("Identity paper"),
                {"fields": [("id_kind", "id_number"), ("id_issued_on", "id_issued_by")]},
            ),
            (
                _("Residence and contact"),
                {"fields": ["address", "residence_unit", ("phone", "email"), "contact_consent"]},
            ),
        ]
        if obj is not None and obj.anonymised_at:
            fieldsets.append((_("Retention"), {"fields": ["anonymised_at"]}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class CitizenForm(form):
            def _post_clean(self):
                super()._post_clean()
                # The paper's holder is named (and linked) when the user may see them.
                name_the_holder(self, request)

        return CitizenForm

    # -- writes go through the service ------------------------------------------------
    def save_model(self, request, obj, form, change):
        if not change:
            record_citizen(obj, by=request.user)
            return
        with id_number_kept_unique():
            super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The form checked the ID number; a record saved by someone else in the
        # meantime is refused by the database, and said so in the form's words.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    # -- the access log: a denouncer's identity or, for anyone else, personal data ----
    def log_suggestions_shown(self, request, citizens) -> None:
        # A picker names people (and their birth year) like a list: only the
        # denouncers among them are logged.
        people = [(c.pk, None) for c in citizens]
        log_denouncers_shown(request, people, fields={"full_name", "date_of_birth"})

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # Unlike the lists that show only names, this one shows ID numbers, phones and
        # birth dates: one entry per page shown, naming its rows. An action answering
        # with a file shows no page (the export logs its own read).
        cl = (getattr(response, "context_data", None) or {}).get("cl")
        if response.status_code == 200 and cl is not None:
            shown = PERSONAL_FIELDS & set(self.get_list_display(request))
            log_people_shown(request, [(c.pk, None) for c in cl.result_list], fields=shown)
        return response

    def _log_record_shown(self, request, object_id, response):
        # A saved form answers with a redirect: only a page that shows the record counts.
        obj = self.get_object(request, object_id) if response.status_code == 200 else None
        if obj is not None:
            log_people_shown(request, [(obj.pk, None)], fields=PERSONAL_FIELDS)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._log_record_shown(request, object_id, response)

    def history_view(self, request, object_id, extra_context=None):
        # The list of versions shows each change's old and new values.
        response = super().history_view(request, object_id, extra_context)
        return self._log_record_shown(request, object_id, response)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # An earlier version shows the same fields as the form.
        response = super().history_form_view(request, object_id, version_id, extra_context)
        return self._log_record_shown(request, object_id, response)

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from unfold.admin import TabularInline
from unfold.contrib.filters.admin import (
    AutocompleteSelectMultipleFilter,
    RangeDateFilter,
)
from unfold.widgets import SELECT_CLASSES

from ...access.confidential import MASK, log_confidential_access
from ...access.desk import RuleAdmin, RuleInlineMixin, without_fields
from ...access.export import export_csv, export_excel
from ...access.rules import rule_for
from ...workflow.desk import WorkflowAdminMixin
from ...workflow.loader import definition
from ..citizen.personal_data import (
    SHOWN_ON_PETITION,
    LogsPeopleExported,
    log_people_shown,
    people_of,
)
from .constants import PetitionKind
from .desk import acceptance_notice_view, may_record_acceptance_notice
from .duplicate_desk import (
    DuplicateCheckForm,
    duplicate_links,
    log_matches_shown,
    may_void_duplicates,
    void_duplicate_view,
)
from .filters import AcceptanceDeadlineFilter, RefusalNoticeFilter
from .lookup_code import may_issue_lookup_code
from .lookup_desk import REISSUE_URL, hold_for_page, reissue_view, take_for_page
from .models import Petition, PetitionAttachment, PetitionRepresentative
from .permissions import IDENTITY_FIELDS
from .related_desk import cite_resolved_view, panel_context, same_matter_view
from .services import (
    NOTIFY_ACCEPTANCE,
    VOID_DUPLICATE,
    channel_guidance,
    link_same_matter,
    register_petition,
    set_agencies_concerned,
    update_petition,
    validate_group,
)


class RepresentativeFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        validate_group(self.instance.group_size or 1, len(self.representatives()))

    def representatives(self) -> list[PetitionRepresentative]:
        """The rows the form will keep, unsaved."""
        return [
            PetitionRepresentative(
                citizen=f.cleaned_data["citizen"],
                appointment_paper=f.cleaned_data.get("appointment_paper", ""),
            )
            for f in self.forms
            if f.cleaned_data.get("citizen") and not f.cleaned_data.get("DELETE")
        ]


class RepresentativeInline(RuleInlineMixin, TabularInline):
    model = PetitionRepresentative
    formset = RepresentativeFormSet
    extra = 0
    autocomplete_fields = ["citizen"]
    fields = ["citizen", "appointment_paper"]


class AttachmentInline(RuleInlineMixin, TabularInline):
    model = PetitionAttachment
    extra = 0
    fields = ["title", "file", "pages", "condition", "original_name", "size", "uploaded_at"]
    readonly_fields = ["original_name", "size", "uploaded_at"]


class MatterUnitFilter(AutocompleteSelectMultipleFilter):
    title = _("unit where the matter arises")


class AgencyFilter(AutocompleteSelectMultipleFilter):
    title = _("agencies concerned")


def _petitioner_as_seen(petition, user) -> str:
    from ...access.confidential import MASK

    if rule_for(Petition).identity_visible(user, petition):
        return petition.citizen.full_name
    return str(MASK)


def _timeliness(late: bool, overdue: bool, given: bool) -> str:
    if late:
        return str(_("Given late"))
    if overdue:
        return str(_("Overdue, not yet given"))
    return str(_("Given on time")) if given else "—"


ART_20_4_FIELDS = frozenset({"complex_case", "confidentiality_ensured"})


@admin.register(Petition)
class PetitionAdmin(LogsPeopleExported, WorkflowAdminMixin, RuleAdmin):
    workflow_bulk_actions = ("classify", "propose", "endorse", "approve", "admit_in_person")
    actions = [export_excel, export_csv]
    # Buttons above the list: attached by the imports and exports (access/attach.py).
    # The exported columns, as the list shows them (a denouncer masked the same way).
    export_columns = [
        (_("registration number"), lambda p, u: p.registration_number),
        (_("received on"), lambda p, u: p.received_date),
        (_("kind"), lambda p, u: str(p.get_kind_display())),
        (_("state"), lambda p, u: str(p.get_state_display())),
        (_("petitioner"), _petitioner_as_seen),
        (_("residence (administrative unit)"), lambda p, u: str(p.residence_unit or "")),
        (_("summary"), lambda p, u: p.summary),
        (_("number of petitioners"), lambda p, u: p.group_size),
    ]
    # Whose personal data the export carries, and which of it: logged per file.
    export_people = staticmethod(lambda p: [(p.citizen_id, p)])
    export_personal_fields = frozenset({"full_name"})
    list_display = [
        "registration_number",
        "received_date",
        "kind",
        "petitioner",
        "residence_unit",
        "short_summary",
        "group_size",
        "state",
    ]
    list_display_links = ["registration_number"]
    # Columns a user may add to the list ("Cột", access/list_views).
    list_display_optional = (
        "channel",
        "jurisdiction",
        "eligibility_basis",
        "acceptance_deadline",
        "urgent",
        "created_at",
    )
    list_filter = [
        "state",
        AcceptanceDeadlineFilter,
        RefusalNoticeFilter,
        "kind",
        "channel",
        "jurisdiction",
        "eligibility_basis",
        ("received_date", RangeDateFilter),
        ("matter_unit", MatterUnitFilter),
        ("agencies_concerned", AgencyFilter),
    ]
    list_filter_submit = True
    # The list's other views (access/list_modes.py): counts by a column, a month grid.
    group_by_fields = (
        "state",
        "kind",
        "channel",
        "residence_unit",
        "matter_unit",
        "agencies_concerned",
    )
    calendar_date_field = "received_date"
    # A date range finds its rows by petition_received_order, then sorts their keys
    # (access/desk.py RuleChangeList._filtered_by_own_index).
    keys_by_filter_index = ("received_date",)
    list_select_related = ["citizen", "residence_unit", "residence_unit__parent"]
    search_fields = ["registration_number"]  # the rule's search does the real work
    search_help_text = _("Registration number, petitioner's name or ID number")

    class Media:
        # The unit and agency pickers offer first what was in force on the received date.
        js = ["tiep_cong_dan/js/pickers_on_date.js"]

    autocomplete_fields = [
        "citizen",
        "matter_unit",
        "agencies_concerned",
        "proposing_agency",
        "split_from",
        "transferred_to",
        "refusal_cites",
    ]
    readonly_fields = [
        "registration_number",
        "state",
        "residence_unit",
        "registered_by",
        "created_at",
        "petitioner_masked",
        "acceptance_deadline",
        "acceptance_notified_on",
        "acceptance_timeliness",
        "refusal_notice_due",
        "refusal_notice_timeliness",
    ]
    inlines = [RepresentativeInline, AttachmentInline]
    # The likely duplicates of a new registration, inside its form (duplicate_desk.py).
    change_form_before_template = "tiep_cong_dan/petition/duplicates_warning.html"
    # The lookup code just issued, shown once above the form (lookup_desk.py).
    change_form_template = "tiep_cong_dan/petition/change_form.html"

    _fieldsets = [
        (
            None,
            {
                "fields": [
                    "registration_number",
                    ("received_date", "kind"),
                    "channel",
                    "citizen",
                    "residence_unit",
                    "summary",
                    "content",
                    "people_concerned",
                    "group_size",
                ]
            },
        ),
        (
            _("Handling"),
            {
                "fields": [
                    "matter_unit",
                    "agencies_concerned",
                    "earlier_handling",
                    "jurisdiction",
                    "split_from",
                ]
            },
        ),
        (
            _("Online reception"),
            {
                "fields": [
                    "eligibility_basis",
                    "citizen_consent",
                    "chairman_proposal",
                    "proposing_agency",
                    "identity_protection_requested",
                    ("complex_case", "confidentiality_ensured"),
                ]
            },
        ),
        (
            _("Answers to the citizen"),
            {
                "fields": [
                    ("acceptance_deadline", "acceptance_notified_on", "acceptance_timeliness"),
                    "acceptance_outcome",
                    ("transferred_to", "transfer_letter"),
                    "reply_reason",
                    ("reply_letter_number", "reply_letter_date"),
                    ("refusal_ground", "refusal_notice_due"),
                    "refusal_cites",
                    ("refusal_explained_by", "refusal_explained_on"),
                    ("refusal_notice_number", "refusal_notice_date", "refusal_notice_timeliness"),
                ]
            },
        ),
        (_("Registration"), {"fields": [("registered_by", "created_at")]}),
    ]

    # -- registering: the likely duplicates first ------------------------------
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "agencies_concerned":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        # The links carry copies of the case (PetitionAgency), so Django's admin would
        # leave the field out of its forms; it is offered as the other pickers are and
        # written by the service (save_related), never by the form itself.
        using = kwargs.get("using")
        kwargs.setdefault("widget", AutocompleteSelectMultiple(db_field, self.admin_site, using))
        queryset = self.get_field_queryset(using, db_field, request)
        if queryset is not None:
            kwargs.setdefault("queryset", queryset)
        field = db_field.formfield(**kwargs)
        field.widget.attrs["class"] = " ".join(SELECT_CLASSES)
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:  # a new registration: checked against those on file
            kwargs["form"] = type(
                "PetitionAddForm", (DuplicateCheckForm,), {"desk_user": request.user}
            )
        return super().get_form(request, obj, change=change, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form if "adminform" in context else None
        log_matches_shown(request, getattr(form, "duplicates", []))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- masking -----------------------------------------------------------
    def _masked(self, request, obj) -> bool:
        return obj is not None and bool(self.rule.masked_fields(request.user, obj))

    # Decree 154 Art. 20(4)'s switches concern a denunciation only: shown while the form's
    # kind is one (the theme's conditional fields), and left out of a form whose kind
    # the user cannot change when it is not one.
    conditional_fields = {
        field: "typeof kind === 'undefined' || kind === 'denunciation'" for field in ART_20_4_FIELDS
    }

    def get_fieldsets(self, request, obj=None):
        fieldsets = self._identity_fieldsets(request, obj)
        if (
            obj is not None
            and obj.kind != PetitionKind.DENUNCIATION
            and "kind" in self.get_readonly_fields(request, obj)
        ):
            return without_fields(fieldsets, ART_20_4_FIELDS)
        return fieldsets

    def _identity_fieldsets(self, request, obj):
        if not self._masked(request, obj):
            return self._fieldsets
        hidden = IDENTITY_FIELDS
        masked = []
        for title, opts in self._fieldsets:
            fields = []
            for f in opts["fields"]:
                if isinstance(f, tuple):
                    kept = tuple(x for x in f if x not in hidden)
                    if kept:
                        fields.append(kept)
                elif f == "citizen":
                    fields.append("petitioner_masked")
                elif f not in hidden:
                    fields.append(f)
            masked.append((title, {"fields": fields}))
        return masked

    def get_inlines(self, request, obj):
        return [] if self._masked(request, obj) else self.inlines

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # Earlier versions hold the same identity data as the form.
        return super().has_view_history_or_change_history_permission(
            request, obj
        ) and not self._masked(request, obj)

    @admin.display(description=_("registered by"))
    def registered_by(self, obj):
        # A name, not a link: the officer's account page is the administrators'.
        user = obj.created_by
        return (user.get_full_name() or user.username) if user else "—"

    @admin.display(description=_("Art. 28 notice"))
    def acceptance_timeliness(self, obj):
        given = bool(obj.acceptance_notified_on)
        return _timeliness(obj.acceptance_notice_late, obj.acceptance_overdue, given)

    @admin.display(description=_("Refusal notice (form 01/TCD)"))
    def refusal_notice_timeliness(self, obj):
        given = bool(obj.refusal_notice_date)
        return _timeliness(obj.refusal_notice_late, obj.refusal_notice_overdue, given)

    @admin.display(description=_("petitioner"))
    def petitioner_masked(self, obj):
        return MASK

    @admin.display(description=_("petitioner"))
    def petitioner(self, obj):
        # Never rendered: get_list_display swaps in the viewer's own column.
        return MASK

    def get_list_display(self, request):
        # One column object per request: the list compares it with the sortable
        # columns by identity, so a new one on each call would never sort.
        cached = getattr(request, "_tcd_petition_columns", None)
        if cached is not None:
            return cached
        rule, user = self.rule, request.user

        @admin.display(description=_("petitioner"), ordering="citizen__full_name")
        def petitioner(obj):
            return obj.citizen.full_name if rule.identity_visible(user, obj) else MASK

        declared = super().get_list_display(request)
        columns = [petitioner if f == "petitioner" else f for f in declared]
        request._tcd_petition_columns = columns
        return columns

    @admin.display(description=_("summary"))
    def short_summary(self, obj):
        return obj.summary if len(obj.summary) <= 80 else obj.summary[:77] + "…"

    # -- lists: the search is the rule's own (access/search.py) -----------------
    def get_changelist_instance(self, request):
        cl = super().get_changelist_instance(request)
        shown = [
            p.pk
            for p in cl.result_list
            if p.is_denunciation and self.rule.identity_visible(request.user, p)
        ]
        log_confidential_access(
            request, object_type="petition", object_ids=shown, fields={"citizen"}
        )
        return cl

    def _log_people_shown(self, request, object_id) -> None:
        obj = self.get_object(request, object_id)
        if obj is None or self._masked(request, obj):
            return
        if obj.is_denunciation:
            log_confidential_access(
                request, object_type="petition", object_ids=[obj.pk], fields=IDENTITY_FIELDS
            )
        else:
            log_people_shown(request, people_of(obj), fields=SHOWN_ON_PETITION)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._log_people_shown(request, object_id)
        issued = take_for_page(request, object_id) if request.method == "GET" else None
        if issued:
            extra_context = {**(extra_context or {}), "issued_lookup_code": issued}
        obj = self.get_object(request, object_id) if request.method == "GET" else None
        if obj is not None:  # the related cases as this viewer may see them (related.py)
            extra_context = {**(extra_context or {}), "related_panel": panel_context(request, obj)}
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # The list of versions shows each change's old and new values.
        self._log_people_shown(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._log_people_shown(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        from django.urls import path

        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:pk>/acceptance-notice/",
                wrap(lambda request, pk: acceptance_notice_view(self, request, pk)),
                name="tiep_cong_dan_petition_acceptance_notice",
            ),
            path(
                "<path:pk>/lookup-code/",
                wrap(lambda request, pk: reissue_view(self, request, pk)),
                name=REISSUE_URL,
            ),
            path(
                "<path:pk>/same-matter/",
                wrap(lambda request, pk: same_matter_view(self, request, pk)),
                name="tiep_cong_dan_petition_same_matter",
            ),
            path(
                "<path:pk>/cite-resolved/",
                wrap(lambda request, pk: cite_resolved_view(self, request, pk)),
                name="tiep_cong_dan_petition_cite_resolved",
            ),
            path(
                "<path:pk>/void-duplicate/",
                wrap(lambda request, pk: void_duplicate_view(self, request, pk)),
                name="tiep_cong_dan_petition_void_duplicate",
            ),
        ] + super().get_urls()

    def workflow_links(self, request, obj):
        from ..reception_session.models import ReceptionSession

        links = duplicate_links(request.user, obj)
        if may_issue_lookup_code(request.user, obj):
            links.append(("Cấp lại mã tra cứu", reverse(f"admin:{REISSUE_URL}", args=[obj.pk])))
        steps = {t.action for t in definition("petition").transitions_from(obj.state)}
        if VOID_DUPLICATE in steps and may_void_duplicates(request.user):
            url = reverse("admin:tiep_cong_dan_petition_void_duplicate", args=[obj.pk])
            links.append((_("Void as a duplicate of another petition"), url))
        if NOTIFY_ACCEPTANCE in steps and may_record_acceptance_notice(request.user):
            url = reverse("admin:tiep_cong_dan_petition_acceptance_notice", args=[obj.pk])
            links.append((_("Record the acceptance notice"), url))
        if obj.state != "approved" or not rule_for(ReceptionSession).can_add(request.user):
            return links
        url = reverse("admin:tiep_cong_dan_petition_special_session", args=[obj.pk])
        return [*links, (_("Ad hoc or central session"), url)]

    # -- writes go through the services --------------------------------------
    def save_model(self, request, obj, form, change):
        if change:
            update_petition(obj, by=request.user, fields=form.changed_data)
        # A new petition is registered in save_related, with its representatives
        # and agencies, in one service call.

    def save_related(self, request, form, formsets, change):
        if change:
            # The agencies through their service (the figures kept per agency move
            # with them), the rest as the form saves it.
            if "agencies_concerned" in form.changed_data:
                set_agencies_concerned(form.instance, form.cleaned_data["agencies_concerned"])
            form.cleaned_data.pop("agencies_concerned", None)
            return super().save_related(request, form, formsets, change)
        reps = next((fs for fs in formsets if isinstance(fs, RepresentativeFormSet)), None)
        register_petition(
            form.instance,
            by=request.user,
            representatives=reps.representatives() if reps else (),
            agencies=form.cleaned_data.get("agencies_concerned") or (),
            confirmed_note=getattr(form, "confirmed_note", ""),
        )
        matter = getattr(form, "same_matter_case", None)
        if matter is not None:  # "same matter as": one more registration, not a new matter
            link_same_matter(form.instance, matter=matter, by=request.user)
        code = getattr(form.instance, "issued_lookup_code", "")
        if code:  # shown once on the page the desk goes to next
            hold_for_page(request, form.instance.pk, code)
        if reps is not None:  # what the admin's change message reads
            reps.new_objects = list(form.instance.representatives.all())
            reps.changed_objects, reps.deleted_objects = [], []
        guidance = channel_guidance(form.instance.channel)
        if guidance:
            self.message_user(request, guidance, messages.WARNING)
        for formset in formsets:
            if formset is reps:
                continue
            formset.instance = form.instance
            for inline_obj in formset.save(commit=False):
                inline_obj.petition = form.instance
                inline_obj.save()
            for dead in formset.deleted_objects:
                dead.delete()

"""Reading and adjusting the workflows in the desk, and the (read-only) event log.

An edit is checked as a whole (states and transitions together) by the same
`parse_definition` that checks the shipped files; a broken process is refused with
every problem listed, and a valid one takes effect on the next action."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from unfold.admin import StackedInline, TabularInline
from unfold.contrib.filters.admin import RangeDateTimeFilter

from ..access.desk import RuleAdmin, RuleInlineMixin, RuleLogAdmin
from ..access.roles import Role
from . import registry
from .bindings import BINDINGS
from .definition import parse_definition
from .loader import read_file, store
from .models import Workflow, WorkflowEvent, WorkflowState, WorkflowTransition


class NamesField(forms.CharField):
    """A list of names typed as "a, b, c"."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [v.strip() for v in (value or "").replace("\n", ",").split(",") if v.strip()]


def _roles_field(label, required=False):
    return forms.MultipleChoiceField(
        label=label,
        choices=Role.choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


def _choices(registered) -> list[tuple[str, str]]:
    return [(r.name, f"{r.name} — {r.description}") for r in registered]


class StateForm(forms.ModelForm):
    editable_by = _roles_field(_("who may edit the document in this state"))

    class Meta:
        model = WorkflowState
        fields = ["position", "name", "label", "final", "editable_by"]


class TransitionForm(forms.ModelForm):
    sources = NamesField(
        label=_("from states"),
        help_text=_("State codes separated by commas; * means every state that is not final."),
    )
    roles = _roles_field(_("roles allowed"), required=True)
    override_roles = _roles_field(_("roles that may override the rules (logged)"))
    conditions = forms.MultipleChoiceField(
        label=_("rules that must hold"), required=False, widget=forms.CheckboxSelectMultiple
    )
    effects = forms.MultipleChoiceField(
        label=_("effects"), required=False, widget=forms.CheckboxSelectMultiple
    )

    doctype = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conditions"].choices = _choices(registry.conditions_of(self.doctype))
        self.fields["effects"].choices = _choices(registry.effects_of(self.doctype))

    class Meta:
        model = WorkflowTransition
        fields = [
            "position",
            "action",
            "label",
            "sources",
            "target",
            "roles",
            "conditions",
            "effects",
            "comment_required",
            "override_roles",
            "help",
        ]


class TransitionFormSet(BaseInlineFormSet):
    """Validates the whole declaration once both inlines are cleaned."""

    sibling_states = None

    def clean(self):
        super().clean()
        states = self.sibling_states
        if any(self.errors) or states is None or not states.is_valid():
            return
        parent = self.instance
        data = {
            "label": parent.label,
            "initial": parent.initial_state,
            "states": [
                {
                    "name": f.cleaned_data["name"],
                    "label": f.cleaned_data["label"],
                    "final": f.cleaned_data.get("final", False),
                    "editable_by": f.cleaned_data.get("editable_by", []),
                }
                for f in states.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ],
            "transitions": [
                {
                    "action": f.cleaned_data["action"],
                    "label": f.cleaned_data["label"],
                    "from": f.cleaned_data["sources"],
                    "to": f.cleaned_data.get("target") or None,
                    "roles": f.cleaned_data["roles"],
                    "conditions": f.cleaned_data.get("conditions", []),
                    "effects": f.cleaned_data.get("effects", []),
                    "comment_required": f.cleaned_data.get("comment_required", False),
                    "override_roles": f.cleaned_data.get("override_roles", []),
                }
                for f in self.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ],
        }
        try:
            parse_definition(data, doctype=parent.doctype)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc


class StateInline(RuleInlineMixin, TabularInline):
    model = WorkflowState
    form = StateForm
    extra = 0
    tab = True
    ordering = ["position", "id"]


class TransitionInline(RuleInlineMixin, StackedInline):
    model = WorkflowTransition
    form = TransitionForm
    formset = TransitionFormSet
    extra = 0
    tab = True
    ordering = ["position", "id"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A subclass per request: the choices depend on the workflow's document type.
        formset.form = type(
            "TransitionForm", (formset.form,), {"doctype": obj.doctype if obj else ""}
        )
        return formset


def _role_labels(values) -> str:
    return ", ".join(str(Role(v).label) for v in values if v in Role.values) or "—"


def summary_context(obj: Workflow) -> dict:
    states = {s.name: s.label for s in obj.states.all()}
    conditions = {r.name: r.description for r in registry.conditions_of(obj.doctype)}
    effects = {r.name: r.description for r in registry.effects_of(obj.doctype)}
    return {
        "states": [
            {
                "label": s.label,
                "name": s.name,
                "final": s.final,
                "editors": _role_labels(s.editable_by),
            }
            for s in obj.states.all()
        ],
        "transitions": [
            {
                "label": t.label,
                "sources": ", ".join(
                    str(_("any open state")) if x == "*" else states.get(x, x) for x in t.sources
                ),
                "target": states.get(t.target, t.target) if t.target else str(_("(stays)")),
                "roles": _role_labels(t.roles),
                "conditions": [conditions.get(c, c) for c in t.conditions],
                "effects": [effects.get(e, e) for e in t.effects],
                "comment_required": t.comment_required,
                "override": _role_labels(t.override_roles) if t.override_roles else "",
                "help": t.help,
            }
            for t in obj.transitions.all()
        ],
    }


@admin.register(Workflow)
class WorkflowAdmin(RuleAdmin):
    list_display = ["label", "doctype", "initial_state", "revision", "updated_at"]
    readonly_fields = ["doctype", "revision", "source_file", "updated_at", "summary"]
    fields = [
        ("doctype", "revision"),
        "label",
        "initial_state",
        ("source_file", "updated_at"),
        "summary",
    ]
    inlines = [StateInline, TransitionInline]

    def get_inlines(self, request, obj):
        # Readers get the summary; the rows are for those who may edit them.
        return self.inlines if self.rule.can_change(request.user, obj) else []

    @admin.display(description=_("The process as it stands"))
    def summary(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return render_to_string("tiep_cong_dan/workflow/summary.html", summary_context(obj))

    actions = ["reset_to_file"]

    def has_add_permission(self, request, *args) -> bool:
        return False  # one per document type, shipped as a file

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        states = next((f for f in formsets if f.model is WorkflowState), None)
        for formset in formsets:
            if isinstance(formset, TransitionFormSet):
                formset.sibling_states = states
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        # A new revision makes every running process reload the declaration.
        obj.revision += 1
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Reset to the shipped file"))
    def reset_to_file(self, request, queryset):
        if not self.rule.can_change(request.user):
            raise PermissionError
        for wf in queryset:
            store(wf.doctype, read_file(wf.doctype), source_file=f"{wf.doctype}.yaml")
        self.message_user(request, _("Workflows reset to their files."), messages.SUCCESS)


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(RuleLogAdmin):
    list_display = [
        "at",
        "doctype",
        "document",
        "action_label",
        "from_state",
        "to_state",
        "actor",
        "has_override",
    ]
    list_filter = ["doctype", "action", ("at", RangeDateTimeFilter)]
    list_filter_submit = True
    list_select_related = ["actor"]
    search_fields = ["=object_id", "comment"]
    ordering = ["-at", "-id"]

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("document"))
    def document(self, obj):
        from django.urls import reverse
        from django.utils.html import format_html

        model = BINDINGS[obj.doctype].model._meta.model_name
        url = reverse(f"admin:tiep_cong_dan_{model}_change", args=[obj.object_id])
        return format_html('<a href="{}">#{}</a>', url, obj.object_id)

    @admin.display(description=_("override"), boolean=True)
    def has_override(self, obj):
        return bool(obj.overridden)

"""Reading and adjusting the workflows in the desk, and the (read-only) event log.

An edit is checked as a whole (states and transitions together) by the same
`parse_definition` that checks the shipped files; a broken process is refused with
every problem listed, and a valid one takes effect on the next action."""

import yaml
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from unfold.admin import StackedInline, TabularInline
from unfold.contrib.filters.admin import RangeDateTimeFilter
from unfold.widgets import UnfoldAdminTextareaWidget, UnfoldAdminTextInputWidget

from ..access.desk import ReadOnlyMixin, RuleAdmin, RuleInlineMixin, RuleLogAdmin
from ..access.roles import Role
from ..access.rules import rule_for
from . import (
    comments_desk,  # noqa: F401 - installs the comments under every record's form
    notifications,
    registry,
    reservations,
)
from .bindings import BINDINGS
from .definition import parse_definition
from .loader import definition, read_file, store, stored_problems
from .models import Workflow, WorkflowEvent, WorkflowState, WorkflowTransition


class NamesField(forms.CharField):
    """A list of names typed as "a, b, c"."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [v.strip() for v in (value or "").replace("\n", ",").split(",") if v.strip()]


class YamlListField(forms.CharField):
    """A list of entries typed as YAML, the way the shipped files write them."""

    widget = UnfoldAdminTextareaWidget(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            text = yaml.safe_dump(list(value), allow_unicode=True, sort_keys=False)
            return "" if not value else text
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        try:
            data = yaml.safe_load(value or "") or []
        except yaml.YAMLError as exc:
            raise ValidationError(
                _("This is not valid YAML (line %(line)s)."),
                code="invalid_yaml",
                params={"line": getattr(getattr(exc, "problem_mark", None), "line", 0) + 1},
            ) from exc
        if not isinstance(data, list):
            raise ValidationError(_("Write a list: each entry starts with “- ”."), code="not_list")
        return data


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
        widget=UnfoldAdminTextInputWidget(attrs={"size": 60}),
    )
    roles = _roles_field(_("roles allowed"), required=True)
    override_roles = _roles_field(_("roles that may override the rules (logged)"))
    conditions = forms.MultipleChoiceField(
        label=_("rules that must hold"), required=False, widget=forms.CheckboxSelectMultiple
    )
    effects = forms.MultipleChoiceField(
        label=_("effects"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notifications = YamlListField(
        label=_("notifications"),
        required=False,
        help_text=_(
            "Who is told after this step, and what: for example “- to: [board_head]” then "
            "“  message: Đơn {document} chờ đồng chí xem xét.” Roles or the audiences of "
            "this document type; channels among desk, email, sms (all by default)."
        ),
    )

    doctype = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conditions"].choices = _choices(registry.conditions_of(self.doctype))
        self.fields["effects"].choices = _choices(registry.effects_of(self.doctype))

    class Meta:
        model = WorkflowTransition
        help_texts = {
            "target": _("Leave empty for a step that records something and keeps the state.")
        }
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
            "notifications",
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
                    "notify": f.cleaned_data.get("notifications", []),
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


def _told(doctype: str, notification: dict) -> str:
    """A declared notification as the process overview reads it: whom, and what."""
    audiences = {a.name: str(a.description) for a in notifications.audiences_of(doctype)}
    whom = [
        str(Role(t).label) if t in Role.values else audiences.get(t, t)
        for t in notification.get("to") or []
    ]
    return _("Tell %(whom)s: “%(message)s”") % {
        "whom": ", ".join(whom),
        "message": notification.get("message", ""),
    }


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
                "effects": [effects.get(e, e) for e in t.effects]
                + [_told(obj.doctype, n) for n in t.notifications],
                "comment_required": t.comment_required,
                "override": _role_labels(t.override_roles) if t.override_roles else "",
                "help": t.help,
                "reserved": reservations.source_of(obj.doctype, t.action),
            }
            for t in obj.transitions.all()
        ],
    }


@admin.register(Workflow)
class WorkflowAdmin(RuleAdmin):
    list_display = ["label", "document_type", "revision", "updated_at"]
    readonly_fields = ["document_type", "revision", "source_file", "updated_at"]
    fields = [
        ("document_type", "revision"),
        "label",
        "initial_state",
        ("source_file", "updated_at"),
    ]
    inlines = [StateInline, TransitionInline]
    # The process in words, full width under the form.
    change_form_outer_after_template = "tiep_cong_dan/workflow/summary.html"

    def get_inlines(self, request, obj):
        # Readers get the summary; the rows are for those who may edit them.
        return self.inlines if self.rule.can_change(request.user, obj) else []

    @admin.display(description=_("document type"))
    def document_type(self, obj):
        return BINDINGS[obj.doctype].model._meta.verbose_name.capitalize()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None:
            extra_context = {**(extra_context or {}), **summary_context(obj)}
            problems = stored_problems(obj) if request.method == "GET" else []
            if problems:
                messages.warning(
                    request,
                    _(
                        "This process as stored breaks the checks, so the shipped file runs "
                        "instead: %(problems)s Correct it or reset it to the file."
                    )
                    % {"problems": " ".join(problems)},
                )
        response = super().changeform_view(request, object_id, form_url, extra_context)
        # An error in the whole process is shown where the editor looks first, whichever
        # tab the mistake was made on.
        for inline in (getattr(response, "context_data", None) or {}).get(
            "inline_admin_formsets", []
        ):
            for error in inline.formset.non_form_errors():
                messages.error(request, error)
        return response

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


def _load_documents(events) -> dict:
    """The documents of a page of events, one query per document type."""
    wanted: dict[str, set[int]] = {}
    for e in events:
        wanted.setdefault(e.doctype, set()).add(e.object_id)
    found = {}
    for doctype, ids in wanted.items():
        for doc in BINDINGS[doctype].model._default_manager.filter(pk__in=ids):
            found[(doctype, doc.pk)] = doc
    return found


class DocumentTypeFilter(admin.SimpleListFilter):
    title = _("document type")
    parameter_name = "doctype"

    def lookups(self, request, model_admin):
        return [(k, b.model._meta.verbose_name.capitalize()) for k, b in BINDINGS.items()]

    def queryset(self, request, queryset):
        return queryset.filter(doctype=self.value()) if self.value() else queryset


class SourceFilter(admin.SimpleListFilter):
    """Steps taken in the system, or recorded from the registers of past years."""

    title = _("origin")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [("system", _("Taken in the system")), ("records", _("Entered from records"))]

    def queryset(self, request, queryset):
        if self.value() == "records":
            return queryset.filter(from_records__isnull=False)
        if self.value() == "system":
            return queryset.filter(from_records__isnull=True)
        return queryset


def records_note(event) -> str:
    """How an event entered from records says where it came from."""
    source = event.from_records
    who = source.imported_by.get_username() if source.imported_by else _("System")
    return _("Entered from records: %(file)s (SHA-256 %(sum)s…), by %(who)s on %(when)s") % {
        "file": source.file_name,
        "sum": source.checksum[:12],
        "who": who,
        "when": timezone.localtime(source.imported_at).strftime("%d/%m/%Y %H:%M"),
    }


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ReadOnlyMixin, RuleLogAdmin):
    """The log as the Board reads it: documents by their numbers, states by their
    names. Nothing here can change an event."""

    word_search_exempt = (
        "the event log: its own search (a document's number, a comment's words, masked)"
    )

    list_display = [
        "at",
        "document_type",
        "document",
        "action_label",
        "from_to",
        "actor_name",
        "has_override",
    ]
    list_filter = [DocumentTypeFilter, SourceFilter, ("at", RangeDateTimeFilter)]
    list_filter_submit = True
    list_select_related = ["actor", "from_records", "from_records__imported_by"]
    search_fields = ["comment"]
    search_help_text = _("Registration number, result notice number or words of the comment")
    ordering = ["-at", "-id"]
    fields = [
        ("at", "actor_name"),
        ("document_type", "document"),
        ("action_label", "from_to"),
        "comment",
        "overridden_text",
        "snapshot_text",
        "caused_by_text",
        "source_text",
    ]
    readonly_fields = [
        "at",
        "actor_name",
        "document_type",
        "document",
        "action_label",
        "from_to",
        "comment",
        "overridden_text",
        "snapshot_text",
        "caused_by_text",
        "source_text",
    ]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        duplicates = False
        rule = rule_for(WorkflowEvent)
        queryset = queryset.filter(comment__icontains=term)
        if "comment" in rule.masked_paths(request.user):
            # Words hidden from this viewer must not find their event either.
            queryset = queryset.exclude(rule.comments_masked(request.user))
        # The events of a document found by its number, whatever its type declares.
        by_number = Q(pk__in=[])
        for doctype, binding in BINDINGS.items():
            if binding.number_field:
                found = binding.model._default_manager.filter(
                    **{f"{binding.number_field}__icontains": term}
                )
                by_number |= Q(doctype=doctype, object_id__in=found.values("pk"))
        matching = self.get_queryset(request).filter(by_number)
        return (queryset | matching), duplicates

    def get_changelist_instance(self, request):
        cl = super().get_changelist_instance(request)
        # Each row carries its document and its workflow: one query per document type
        # and one per workflow for the page, and nothing kept on the shared admin.
        documents = _load_documents(cl.result_list)
        workflows = {
            doctype: definition(doctype) for doctype in {e.doctype for e in cl.result_list}
        }
        for event in cl.result_list:
            event.loaded_document = documents.get((event.doctype, event.object_id))
            event.loaded_workflow = workflows[event.doctype]
        return cl

    def _document_of(self, obj):
        if hasattr(obj, "loaded_document"):
            return obj.loaded_document
        cache = _load_documents([obj])
        return cache.get((obj.doctype, obj.object_id))

    @admin.display(description=_("document type"))
    def document_type(self, obj):
        return BINDINGS[obj.doctype].model._meta.verbose_name.capitalize()

    @admin.display(description=_("document"))
    def document(self, obj):
        from django.urls import reverse
        from django.utils.html import format_html

        model = BINDINGS[obj.doctype].model._meta.model_name
        url = reverse(f"admin:tiep_cong_dan_{model}_change", args=[obj.object_id])
        doc = self._document_of(obj)
        return format_html('<a href="{}">{}</a>', url, doc if doc is not None else obj.object_id)

    @admin.display(description=_("From → to"))
    def from_to(self, obj):
        wf = getattr(obj, "loaded_workflow", None) or definition(obj.doctype)
        target = wf.label_of(obj.to_state)
        return f"{wf.label_of(obj.from_state)} → {target}" if obj.from_state else target

    @admin.display(description=_("by"))
    def actor_name(self, obj):
        if obj.from_records_id:
            return _("From records")
        return (obj.actor.get_full_name() or obj.actor.username) if obj.actor else _("System")

    @admin.display(description=_("origin"))
    def source_text(self, obj):
        return records_note(obj) if obj.from_records_id else _("Taken in the system")

    @admin.display(description=_("override"))
    def has_override(self, obj):
        # Shown only where it happened: an override is the exception worth seeing.
        return _("Overridden") if obj.overridden else ""

    @admin.display(description=_("rules overridden"))
    def overridden_text(self, obj):
        return "; ".join(obj.overridden) or "—"

    @admin.display(description=_("key fields"))
    def snapshot_text(self, obj):
        from django.utils.html import format_html_join

        model = BINDINGS[obj.doctype].model
        names = {f.attname: f.verbose_name for f in model._meta.concrete_fields}
        return format_html_join(
            "", "<div>{}: {}</div>", ((names.get(k, k), v) for k, v in obj.snapshot.items())
        )

    @admin.display(description=_("caused by"))
    def caused_by_text(self, obj):
        cause = obj.caused_by
        if cause is None:
            return "—"
        doc = self._document_of(cause)
        return f"{cause.action_label} — {doc if doc is not None else cause.object_id}"

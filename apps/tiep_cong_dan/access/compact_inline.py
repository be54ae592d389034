"""Tabular inlines in lean markup, for forms with many rows.

Unfold's tabular row wraps each cell and each widget in about 1.5 KB of utility
classes and gives every foreign key a per-row menu (add, change, view): a session
with 15 hearings and 33 invitations weighed 950 KB and took seconds to render. Here
the rows use the template `tiep_cong_dan/desk/compact_tabular.html` and plain widgets
with one short class; pickers of big tables stay autocompletes (only the chosen
record is rendered), dates and times are the browser's own inputs."""

from django import forms
from django.contrib.admin.widgets import AutocompleteMixin, RelatedFieldWidgetWrapper
from django.db import models
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

LEAN = "tcd-in"


def _attrs(attrs: dict) -> str:
    """Django's `flatatt` (the same text: pairs sorted by name, then the true boolean
    ones), without its per-attribute format_html calls: a form of fifty rows writes
    thousands of attributes."""
    pairs, flags = [], []
    for name, value in attrs.items():
        if isinstance(value, bool):
            if value:
                flags.append(name)
        elif value is not None:
            pairs.append((name, value))
    out = [f' {conditional_escape(n)}="{conditional_escape(v)}"' for n, v in sorted(pairs)]
    out += [f" {conditional_escape(n)}" for n in sorted(flags)]
    return "".join(out)


class FastRender:
    """A plain widget written out in Python, the same markup as Django's widget
    templates: a form of fifty rows renders hundreds of them, each a template."""

    def _render(self, template_name, context, renderer=None):
        w = context["widget"]
        esc = conditional_escape
        if isinstance(self, forms.Select):
            options = "".join(
                f'<option value="{esc(o["value"])}"{_attrs(o["attrs"])}>{esc(o["label"])}</option>'
                for _group, choices, _i in w["optgroups"]
                for o in choices
            )
            select = f'<select name="{esc(w["name"])}"{_attrs(w["attrs"])}>'
            return mark_safe(f"{select}{options}</select>")
        if isinstance(self, forms.Textarea):
            return mark_safe(
                f'<textarea name="{esc(w["name"])}"{_attrs(w["attrs"])}>\r\n'
                f"{esc(w['value'] or '')}</textarea>"
            )
        value = f' value="{esc(w["value"])}"' if w["value"] is not None else ""
        return mark_safe(
            f'<input type="{esc(w["type"])}" name="{esc(w["name"])}"{value}{_attrs(w["attrs"])}>'
        )


# Django's own widget templates this writes out the same way.
PLAIN_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "hidden",
        "checkbox",
        "date",
        "time",
        "datetime",
        "textarea",
        "select",
    )
)
_twins: dict[type, type] = {}


def make_fast(widget: forms.Widget) -> None:
    """Give a plain widget (a picker's select included: only its chosen option is in
    the page) its fast twin; a widget with a template of its own keeps it."""
    cls = type(widget)
    if issubclass(cls, FastRender) or widget.template_name not in PLAIN_TEMPLATES:
        return
    if getattr(widget, "allow_multiple_selected", False) and not isinstance(
        widget, AutocompleteMixin
    ):
        return
    if cls not in _twins:
        _twins[cls] = type(f"Fast{cls.__name__}", (FastRender, cls), {})
    widget.__class__ = _twins[cls]


class CompactTabularMixin:
    """Put before the inline's base class: `class X(CompactTabularMixin, TabularInline)`."""

    template = "tiep_cong_dan/desk/compact_tabular.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return None
        if isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget = formfield.widget.widget  # no add/change menu on each row
        lean = _lean_field(db_field, formfield)
        if lean is not None:
            return lean
        widget = formfield.widget
        if not isinstance(widget, AutocompleteMixin):
            # The theme's widget of the same kind wraps the input in its own markup.
            for base in (forms.CheckboxInput, forms.Select, forms.NumberInput, forms.TextInput):
                if isinstance(widget, base) and widget.template_name.startswith("unfold/"):
                    widget.__class__ = base
                    break
            widget.attrs["class"] = LEAN
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        def add_fields(this, form, index):
            formset.add_fields(this, form, index)
            for field in form.fields.values():  # the row's id, parent and delete box too
                make_fast(field.widget)

        return type(formset.__name__, (formset,), {"add_fields": add_fields})


def _lean_field(db_field, formfield) -> forms.Field | None:
    """A single browser input for dates and times (the admin's split pair and its
    calendar links cost more markup than the rest of the row)."""
    common = {
        "required": formfield.required,
        "label": formfield.label,
        "help_text": formfield.help_text,
    }
    if isinstance(db_field, models.DateTimeField):
        widget = forms.DateTimeInput(
            attrs={"type": "datetime-local", "step": "1", "class": LEAN},
            format="%Y-%m-%dT%H:%M:%S",
        )
        return forms.DateTimeField(widget=widget, **common)
    if isinstance(db_field, models.TimeField):
        # Typed as 14:30 whatever the browser's language (its time picker shows
        # 02:30 PM in an English one).
        attrs = {"class": LEAN, "placeholder": "hh:mm", "inputmode": "numeric", "size": 5}
        widget = forms.TimeInput(attrs=attrs, format="%H:%M")
        return forms.TimeField(widget=widget, **common)
    if isinstance(db_field, models.DateField):
        widget = forms.DateInput(attrs={"type": "date", "class": LEAN}, format="%Y-%m-%d")
        return forms.DateField(widget=widget, **common)
    if isinstance(db_field, models.TextField) or isinstance(formfield.widget, forms.Textarea):
        attrs = {k: v for k, v in formfield.widget.attrs.items() if k != "class"}
        formfield.widget = forms.Textarea(attrs={**attrs, "rows": 1, "class": LEAN})
    return None


def render_rows(inline_admin_formset) -> str:
    """Every row of the inline (and the empty template row unfold's "add" copies), in
    Python: the template language's per-cell lookups cost more than the rows' widgets."""
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext as _

    formset = inline_admin_formset.formset
    deletable = formset.can_delete and inline_admin_formset.has_delete_permission
    may_add = inline_admin_formset.has_add_permission
    forms_ = list(inline_admin_formset)
    shown_columns: dict = {}
    out = []
    for n, admin_form in enumerate(forms_):
        hidden, cells = [], []
        if admin_form.needs_explicit_pk_field():
            hidden.append(str(admin_form.pk_field().field))
        if admin_form.fk_field():
            hidden.append(str(admin_form.fk_field().field))
        for fieldset in admin_form:
            for line in fieldset:
                for name in line.fields:
                    if name in line.readonly_fields:
                        shown = _shown(shown_columns, line, name)
                        cells.append(_cell(shown.field["name"], shown.contents(), ""))
                        continue
                    field = line.form[name]
                    if field.is_hidden:
                        hidden.append(str(field))
                    else:
                        errors = field.errors
                        cells.append(
                            _cell(
                                field.name,
                                field,
                                format_html('<div class="tcd-err">{}</div>', " ".join(errors))
                                if errors
                                else "",
                            )
                        )
        original = admin_form.original is not None
        template_row = not original and not getattr(admin_form, "show_url", False)
        classes = ["form-group", "group/parent"]
        if len(forms_) - n == 2 and may_add:
            classes.append("last")
        classes.append("template" if template_row else "original")
        if n == len(forms_) - 1 and may_add:
            classes.append("empty-form")
        width = len(cells) + 1 + (1 if deletable else 0)
        rows = []
        if admin_form.form.non_field_errors():
            rows.append(
                format_html(
                    '<tr class="row-form-errors"><td colspan="{}" class="tcd-err">{}</td></tr>',
                    width,
                    admin_form.form.non_field_errors(),
                )
            )
        if original:
            rows.append(
                format_html(
                    '<tr class="tcd-ct-title"><td colspan="{}">{}</td></tr>',
                    width,
                    admin_form.original,
                )
            )
        delete = ""
        if deletable:
            if original:
                box = admin_form.deletion_field().field
                box.field.widget.attrs["class"] = "delete"
                delete = format_html(
                    '<td class="delete"><label title="{}"><span class="material-symbols-outlined'
                    ' md-18">delete</span><span hidden>{}</span></label></td>',
                    _("Remove"),
                    box,
                )
            else:
                delete = mark_safe(
                    '<td class="delete"><div class="delete-template"><span class="material-'
                    'symbols-outlined md-18">delete</span></div></td>'
                )
        rows.append(
            format_html(
                '<tr class="form-row">{}{}{}</tr>',
                mark_safe("".join(hidden)),
                mark_safe("".join(cells)),
                delete,
            )
        )
        if original and deletable:
            rows.append(
                format_html(
                    '<tr class="form-delete"><td colspan="{}">{} <label for="{}">{}</label>'
                    "</td></tr>",
                    width,
                    _("This item will be deleted."),
                    admin_form.deletion_field().field.id_for_label,
                    _("Click to cancel"),
                )
            )
        out.append(
            format_html(
                '<tbody class="{}">{}</tbody>',
                " ".join(classes),
                format_html_join("", "{}", ((r,) for r in rows)),
            )
        )
    return mark_safe("".join(out))


def _shown(columns: dict, line, name: str):
    """The read-only column `name` on the row of `line`: the theme's field object of the
    first row, moved from row to row (its label and help are the column's; only its
    form, whose record it shows, changes), not a new one per cell."""
    shown = columns.get(name)
    if shown is None:
        shown = columns[name] = next(f for f in line if f.is_readonly and f.field["field"] == name)
    shown.form = line.form
    return shown


def _cell(name: str, content, errors) -> str:
    from django.utils.html import format_html

    return format_html(
        '<td class="field-{}{}">{}{}</td>', name, " errors" if errors else "", content, errors
    )

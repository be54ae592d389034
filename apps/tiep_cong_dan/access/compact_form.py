"""A form's fieldsets written out in Python, the same markup as the theme's templates.

Unfold draws each field through three or four nested templates (the row, the line, the
field, its help text) and two template tags per line: the session form's two dozen
fields took about a quarter of its time. `render_rows` writes the rows of one
fieldset with the theme's own classes and structure (the page looks and behaves the
same: labels, widgets, help, errors and the theme's scripts are untouched); the
fieldset's frame and heading stay in the template. A fieldset with conditional
fields, a collapsible one or a file shown read-only keeps the theme's templates."""

from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

# The theme's classes (unfold/templatetags/unfold.py and its fieldset_row*.html).
_ROW = "form-row field-row group/row"
_LINE = "field-line flex flex-col grow group group/line px-3 py-2.5"
_COMPRESSED_LINE = (
    " border-b border-base-200 border-dashed min-h-[59px] group-[.last]/row:border-b-0"
    " lg:border-l lg:flex-row lg:items-center dark:border-base-800 lg:first:border-l-0"
)
_COMPRESSED_LABEL = (
    "lg:min-w-56 lg:w-56 lg:h-[38px] lg:flex lg:items-center lg:self-start"
    " lg:leading-[38px] lg:*:m-0"
)
_ERRORS = '<div class="mt-2 text-red-600 text-xs dark:text-red-500">{}</div>'


class TemplateNeeded(Exception):
    """A case the theme's templates handle and this writer does not."""


def fits(adminform, fieldset) -> bool:
    """Whether `render_rows` draws this fieldset (else the theme's template does)."""
    model_admin = adminform.model_admin
    return not getattr(model_admin, "conditional_fields", None) and not fieldset.is_collapsible


def render_rows(adminform, fieldset) -> SafeString:
    compressed = bool(getattr(adminform.model_admin, "compressed_fields", False))
    lines = list(fieldset)
    out = []
    for n, line in enumerate(lines):
        classes = _ROW
        if len(line.fields) > 1:
            classes += f" grid lg:grid-cols-{len(line.fields)}"
        if not line.has_visible_field:
            classes += " hidden"
        if n == len(lines) - 1:
            classes += " last"
        cells = "".join(_line(field, compressed) for field in line)
        out.append(format_html('<div class="{}">{}</div>', classes, mark_safe(cells)))
    return mark_safe("".join(out))


def _help(text) -> str:
    if not text:
        return ""
    return format_html('<div class="leading-relaxed mt-2 text-xs">{}</div>', mark_safe(text))


def _line(field, compressed: bool) -> str:
    errors = field.errors() if not field.is_readonly else ""  # a shown value has none
    classes = _LINE
    name = getattr(field.field, "name", None)
    if name:
        classes += f" field-{name}"
    if errors:
        classes += " errors"
    if compressed:
        classes += _COMPRESSED_LINE
    if field.is_checkbox:
        body = _checkbox(field, errors, compressed)
    else:
        body = _field(field, errors, compressed)
    return format_html('<div class="{}">{}</div>', classes, body)


def _field(field, errors, compressed: bool) -> SafeString:
    if field.is_readonly:
        value = _readonly(field)
        help_text = field.field.get("help_text")
    else:
        value = conditional_escape(field.field)
        help_text = field.field.help_text
    return format_html(
        '<div class="{}">{}</div><div class="grow relative">{}{}{}</div>',
        _COMPRESSED_LABEL if compressed else "",
        field.label_tag(),
        value,
        _help(help_text) if not field.is_checkbox else "",
        format_html(_ERRORS, errors) if errors else "",
    )


def _checkbox(field, errors, compressed: bool) -> SafeString:
    help_text = field.field.help_text
    shown_errors = format_html(_ERRORS, errors) if errors else ""
    if compressed:
        helped = format_html('<div class="lg:-mt-2 lg:ml-2">{}</div>', _help(help_text))
        return format_html(
            '<div class="flex flex-col gap-2 py-2 lg:flex-row"><div class="font-medium flex'
            ' items-start -ml-2 min-w-32 w-32 lg:min-w-56 lg:w-56">{}</div><div class="grow">'
            '<div class="flex flex-col lg:flex-row">{}{}</div>{}</div></div>',
            field.label_tag(),
            field.field,
            helped if help_text else "",
            shown_errors,
        )
    helped = format_html('<div class="ml-2 -mt-1">{}</div>', _help(help_text))
    return format_html(
        '<div class="flex flex-row">{}<div class="flex flex-col">{}{}{}</div></div>',
        field.field,
        field.label_tag(),
        helped if help_text else "",
        shown_errors,
    )


def _readonly(field) -> SafeString:
    width = "max-w-4xl" if field.is_json else "max-w-2xl"
    contents = field.contents()
    if contents and field.is_file:
        value = render_to_string(
            "unfold/helpers/field_readonly_value_file.html", {"field": field}
        ).strip()
        value = mark_safe(value)
    elif contents:
        value = "-" if str(contents) == "None" else contents
    else:
        value = "-"
    return format_html(
        '<div class="readonly break-words {} *:rounded-default">{}</div>', width, value
    )


class CompactFieldsetsMixin:
    """Put on a ModelAdmin whose form is drawn often or has many fields."""

    change_form_template = "tiep_cong_dan/desk/compact_change_form.html"

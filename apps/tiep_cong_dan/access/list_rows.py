"""A desk list's rows written in one pass, as the theme writes them.

The theme works out every cell from scratch: for each of 50 rows and 10 columns it
looks the column up again (field, method, its display options), builds a choice
field's labels anew, reverses the row's address and re-parses the list's filters
into it, renders the checkbox widget's template and then a template loop with an
include per row: 35-70 ms for a page on the production CPU. The columns are the
list's alone, so they are resolved once per page here (`_Column`), the row's address
and checkbox are rendered once with a placeholder for the key, and the rows are
written straight into one string. What the rows say and how they look is the theme's:
the same cells, classes, links, labels and masks (tests/access/test_list_rows.py
compares both outputs on the desk's lists).

Lists the one pass does not cover (editable cells, drag ordering, expandable rows,
row actions) are left to the theme.
"""

import datetime
from collections.abc import Callable

from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import _coerce_field_name, result_hidden_fields
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import FieldIsAForeignKeyColumnName, _get_non_gfk_field, quote
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from unfold import admin as unfold_admin
from unfold import utils as unfold_utils
from unfold.templatetags import unfold_list

_KEY = "TCDROWKEY0"  # stands for a row's key in what is rendered once per page
_ROW_OPEN = (
    '<tbody class="block relative lg:table-row-group {}" x-data="{{rowOpen: false}}">'
    '<tr class="data-row block border border-base-200 mb-3 relative rounded-default'
    ' lg:table-row lg:border-none lg:mb-0 lg:rounded-none dark:border-base-800">'
)
_STRIPES = ("", "bg-base-50 dark:bg-white/[.02]")
_DATES = (datetime.date, datetime.time)


class _Unsupported(Exception):
    """A column the one pass does not write like the theme: the theme writes the list."""


class _Column:
    """What a column's cells share: how to read its value, how to show it, and the
    cell's opening tag."""

    def __init__(self, cl, index: int, name, header_text, link: bool, first_link: bool):
        admin = cl.model_admin
        self.name = name
        self.empty = self.missing = admin.get_empty_value_display()
        self.classes = [f"field-{_coerce_field_name(name, index)}", *unfold_list.ROW_CLASSES]
        label = _("Select record") if index == 0 and not link else header_text
        self.label = conditional_escape(label)
        self.link = link
        self.tag = "th" if first_link else "td"
        self.read, self.show, self.attr = self._resolve(cl, name)

    def _resolve(self, cl, name) -> tuple[Callable, Callable, object]:
        admin = cl.model_admin
        try:
            field = _get_non_gfk_field(cl.opts, name)
        except FieldDoesNotExist:
            field = None
        except FieldIsAForeignKeyColumnName:  # "unit_id": the theme's own lookup
            raise _Unsupported(name) from None
        if field is not None and field.auto_created:
            if field.is_relation:
                raise _Unsupported(name)
            attname = field.attname  # the theme shows an automatic key as a plain value
            return (lambda obj: getattr(obj, attname)), self._value_shown(False), None
        if field is not None:
            return self._field(field)
        if callable(name):
            attr = name
        elif hasattr(admin, name) and name != "__str__":
            attr = getattr(admin, name)
        else:
            raise _Unsupported(name)  # a model attribute or a path: rare, the theme's
        if name == "action_checkbox":
            self.classes = list(unfold_list.CHECKBOX_CLASSES)
            if _is_theme_checkbox(admin):
                return _checkbox(), _as_is, attr
        self.empty = getattr(attr, "empty_value_display", self.empty)
        if getattr(attr, "label", False) or getattr(attr, "dropdown", False):
            raise _Unsupported(name)
        if getattr(attr, "header", False):
            raise _Unsupported(name)
        return attr, self._value_shown(getattr(attr, "boolean", False)), attr

    def _value_shown(self, boolean: bool) -> Callable:
        empty = self.empty
        if boolean:
            return _icon
        return lambda value: unfold_utils.display_for_value(value, empty, False)

    def _field(self, field) -> tuple[Callable, Callable, object]:
        empty = self.empty
        name = field.name
        if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
            self.classes.append("nowrap")
        if isinstance(field.remote_field, models.ManyToOneRel):
            return (lambda obj: getattr(obj, name)), (lambda v: empty if v is None else v), None
        if field.is_relation:
            raise _Unsupported(name)
        attname = field.attname
        if getattr(field, "flatchoices", None):
            try:
                labels = dict(field.flatchoices)
            except TypeError:
                raise _Unsupported(name) from None
            return (lambda obj: getattr(obj, attname)), (lambda v: labels.get(v, empty)), None
        if isinstance(field, models.BooleanField):
            return (lambda obj: getattr(obj, attname)), _icon, None
        return (
            (lambda obj: getattr(obj, attname)),
            (lambda v: unfold_utils.display_for_field(v, field, empty)),
            None,
        )

    def cell(self, obj, url: str | None, popup_value) -> str:
        try:
            value = self.read(obj)
        except ObjectDoesNotExist:
            shown, value = self.missing, None
        else:
            shown = self.show(value)
        classes = self.classes
        if self.attr is not None and isinstance(value, _DATES):
            classes = [*classes, "nowrap"]
        shown = conditional_escape(shown)
        if self.link and url is not None:
            popup = f' data-popup-opener="{escape(popup_value)}"' if popup_value is not None else ""
            shown = f'<a href="{url}" class="{_LINK}" {popup}>{shown}</a>'
        tag = self.tag if self.link else "td"
        return f'<{tag} class="{" ".join(classes)}" data-label="{self.label}">{shown}</{tag}>'


_LINK = " ".join(unfold_list.LINK_CLASSES)


def _as_is(value):
    return value


_icons: dict[object, str] = {}


def _icon(value) -> str:
    # The theme renders its boolean icon's template for every cell; it has three faces.
    if value not in _icons:
        _icons[value] = unfold_utils._boolean_icon(value)
    return _icons[value]


def _is_theme_checkbox(admin) -> bool:
    return type(admin).action_checkbox is unfold_admin.ModelAdmin.action_checkbox


def _checkbox() -> Callable:
    # The theme's checkbox differs from row to row by its value (the key) alone.
    rendered = str(unfold_admin.checkbox.render(helpers.ACTION_CHECKBOX_NAME, _KEY))
    before, after = rendered.split(_KEY)

    def read(obj) -> SafeString:
        return mark_safe(before + escape(str(obj.pk)) + after)

    return read


def _row_url(cl) -> Callable[[object], str | None]:
    """The escaped address of a row's form, with the list's filters kept: reversed
    and merged once, the key put in per row."""
    try:
        template = add_preserved_filters(
            {"preserved_filters": cl.preserved_filters, "opts": cl.opts},
            reverse(
                f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change",
                args=(_KEY,),
                current_app=cl.model_admin.admin_site.name,
            ),
        )
    except NoReverseMatch:
        return lambda obj: None
    before, key, after = escape(template).partition(_KEY)
    if not key or _KEY in after:
        raise _Unsupported("row address")
    attname = cl.pk_attname
    return lambda obj: before + escape(quote(getattr(obj, attname))) + after


def _columns(cl, headers: list[dict]) -> list[_Column]:
    links = cl.list_display_links
    columns, first = [], True
    for index, name in enumerate(cl.list_display):
        if links is None:
            link = False
        else:
            link = (first and not links) or name in links
        columns.append(_Column(cl, index, name, headers[index]["text"], link, link and first))
        first = first and not link
    return columns


def supported(cl, context) -> bool:
    """Whether the one pass writes this list: none of the theme's row extras."""
    admin = cl.model_admin
    return not (
        getattr(cl, "formset", None)
        or getattr(admin, "ordering_field", None)
        or getattr(admin, "list_sections", None)
        or context.get("actions_row")
    )


def rows_html(cl, headers: list[dict]) -> SafeString | None:
    """The list's rows (`<tbody>` each), or None when a column is not one the one
    pass writes like the theme."""
    try:
        columns = _columns(cl, headers)
        url_of = _row_url(cl)
    except _Unsupported:
        return None
    popup_attr = (cl.to_field or cl.pk_attname) if cl.is_popup else None
    out = []
    for i, obj in enumerate(cl.result_list):
        url = url_of(obj) if any(c.link for c in columns) else None
        popup = obj.serializable_value(popup_attr) if popup_attr else None
        out.append(_ROW_OPEN.format(_STRIPES[i % 2]))
        out.extend(column.cell(obj, url, popup) for column in columns)
        out.append("</tr></tbody>")
    return mark_safe("".join(out))


def result_list(context, cl) -> dict:
    """The theme's `result_list` context, with `tcd_rows` (the rows written in one
    pass) when the list is one of ours and the pass covers it."""
    if not (getattr(cl, "one_pass_rows", False) and supported(cl, context)):
        return {**unfold_list.result_list(context, cl), "tcd_rows": None}
    headers = list(unfold_list.result_headers(cl))
    rows = rows_html(cl, headers)
    if rows is None:
        return {**unfold_list.result_list(context, cl), "tcd_rows": None}
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": bool(cl.result_list),
        "tcd_rows": rows,
        "actions_row": None,
        "has_add_permission": cl.model_admin.has_add_permission(context["request"]),
    }


def result_list_tag(parser, token):
    """`{% unfold_result_list cl %}`, answered by `result_list` and its template."""
    return InclusionAdminNode(
        parser, token, func=result_list, template_name="tcd_change_list_results.html"
    )

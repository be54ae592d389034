"""{% compact_fieldset_rows adminform fieldset %}: a fieldset's rows in Python
(access/compact_form.py); {% if adminform|fits_compact:fieldset %} tells which
fieldsets it draws."""

from django import template

from ..access.compact_form import fits, render_rows

register = template.Library()


@register.simple_tag
def compact_fieldset_rows(adminform, fieldset) -> str:
    return render_rows(adminform, fieldset)


@register.filter
def fits_compact(adminform, fieldset) -> bool:
    return fits(adminform, fieldset)

"""{% compact_rows inline_admin_formset %}: an inline's rows in lean markup
(access/compact_inline.py)."""

from django import template

from ..access.compact_inline import render_rows

register = template.Library()


@register.simple_tag
def compact_rows(inline_admin_formset) -> str:
    return render_rows(inline_admin_formset)

"""`{% list_views_panel as lv %}`: the columns and saved filters panel of a desk list
(access/list_views/desk.py), for templates/tiep_cong_dan/list_views/panel.html."""

from django import template

from ..access.list_views.desk import panel

register = template.Library()


@register.simple_tag(takes_context=True)
def list_views_panel(context) -> dict | None:
    # The list's result template gets a context without the context processors' values
    # (an inclusion tag's), but the request stays on the context itself.
    cl, request = context.get("cl"), getattr(context, "request", None)
    if cl is None or request is None:
        return None
    return panel(cl, request)

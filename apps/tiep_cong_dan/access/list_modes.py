"""The two other views every desk list offers when its admin declares them: its rows
counted by a column (`group_by_fields`, access/list_groups.py) and on a month grid by a
date (`calendar_date_field`, access/list_calendar.py). Shown by one include in the
list's results template (tiep_cong_dan/lists/list_modes.html)."""

from django.urls import path, reverse

from .list_calendar import MONTH_VAR, calendar_view
from .list_groups import GROUP_VAR, group_panel


class ListModesMixin:
    # Columns the list may be counted by ("state", "residence_unit", "agency"): a choice
    # field, a boolean or a link to another record (its name labels the group).
    group_by_fields: tuple[str, ...] = ()
    # The record's natural date ("date", "deadline"): the list gets a month calendar.
    calendar_date_field: str | None = None

    def get_urls(self):
        if not self.calendar_date_field:
            return super().get_urls()
        opts = self.model._meta
        own = [
            path(
                "month/",
                self.admin_site.admin_view(self.calendar_view),
                name=f"{opts.app_label}_{opts.model_name}_month",
            )
        ]
        return own + super().get_urls()

    def calendar_view(self, request):
        return calendar_view(self, request)

    def calendar_item(self, request, obj) -> tuple[str, str]:
        """A record's title and note on the calendar. The default is its name, which no
        type's rule masks (a petition's number, a session's kind and date); a type whose
        name may carry masked words words its items itself (the assignments)."""
        state = getattr(obj, "get_state_display", None)
        return str(obj), str(state()) if state else ""

    def log_calendar_shown(self, request, objs: list) -> None:
        """Writes to the access log what the calendar's items showed (nothing, unless a
        type's items name people)."""

    def changelist_view(self, request, extra_context=None):
        chosen = request.GET.get(GROUP_VAR)
        if chosen is not None:
            # Not a filter: the list itself must not read it as one.
            request.GET = request.GET.copy()
            request.GET.pop(GROUP_VAR)
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        cl = context.get("cl")
        if cl is not None:
            cl.tcd_list_modes = self._list_modes(request, cl, chosen)
        return response

    def _list_modes(self, request, cl, chosen) -> dict | None:
        groups = group_panel(self, request, cl, chosen)
        calendar_url = None
        if self.calendar_date_field:
            opts = self.model._meta
            filters = cl.get_query_string({GROUP_VAR: None, MONTH_VAR: None})
            calendar_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_month") + filters
        if groups is None and calendar_url is None:
            return None
        return {"groups": groups, "calendar_url": calendar_url}

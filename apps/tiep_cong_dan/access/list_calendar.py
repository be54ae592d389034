"""A list's records on a month grid, by the date its admin declares
(`calendar_date_field`): the rows the list shows (its rule's scope, filters and
search) that fall in the month, each linked to its record, holidays and days off
marked. The session calendar (scheduling/desk.py) draws its month with the same grid.

Holidays are the working calendar's, a document type above this layer: it installs
its answer here at start-up (`set_day_marks`), as the workflow installs its state gate.
"""

import calendar as month_grid
import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..core.params import EARLIEST, LATEST, parse_month
from .list_groups import GROUP_VAR

MONTH_VAR = "month"
MOST_ITEMS = 500  # a month's items shown at most (a busy month has ~300 petitions)


def _no_marks(day: datetime.date) -> tuple[bool, str | None]:
    return day.weekday() < 5, None


_day_marks: Callable[[datetime.date], tuple[bool, str | None]] = _no_marks


def set_day_marks(marks: Callable[[datetime.date], tuple[bool, str | None]]) -> None:
    """Installs what the grid says of a day: (working day?, holiday's name or None)."""
    global _day_marks
    _day_marks = marks


def month_weeks(first: datetime.date, items_by_day: dict) -> list[list[dict]]:
    """The month of `first` as weeks of days (Monday first), each day with its items,
    whether it is a working day and its holiday's name."""
    today = timezone.localdate()
    weeks = []
    for week in month_grid.Calendar().monthdatescalendar(first.year, first.month):
        days = []
        for day in week:
            working, holiday = _day_marks(day)
            days.append(
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "today": day == today,
                    "working": working,
                    "holiday": holiday,
                    "items": items_by_day.get(day, []),
                }
            )
        weeks.append(days)
    return weeks


def neighbours(first: datetime.date) -> tuple[str | None, str | None]:
    """The months before and after, as "YYYY-MM", None past the range pages accept."""
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return (
        previous.strftime("%Y-%m") if previous >= EARLIEST else None,
        following.strftime("%Y-%m") if following <= LATEST else None,
    )


def _month_range(field, first: datetime.date) -> dict:
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    if isinstance(field, models.DateTimeField):
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(first, datetime.time.min, zone)
        end = datetime.datetime.combine(following, datetime.time.min, zone)
        return {f"{field.name}__gte": start, f"{field.name}__lt": end}
    return {f"{field.name}__gte": first, f"{field.name}__lt": following}


def _day_of(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def _change_url(admin, obj) -> str | None:
    opts = admin.model._meta
    try:
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[obj.pk],
            current_app=admin.admin_site.name,
        )
    except NoReverseMatch:
        return None


def _without(request, *names: str):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query


def calendar_view(admin, request):
    """The month page of one list: `?month=YYYY-MM` (a bad month is a 400 saying how to
    write it), the list's own filters kept."""
    if not admin.has_view_permission(request):
        raise PermissionDenied
    raw = request.GET.get(MONTH_VAR, "")
    first = parse_month(raw) if raw else timezone.localdate().replace(day=1)
    field = admin.model._meta.get_field(admin.calendar_date_field)
    request.GET = _without(request, MONTH_VAR, GROUP_VAR)
    try:
        cl = admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        # A filter the list would refuse: the month of every row the rule shows.
        messages.warning(request, _("The list's filters could not be read; they were ignored."))
        request.GET = request.GET.copy()
        request.GET.clear()
        cl = admin.get_changelist_instance(request)
    rows = list(
        cl.queryset.filter(**_month_range(field, first)).order_by(field.name, "pk")[
            : MOST_ITEMS + 1
        ]
    )
    more = len(rows) > MOST_ITEMS
    by_day: dict[datetime.date, list] = {}
    for obj in rows[:MOST_ITEMS]:
        day = _day_of(getattr(obj, field.attname))
        title, note = admin.calendar_item(request, obj)
        by_day.setdefault(day, []).append(
            {"title": title, "note": note, "url": _change_url(admin, obj)}
        )
    admin.log_calendar_shown(request, rows[:MOST_ITEMS])
    previous, following = neighbours(first)
    filters = request.GET.urlencode()
    opts = admin.model._meta
    list_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    context = {
        **admin.admin_site.each_context(request),
        "title": _("%(list)s, calendar of %(month)s")
        % {"list": opts.verbose_name_plural.capitalize(), "month": first.strftime("%m/%Y")},
        "opts": opts,
        "weeks": month_weeks(first, by_day),
        "month": first,
        "date_label": field.verbose_name,
        "previous": previous,
        "following": following,
        "filters": filters,
        "list_url": list_url + (f"?{filters}" if filters else ""),
        "shown": min(len(rows), MOST_ITEMS),
        "more": more,
        "most": MOST_ITEMS,
    }
    return TemplateResponse(request, "tiep_cong_dan/lists/calendar.html", context)

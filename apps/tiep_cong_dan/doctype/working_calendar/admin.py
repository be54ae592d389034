from django.contrib import admin

from ...access.desk import RuleAdmin
from ...access.list_calendar import set_day_marks
from .models import CalendarDay
from .services import holiday_name, invalidate_calendar_cache, is_working_day

# Every list's month calendar marks the province's holidays and days off.
set_day_marks(lambda day: (is_working_day(day), holiday_name(day)))


@admin.register(CalendarDay)
class CalendarDayAdmin(RuleAdmin):
    list_display = ["date", "kind", "name", "decision"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name", "decision"]
    group_by_fields = ("kind",)
    calendar_date_field = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        invalidate_calendar_cache()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        invalidate_calendar_cache()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        invalidate_calendar_cache()

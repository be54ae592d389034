from django.contrib import admin

from ...access.desk import RuleAdmin
from .models import CalendarDay
from .services import invalidate_calendar_cache


@admin.register(CalendarDay)
class CalendarDayAdmin(RuleAdmin):
    list_display = ["date", "kind", "name", "decision"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name", "decision"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        invalidate_calendar_cache()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        invalidate_calendar_cache()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        invalidate_calendar_cache()

import datetime

from django.contrib import admin

from ...access.desk import RuleAdmin
from ...workflow.desk import WorkflowAdminMixin
from .models import MonthlyReport
from .services import draft_monthly_report


def _last_month() -> tuple[datetime.date, datetime.date]:
    from ...reporting.period import Period

    period = Period.last_month()
    return period.start, period.end


@admin.register(MonthlyReport)
class MonthlyReportAdmin(WorkflowAdminMixin, RuleAdmin):
    list_display = ["__str__", "period_start", "period_end", "state", "issued_date"]
    list_filter = ["state"]
    search_fields = ["number"]
    date_hierarchy = "period_start"
    fields = [("period_start", "period_end"), "units_mode", "remarks", ("number", "issued_date")]
    readonly_fields = ["number", "issued_date"]

    def get_changeform_initial_data(self, request):
        start, end = _last_month()  # the default period: the calendar month just ended
        return {"period_start": start, "period_end": end}

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        draft_monthly_report(obj, by=request.user)

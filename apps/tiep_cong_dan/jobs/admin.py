"""The jobs in the desk: their schedules (django-celery-beat, edited by administrators)
and every run with its result or error (django-celery-results), in the desk's own
look and under the project's permission rules."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from django_celery_results.models import GroupResult, TaskResult

from ..access.desk import RuleLogAdmin

for model in (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
    GroupResult,
    TaskResult,
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(RuleLogAdmin):
    list_display = ["name", "crontab", "enabled", "last_run_at", "total_run_count"]
    fields = ["name", "job", "description", "crontab", "enabled", "last_run_at", "total_run_count"]
    readonly_fields = ["job", "last_run_at", "total_run_count"]

    def has_add_permission(self, request, *args) -> bool:
        return False  # the jobs are the system's; their times and switches are edited

    # The package's own label for `task` is not translatable.
    @admin.display(description=_("job"))
    def job(self, obj) -> str:
        return obj.task


@admin.register(CrontabSchedule)
class CrontabScheduleAdmin(RuleLogAdmin):
    list_display = ["__str__", "minute", "hour", "day_of_month", "month_of_year", "day_of_week"]
    fields = ["minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone"]


@admin.register(TaskResult)
class TaskResultAdmin(RuleLogAdmin):
    list_display = ["task_name", "status", "date_created", "date_done", "result_short"]
    list_filter = ["status", "task_name"]
    search_fields = ["task_name", "task_id"]
    date_hierarchy = "date_done"
    readonly_fields = [
        "task_id",
        "task_name",
        "task_args",
        "task_kwargs",
        "status",
        "worker",
        "date_created",
        "date_done",
        "result",
        "traceback",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("result"))
    def result_short(self, obj) -> str:
        return (obj.result or "")[:120]

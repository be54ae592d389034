"""The jobs in the desk: their schedules (django-celery-beat, edited by administrators),
every run with its result or error (django-celery-results) and what steps still owe
(the outbox), in the desk's own look and under the project's permission rules."""

import json

from django.contrib import admin, messages
from django.utils.translation import gettext
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
from ..core import outbox
from ..core.models import OutboxEntry
from .schedules import DEFAULTS

# Jobs the desk lists by their Vietnamese name: ours by the schedule's name, Celery's
# own (a periodic clean-up of old results it adds by itself) by what it does.
JOB_NAMES = {task: name for name, (task, *_rest) in DEFAULTS.items()} | {
    "celery.backend_cleanup": _("Remove expired job results"),
}


def job_name(task: str) -> str:
    return str(JOB_NAMES.get(task, task))


def schedule_text(crontab) -> str:
    """A crontab as words, not "0 7 * * * (m/h/dM/MY/d) Asia/Ho_Chi_Minh"."""
    if crontab is None:
        return "—"
    return gettext(
        "minute %(minute)s, hour %(hour)s, day %(day)s, month %(month)s, weekday %(weekday)s"
    ) % {
        "minute": crontab.minute,
        "hour": crontab.hour,
        "day": crontab.day_of_month,
        "month": crontab.month_of_year,
        "weekday": crontab.day_of_week,
    }


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
    list_display = ["title", "schedule", "enabled", "last_run_at", "total_run_count"]
    fields = ["name", "job", "description", "crontab", "enabled", "last_run_at", "total_run_count"]
    readonly_fields = ["job", "last_run_at", "total_run_count"]

    def has_add_permission(self, request, *args) -> bool:
        return False  # the jobs are the system's; their times and switches are edited

    # The package's own label for `task` is not translatable.
    @admin.display(description=_("job"))
    def job(self, obj) -> str:
        return obj.task

    @admin.display(description=_("name"), ordering="name")
    def title(self, obj) -> str:
        # Celery names its own job by its dotted path.
        return job_name(obj.task) if obj.name == obj.task else obj.name

    @admin.display(description=_("schedule"))
    def schedule(self, obj) -> str:
        return schedule_text(obj.crontab)


@admin.register(CrontabSchedule)
class CrontabScheduleAdmin(RuleLogAdmin):
    list_display = ["words", "minute", "hour", "day_of_month", "month_of_year", "day_of_week"]
    fields = ["minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone"]

    @admin.display(description=_("schedule"))
    def words(self, obj) -> str:
        return schedule_text(obj)


@admin.register(TaskResult)
class TaskResultAdmin(RuleLogAdmin):
    word_search_exempt = "job results: a task's name or id as written"

    list_display = ["job_title", "status", "date_created", "date_done", "result_short"]
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

    @admin.display(description=_("job"), ordering="task_name")
    def job_title(self, obj) -> str:
        return job_name(obj.task_name or "")

    @admin.display(description=_("result"))
    def result_short(self, obj) -> str:
        return (obj.result or "")[:120]


@admin.register(OutboxEntry)
class OutboxEntryAdmin(RuleLogAdmin):
    """Read only: entries are written by the steps that owe them and run by the jobs;
    an administrator can only have them tried again now."""

    word_search_exempt = "the outbox: an entry's key or error as written"

    list_display = [
        "id",
        "kind",
        "state",
        "attempts",
        "created_at",
        "next_attempt_at",
        "done_at",
        "error_short",
    ]
    list_filter = ["state", "task"]
    search_fields = ["key", "last_error"]
    fields = [
        "kind",
        "key",
        "arguments_text",
        "state",
        "attempts",
        "created_at",
        "next_attempt_at",
        "done_at",
        "last_error",
    ]
    readonly_fields = fields
    actions = ["retry_now"]

    @admin.display(description=_("kind of task"), ordering="task")
    def kind(self, obj: OutboxEntry) -> str:
        return outbox.label_of(obj.task)

    @admin.display(description=_("arguments"))
    def arguments_text(self, obj: OutboxEntry) -> str:
        return json.dumps(obj.arguments, ensure_ascii=False, sort_keys=True)

    @admin.display(description=_("last error"))
    def error_short(self, obj: OutboxEntry) -> str:
        return obj.last_error[:120]

    @admin.action(description=_("Retry now"))
    def retry_now(self, request, queryset) -> None:
        counts = outbox.retry_now(list(queryset.values_list("pk", flat=True)))
        messages.info(
            request,
            gettext(
                "Tried again: %(done)d done, %(not_done)d still failing (see the last "
                "error), %(later)d left to the job that runs every minute."
            )
            % counts,
        )

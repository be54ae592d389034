from django_celery_beat.models import CrontabSchedule, PeriodicTask
from django_celery_results.models import TaskResult

from ..access.roles import BOARD, Role
from ..access.rules import DocRule
from ..core.models import OutboxEntry

ADMINS = frozenset({Role.ADMINISTRATOR})


class PeriodicTaskRule(DocRule):
    """Administrators set when the jobs run; the Board can see it."""

    model = PeriodicTask
    view_roles = ADMINS | BOARD
    change_roles = ADMINS


class CrontabScheduleRule(DocRule):
    model = CrontabSchedule
    view_roles = ADMINS | BOARD
    add_roles = ADMINS
    change_roles = ADMINS


class TaskResultRule(DocRule):
    """Every run of a job, its result or failure: for administrators and the Board."""

    model = TaskResult
    view_roles = ADMINS | BOARD


class OutboxEntryRule(DocRule):
    """What steps still owe (notifications, letters, meeting rooms): administrators
    watch it and retry; nobody writes it by hand."""

    model = OutboxEntry
    view_roles = ADMINS

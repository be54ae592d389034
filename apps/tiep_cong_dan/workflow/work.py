"""“Việc cần làm”: the documents waiting for a user's step, read from the workflow
declarations rather than listed per role, so an edit of a workflow in the desk moves
the work with it.

A document waits for a user when its state has a step forward that the user's role
may take, within the user's rule (the type's `queryset`). Which steps count as the
next step of a state is decided from the declarations alone:

- a step forward goes to another state, is declared from given states (not from
  every open one, like withdrawing) and needs no written reason (returning,
  rejecting, postponing and cancelling are exceptions a reason justifies);
- a step declared from three or more states (holding in person, closing) is a way
  out, counted only where the state has no step forward of its own;
- a role that may take every step another may, and more, backs that role up: a
  state whose next steps both may take waits for the narrower role. The Board head
  may classify, report on a task or confirm the tests, but those wait for the Board
  officer, the agencies and the technicians; what waits for the Board head is what
  only the Board head does (endorsing, reviewing a notice, signing the report).

A step's rule that holds or not by who asks (only the task's own agency reports on
it) may say on which rows it holds for a user (`registry.condition(rows=...)`): a
commune officer who sees the tasks of other agencies on their commune's cases is
waited for only on their own. Other rules (a report written, a deadline) are not
asked: the document waits for the user's step even while the step is not yet
possible, which is what the user has to see to.

Counting is one grouped query per document type, whatever the number of documents.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ..access.roles import roles_of
from ..access.rules import rule_for
from . import registry
from .bindings import BINDINGS, binding_for
from .definition import ANY_OPEN, TransitionDef, WorkflowDef
from .loader import definition

# A step declared from this many states or more is a way out (see above).
WAY_OUT_SOURCES = 3
# A dated document (a task's deadline, a session's day) is due soon within these days.
DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class WorkItem:
    """Documents of one type in one state that wait for the user's step."""

    doctype: str
    type_label: str
    state: str
    state_label: str
    steps: tuple[str, ...]  # the labels of the steps the user may take
    count: int
    url: str
    overdue: int = 0  # past their date (a task's deadline)
    due_soon: int = 0  # within DUE_SOON_DAYS
    nearest: datetime.date | None = None  # the nearest date still ahead


def _is_forward(t: TransitionDef, state: str) -> bool:
    return (
        t.target is not None
        and t.target != state
        and ANY_OPEN not in t.sources
        and not t.comment_required
    )


def next_steps(wf: WorkflowDef, state: str) -> list[TransitionDef]:
    """The steps that move a document in `state` on (see the module's text)."""
    forward = [t for t in wf.transitions_from(state) if _is_forward(t, state)]
    own = [t for t in forward if len(t.sources) < WAY_OUT_SOURCES]
    return own or forward


def _steps_by_role(definitions: list[WorkflowDef]) -> dict[str, frozenset]:
    found: dict[str, set] = defaultdict(set)
    for wf in definitions:
        for t in wf.transitions:
            for role in t.roles:
                found[role].add((wf.doctype, t.action))
    return {role: frozenset(steps) for role, steps in found.items()}


def backed_up(definitions: list[WorkflowDef]) -> dict[str, frozenset[str]]:
    """role -> the roles it backs up: whose every step it may take, and more."""
    steps = _steps_by_role(definitions)
    return {
        role: frozenset(other for other, theirs in steps.items() if theirs and theirs < mine)
        for role, mine in steps.items()
    }


def owners(steps: list[TransitionDef], backups: dict[str, frozenset[str]]) -> frozenset[str]:
    """The roles a state waits for: those of its next steps, less those backing up
    another of them (a classified case waits for the officer who proposes it, not for
    the Board head who could also admit it in person)."""
    roles = frozenset().union(*(t.roles for t in steps))
    return frozenset(r for r in roles if not backups.get(r, frozenset()) & roles)


_WAITING: dict[tuple, dict[str, dict[str, tuple[TransitionDef, ...]]]] = {}


def waiting_states(
    definitions: list[WorkflowDef], roles: frozenset[str]
) -> dict[str, dict[str, tuple[TransitionDef, ...]]]:
    """doctype -> state -> the steps waiting for a user holding `roles`, in the
    declarations' order (remembered until a declaration changes)."""
    key = (tuple(wf.extra.get("key") or wf.revision for wf in definitions), frozenset(roles))
    if key in _WAITING:
        return _WAITING[key]
    backups = backed_up(definitions)
    waiting: dict[str, dict[str, tuple[TransitionDef, ...]]] = {}
    for wf in definitions:
        for state, s in wf.states.items():
            if s.final:
                continue
            steps = next_steps(wf, state)
            mine = owners(steps, backups) & roles
            yours = tuple(t for t in steps if t.roles & mine)
            if yours:
                waiting.setdefault(wf.doctype, {})[state] = yours
    if len(_WAITING) > 256:  # a few roles' combinations; edits leave old keys behind
        _WAITING.clear()
    _WAITING[key] = waiting
    return waiting


def _list_url(model, state: str) -> str:
    opts = model._meta
    try:
        base = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{base}?state={state}"


def _rows_for(doctype: str, steps: tuple[TransitionDef, ...], user) -> Q | None:
    """The documents of a state the user may take one of `steps` on, as far as the
    steps' rules tell by who asks (the task's own agency); None: every one."""
    either = Q(pk__in=[])
    for t in steps:
        both = Q()
        for name in t.conditions:
            rows = (
                registry.get_condition(doctype, name).rows
                if registry.has_condition(doctype, name)
                else None
            )
            narrowed = rows(user) if rows is not None else None
            if narrowed is not None:
                both &= narrowed
        if not both:
            return None  # this step is open on every document of the state
        either |= both
    return either


def my_work(user, today: datetime.date | None = None) -> list[WorkItem]:
    """The documents waiting for `user`'s step, counted within the user's rule."""
    today = today or timezone.localdate()
    definitions = {doctype: definition(doctype) for doctype in BINDINGS}
    waiting = waiting_states(list(definitions.values()), roles_of(user))
    items: list[WorkItem] = []
    for doctype, states in waiting.items():
        binding = binding_for(doctype)
        model = binding.model
        rule = rule_for(model)
        if not rule.can_view(user):
            continue
        state_field, due = binding.state_field, binding.due_field
        counts = {"n": Count("pk")}
        if due:
            counts["overdue"] = Count("pk", filter=Q(**{f"{due}__lt": today}))
            counts["due_soon"] = Count(
                "pk",
                filter=Q(
                    **{
                        f"{due}__gte": today,
                        f"{due}__lte": today + datetime.timedelta(days=DUE_SOON_DAYS),
                    }
                ),
            )
            counts["nearest"] = Min(due, filter=Q(**{f"{due}__gte": today}))
        wanted = Q(pk__in=[])
        for state, steps in states.items():
            narrowed = _rows_for(doctype, steps, user)
            in_state = Q(**{state_field: state})
            wanted |= in_state if narrowed is None else in_state & narrowed
        rows = rule.queryset(user).filter(wanted).order_by().values(state_field).annotate(**counts)
        wf = definitions[doctype]
        found = {row[state_field]: row for row in rows}
        for state in states:  # in the workflow's order
            row = found.get(state)
            if row is None:
                continue
            items.append(
                WorkItem(
                    doctype=doctype,
                    type_label=str(model._meta.verbose_name_plural).capitalize(),
                    state=state,
                    state_label=wf.label_of(state),
                    steps=tuple(t.label for t in states[state]),
                    count=row["n"],
                    url=_list_url(model, state),
                    overdue=row.get("overdue", 0),
                    due_soon=row.get("due_soon", 0),
                    nearest=row.get("nearest"),
                )
            )
    return items

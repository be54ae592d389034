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


_WAITING: dict[tuple, dict[str, dict[str, tuple[str, ...]]]] = {}


def waiting_states(
    definitions: list[WorkflowDef], roles: frozenset[str]
) -> dict[str, dict[str, tuple[str, ...]]]:
    """doctype -> state -> labels of the steps waiting for a user holding `roles`,
    in the declarations' order (remembered until a declaration changes)."""
    key = (tuple(wf.extra.get("key") or wf.revision for wf in definitions), frozenset(roles))
    if key in _WAITING:
        return _WAITING[key]
    backups = backed_up(definitions)
    waiting: dict[str, dict[str, tuple[str, ...]]] = {}
    for wf in definitions:
        for state, s in wf.states.items():
            if s.final:
                continue
            steps = next_steps(wf, state)
            mine = owners(steps, backups) & roles
            labels = tuple(t.label for t in steps if t.roles & mine)
            if labels:
                waiting.setdefault(wf.doctype, {})[state] = labels
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
        rows = (
            rule.queryset(user)
            .filter(**{f"{state_field}__in": list(states)})
            .order_by()
            .values(state_field)
            .annotate(**counts)
        )
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
                    steps=states[state],
                    count=row["n"],
                    url=_list_url(model, state),
                    overdue=row.get("overdue", 0),
                    due_soon=row.get("due_soon", 0),
                    nearest=row.get("nearest"),
                )
            )
    return items

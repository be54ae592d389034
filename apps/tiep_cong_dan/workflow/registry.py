"""The rules (conditions) and services (effects) a workflow file may name.

Each document type registers its own in `doctype/<type>/workflow_rules.py`; a
declaration naming anything not registered here is refused when loaded or edited.

A condition takes the TransitionContext and returns None when it holds, or the
reason (a sentence for the user) when it does not. An effect takes the same
context. By default an effect runs before the document is saved, so it may set the
document's fields (a number, a deadline). `follow_on` effects run after the event
is written, inside the same transaction, to move other documents (the hearings of a
session held); their events point back to this one. `after_commit` effects run only
once the step is committed (notifications, letters to draft), so a refused or
rolled-back step sends nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Registered:
    name: str
    func: Callable
    description: str
    after_commit: bool = False
    follow_on: bool = False
    # For a condition that holds or not by who asks (the task's own agency reports):
    # rows(user) -> the rows it holds on for that user, as a filter (None: all), so
    # the work waiting for a user is counted in one query (workflow/work.py).
    rows: Callable | None = None


_CONDITIONS: dict[tuple[str, str], Registered] = {}
_EFFECTS: dict[tuple[str, str], Registered] = {}


def condition(doctype: str, name: str, description: str = "", *, rows: Callable | None = None):
    def register(func):
        _CONDITIONS[(doctype, name)] = Registered(
            name, func, description or func.__doc__ or "", rows=rows
        )
        return func

    return register


def effect(
    doctype: str,
    name: str,
    description: str = "",
    *,
    after_commit: bool = False,
    follow_on: bool = False,
):
    def register(func):
        _EFFECTS[(doctype, name)] = Registered(
            name, func, description or func.__doc__ or "", after_commit, follow_on
        )
        return func

    return register


def has_condition(doctype: str, name: str) -> bool:
    return (doctype, name) in _CONDITIONS


def has_effect(doctype: str, name: str) -> bool:
    return (doctype, name) in _EFFECTS


def get_condition(doctype: str, name: str) -> Registered:
    return _CONDITIONS[(doctype, name)]


def get_effect(doctype: str, name: str) -> Registered:
    return _EFFECTS[(doctype, name)]


def conditions_of(doctype: str) -> list[Registered]:
    return sorted((r for (d, _), r in _CONDITIONS.items() if d == doctype), key=lambda r: r.name)


def effects_of(doctype: str) -> list[Registered]:
    return sorted((r for (d, _), r in _EFFECTS.items() if d == doctype), key=lambda r: r.name)


@dataclass(frozen=True)
class ReservedStep:
    """A step the law or the scheme reserves: no declaration (file or desk edit) may
    give it to another role, drop its rules or effects, start it elsewhere, or let a
    document reach what it guards some other way. Declared in code, beside the rules,
    so that the Board's own edits cannot loosen it."""

    doctype: str
    action: str
    source: str  # the legal source, cited to the user when an edit is refused
    roles: frozenset[str] | None = None  # None: roles are not reserved, only the rules
    conditions: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    from_states: frozenset[str] = frozenset()  # empty: any source state
    # States a document reaches only through this step (or one of its `alternatives`,
    # reserved steps too): a transition leading there around it is refused, so renaming
    # the step does not shed the reservation.
    guards: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    # Which of its rules a role may override (with a written, logged reason): by
    # default none, so an override can never bypass a legal rule.
    overridable: tuple[tuple[str, frozenset[str]], ...] = ()

    def override_roles_for(self, condition_name: str) -> frozenset[str]:
        return dict(self.overridable).get(condition_name, frozenset())


_RESERVED: dict[tuple[str, str], ReservedStep] = {}


def reserve(
    doctype: str,
    action: str,
    *,
    source: str,
    roles=None,
    conditions=(),
    effects=(),
    from_states=(),
    guards=(),
    alternatives=(),
    overridable: dict | None = None,
) -> ReservedStep:
    step = ReservedStep(
        doctype=doctype,
        action=action,
        source=source,
        roles=frozenset(roles) if roles is not None else None,
        conditions=tuple(conditions),
        effects=tuple(effects),
        from_states=frozenset(from_states),
        guards=tuple(guards),
        alternatives=tuple(alternatives),
        overridable=tuple((k, frozenset(v)) for k, v in (overridable or {}).items()),
    )
    _RESERVED[(doctype, action)] = step
    return step


def reserved(doctype: str, action: str) -> ReservedStep | None:
    return _RESERVED.get((doctype, action))


def reserved_of(doctype: str) -> list[ReservedStep]:
    return [r for (d, _), r in _RESERVED.items() if d == doctype]

"""A workflow declaration in memory, and the checks every edit must pass.

The same `parse_definition` guards the YAML files and the desk, so a process
the Board edits can never name a state, role, condition or effect that does not
exist, strand a state, leave an open state with no way out, or loosen a step the
law reserves (reservations.py).
"""

from collections import deque
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..access.roles import Role
from . import registry
from .bindings import binding_for
from .notifications import NotificationDef, parse_notifications
from .reservations import action_problems, guard_problems

ANY_OPEN = "*"  # a transition available from every state that is not final


@dataclass(frozen=True)
class StateDef:
    name: str
    label: str
    final: bool = False
    editable_roles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TransitionDef:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the document stays in its state (a recorded step)
    roles: frozenset[str]
    conditions: tuple[str, ...] = ()
    effects: tuple[str, ...] = ()
    comment_required: bool = False
    override_roles: frozenset[str] = frozenset()
    help: str = ""
    notifications: tuple[NotificationDef, ...] = ()

    def applies_to(self, state: str, wf: "WorkflowDef") -> bool:
        if ANY_OPEN in self.sources:
            return not wf.states[state].final if state in wf.states else False
        return state in self.sources

    def target_for(self, state: str) -> str:
        return self.target or state


@dataclass(frozen=True)
class WorkflowDef:
    doctype: str
    label: str
    initial: str
    states: dict[str, StateDef]
    transitions: tuple[TransitionDef, ...]
    revision: int = 0
    extra: dict = field(default_factory=dict)

    def transitions_from(self, state: str) -> list[TransitionDef]:
        return [t for t in self.transitions if t.applies_to(state, self)]

    def find(self, action: str, state: str) -> TransitionDef | None:
        for t in self.transitions_from(state):
            if t.action == action:
                return t
        return None

    def actions(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.transitions:
            seen.setdefault(t.action, None)
        return list(seen)

    def label_of(self, state: str) -> str:
        s = self.states.get(state)
        return s.label if s else state


def _roles(values, where: str, errors: list[str]) -> frozenset[str]:
    values = list(values or [])
    unknown = [v for v in values if v not in Role.values]
    if unknown:
        errors.append(
            _("%(where)s: unknown role(s) %(names)s.")
            % {"where": where, "names": ", ".join(unknown)}
        )
    return frozenset(v for v in values if v in Role.values)


STATE_KEYS = frozenset({"name", "label", "final", "editable_by"})
TRANSITION_KEYS = frozenset(
    {
        "action",
        "label",
        "from",
        "to",
        "roles",
        "conditions",
        "effects",
        "comment_required",
        "override_roles",
        "help",
        "notify",
    }
)


def _unknown_keys(raw: dict, known: frozenset[str], errors: list[str]) -> None:
    # In YAML an unquoted comma inside {…} splits a label into a stray key.
    for key in set(raw) - known:
        errors.append(
            _("%(where)s has an unknown entry “%(key)s” (quote a label that contains a comma).")
            % {"where": raw.get("name") or raw.get("action") or "?", "key": key}
        )


def parse_definition(data: dict, *, doctype: str, revision: int = 0) -> WorkflowDef:
    """Build a WorkflowDef from plain data (a YAML file or the desk rows), validated."""
    errors: list[str] = []
    states: dict[str, StateDef] = {}
    for raw in data.get("states") or []:
        _unknown_keys(raw, STATE_KEYS, errors)
        name = str(raw.get("name", "")).strip()
        if not name:
            errors.append(_("A state has no name."))
            continue
        if name in states:
            errors.append(_("State %(name)s is declared twice.") % {"name": name})
        states[name] = StateDef(
            name=name,
            label=str(raw.get("label") or name),
            final=bool(raw.get("final", False)),
            editable_roles=_roles(raw.get("editable_by"), name, errors),
        )
    transitions = []
    for raw in data.get("transitions") or []:
        _unknown_keys(raw, TRANSITION_KEYS, errors)
        action = str(raw.get("action", "")).strip()
        sources = raw.get("from") or []
        if isinstance(sources, str):
            sources = [sources]
        target = raw.get("to")
        transitions.append(
            TransitionDef(
                action=action,
                label=str(raw.get("label") or action),
                sources=tuple(str(s).strip() for s in sources),
                target=str(target).strip() if target else None,
                roles=_roles(raw.get("roles"), action or "?", errors),
                conditions=tuple(raw.get("conditions") or ()),
                effects=tuple(raw.get("effects") or ()),
                comment_required=bool(raw.get("comment_required", False)),
                override_roles=_roles(raw.get("override_roles"), action or "?", errors),
                help=str(raw.get("help") or ""),
                notifications=parse_notifications(
                    raw.get("notify"),
                    doctype=doctype,
                    where=f"“{raw.get('label') or action or '?'}”",
                    errors=errors,
                ),
            )
        )
    wf = WorkflowDef(
        doctype=doctype,
        label=str(data.get("label") or doctype),
        initial=str(data.get("initial") or ""),
        states=states,
        transitions=tuple(transitions),
        revision=revision,
    )
    errors.extend(problems_of(wf))
    if errors:
        raise ValidationError([ValidationError(e, code="invalid_workflow") for e in errors])
    return wf


def problems_of(wf: WorkflowDef) -> list[str]:
    """Everything wrong with a declaration, in words the Board can act on."""
    errors: list[str] = []
    allowed_states = set(binding_for(wf.doctype).state_values())
    for name in wf.states:
        if name not in allowed_states:
            errors.append(
                _("State %(name)s is unknown to this document type (allowed: %(allowed)s).")
                % {"name": name, "allowed": ", ".join(sorted(allowed_states))}
            )
    if wf.initial not in wf.states:
        errors.append(_("The initial state %(name)s is not declared.") % {"name": wf.initial})
    seen_pairs: set[tuple[str, str]] = set()
    for t in wf.transitions:
        where = f"“{t.label}” ({t.action})" if t.label and t.label != t.action else t.action or "?"
        if not t.action:
            errors.append(_("A transition has no action name."))
        if not t.sources:
            errors.append(_("Transition %(action)s has no source state.") % {"action": where})
        for s in t.sources:
            if s != ANY_OPEN and s not in wf.states:
                errors.append(
                    _(
                        "Transition %(action)s starts from unknown state %(state)s "
                        "(states: %(known)s)."
                    )
                    % {"action": where, "state": s, "known": ", ".join(wf.states)}
                )
            if (t.action, s) in seen_pairs:
                errors.append(
                    _("Action %(action)s is declared twice from state %(state)s.")
                    % {"action": t.action, "state": s}
                )
            seen_pairs.add((t.action, s))
        if t.target is not None and t.target not in wf.states:
            errors.append(
                _("Transition %(action)s leads to unknown state %(state)s (states: %(known)s).")
                % {"action": where, "state": t.target, "known": ", ".join(wf.states)}
            )
        if not t.roles:
            errors.append(_("Transition %(action)s has no role allowed.") % {"action": where})
        for name in t.conditions:
            if not registry.has_condition(wf.doctype, name):
                errors.append(
                    _("Transition %(action)s names unknown rule %(rule)s.")
                    % {"action": where, "rule": name}
                )
        for name in t.effects:
            if not registry.has_effect(wf.doctype, name):
                errors.append(
                    _("Transition %(action)s names unknown effect %(effect)s.")
                    % {"action": where, "effect": name}
                )
        if t.override_roles and not t.conditions:
            errors.append(
                _("Transition %(action)s allows an override but has no rule to override.")
                % {"action": where}
            )
    # Steps the law or the scheme reserves (registry.reserve) stay as reserved.
    errors.extend(action_problems(wf))
    if errors:
        return errors
    errors.extend(guard_problems(wf))
    reachable = _reachable(wf)
    for name, state in wf.states.items():
        if name not in reachable:
            errors.append(
                _("State %(name)s (%(label)s) cannot be reached from %(initial)s.")
                % {"name": name, "label": state.label, "initial": wf.initial}
            )
        elif not state.final and not any(
            t.target_for(name) != name for t in wf.transitions_from(name)
        ):
            errors.append(
                _("State %(name)s (%(label)s) is not final but has no way out.")
                % {"name": name, "label": state.label}
            )
    return errors


def _reachable(wf: WorkflowDef) -> set[str]:
    seen, queue = {wf.initial}, deque([wf.initial])
    while queue:
        state = queue.popleft()
        for t in wf.transitions_from(state):
            nxt = t.target_for(state)
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen

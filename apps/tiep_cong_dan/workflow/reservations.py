"""Steps reserved by law or by the scheme (`registry.reserve`), checked in every
declaration and at every override.

A declaration may narrow a reserved step (fewer roles, more rules) but never widen
it: each refusal names the legal source the step was reserved by. Overrides of a
reserved step's rules are decided per rule in the reservation (none unless listed);
the engine asks `unoverridable` before it lets a role override anything there.
"""

from collections import deque

from django.utils.translation import gettext as _

from ..access.roles import Role
from . import registry
from .shipped import read_file


def _role_names(roles) -> str:
    return ", ".join(str(Role(r).label) for r in sorted(roles) if r in Role.values)


def _rule_name(doctype: str, name: str) -> str:
    if registry.has_condition(doctype, name):
        return str(registry.get_condition(doctype, name).description) or name
    return name


def _effect_name(doctype: str, name: str) -> str:
    if registry.has_effect(doctype, name):
        return str(registry.get_effect(doctype, name).description) or name
    return name


def _shipped_label(doctype: str, action: str) -> str:
    for t in read_file(doctype).get("transitions") or []:
        if t.get("action") == action:
            return str(t.get("label") or action)
    return action


def action_problems(wf) -> list[str]:
    """Reserved steps missing, and what each transition of one gives away."""
    errors: list[str] = []
    declared = {t.action for t in wf.transitions}
    for step in registry.reserved_of(wf.doctype):
        if step.action not in declared:
            errors.append(
                _("“%(action)s” cannot be removed (%(source)s).")
                % {"action": _shipped_label(wf.doctype, step.action), "source": step.source}
            )
    for t in wf.transitions:
        step = registry.reserved(wf.doctype, t.action)
        if step is None:
            continue
        where = {"action": t.label or t.action, "source": step.source}
        if step.roles is not None and t.roles - step.roles:
            errors.append(
                _(
                    "“%(action)s” is reserved to %(roles)s (%(source)s): it cannot be given "
                    "to %(others)s."
                )
                % {
                    **where,
                    "roles": _role_names(step.roles),
                    "others": _role_names(t.roles - step.roles),
                }
            )
        for name in step.conditions:
            if name not in t.conditions:
                errors.append(
                    _("“%(action)s” must keep the rule “%(rule)s” (%(source)s).")
                    % {**where, "rule": _rule_name(wf.doctype, name)}
                )
        for name in step.effects:
            if name not in t.effects:
                errors.append(
                    _("“%(action)s” must keep the effect “%(effect)s” (%(source)s).")
                    % {**where, "effect": _effect_name(wf.doctype, name)}
                )
        if step.from_states and set(t.sources) - step.from_states:
            errors.append(
                _("“%(action)s” may start only from %(states)s (%(source)s).")
                % {**where, "states": ", ".join(wf.label_of(s) for s in sorted(step.from_states))}
            )
        # A role may override a rule the Board added; a reserved rule only as listed.
        extra_rules = set(t.conditions) - set(step.conditions)
        idle = {
            r
            for r in t.override_roles
            if not extra_rules and not any(r in step.override_roles_for(c) for c in t.conditions)
        }
        if idle:
            errors.append(
                _("The rules of “%(action)s” cannot be overridden by %(roles)s (%(source)s).")
                % {**where, "roles": _role_names(idle)}
            )
    return errors


def guard_problems(wf) -> list[str]:
    """States a reserved step guards that a declaration reaches some other way."""
    errors: list[str] = []
    labels = {t.action: t.label for t in wf.transitions}
    for step in registry.reserved_of(wf.doctype):
        through = {step.action, *step.alternatives}
        reachable = _reachable_without(wf, through)
        for state in step.guards:
            if state in wf.states and state in reachable:
                errors.append(
                    _("State “%(state)s” may be reached only through %(actions)s (%(source)s).")
                    % {
                        "state": wf.label_of(state),
                        "actions": ", ".join(
                            f"“{labels.get(a) or _shipped_label(wf.doctype, a)}”"
                            for a in sorted(through)
                        ),
                        "source": step.source,
                    }
                )
    return errors


def _reachable_without(wf, actions: set[str]) -> set[str]:
    seen, queue = {wf.initial}, deque([wf.initial])
    while queue:
        state = queue.popleft()
        for t in wf.transitions_from(state):
            if t.action in actions:
                continue
            nxt = t.target_for(state)
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def unoverridable(doctype: str, action: str, failed: list[str], roles) -> list[str]:
    """The failed rules of a reserved step that none of `roles` may override."""
    step = registry.reserved(doctype, action)
    if step is None:
        return []
    return [
        name
        for name in failed
        if name in step.conditions and not (step.override_roles_for(name) & frozenset(roles))
    ]


def source_of(doctype: str, action: str) -> str:
    step = registry.reserved(doctype, action)
    return step.source if step else ""

"""The one way a document changes state.

`apply` is a single atomic step: lock the row, re-read its state, check the role,
the user's scope and the declared rules, set the new state, run the declared
effects, append the event. Anything that fails rolls the whole step back. Two
officers acting at once queue on the row lock; the second re-reads the state the
first left and gets a clear refusal instead of a mixed result.

The engine is small on purpose: the declarations live in the database and are
edited by the Board, which state-machine libraries built around classes (django-fsm,
python-statemachine) do not support without fighting them.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access.roles import Role, roles_of
from ..access.rules import rule_for
from ..core import outbox, tallies
from ..core.bulk import Prepared
from ..core.validators import SHORT_TEXT, normalise_text
from . import registry
from .bindings import binding_for, doctype_of
from .definition import TransitionDef, WorkflowDef
from .loader import definition
from .models import WorkflowEvent
from .reservations import source_of, unoverridable

CREATED_LABEL = "Tiếp nhận, tạo mới"
# The outbox task of an `after_commit` effect (its handler: jobs/outbox.py).
DEFERRED_EFFECT = "workflow.effect"
# The step's declared notifications (workflow/notifications.py), sent after it commits.
DEFERRED_NOTIFICATIONS = "workflow.notify"
PENDING_COMMENT = "(ý kiến sẽ nhập)"


class TransitionRefused(ValidationError):
    """A refused workflow action; `code` says why and `reasons` lists every rule that
    failed, each a sentence for the user."""

    def __init__(self, message: str, *, code: str, reasons: list[str] | None = None):
        super().__init__(message, code=code)
        self.reasons = list(reasons or [])

    def __str__(self) -> str:
        return " ".join([self.message, *self.reasons]) if self.reasons else self.message


@dataclass
class TransitionContext:
    """What conditions and effects see."""

    doc: object
    transition: TransitionDef
    workflow: WorkflowDef
    user: object | None
    comment: str
    at: datetime.datetime
    from_state: str
    event: WorkflowEvent | None = None
    data: dict = field(default_factory=dict)

    @property
    def today(self) -> datetime.date:
        return timezone.localtime(self.at).date()

    @property
    def roles(self) -> frozenset[str]:
        return roles_of(self.user) if self.user is not None else frozenset()


@dataclass(frozen=True)
class ActionOption:
    """An action as the desk shows it to one user."""

    transition: TransitionDef
    allowed: bool
    reasons: tuple[str, ...] = ()
    may_override: bool = False
    blocked_by: str = ""  # "role", "scope" or "rules" when not allowed

    @property
    def action(self) -> str:
        return self.transition.action

    @property
    def label(self) -> str:
        return self.transition.label


def _state_of(doc) -> str:
    return getattr(doc, binding_for(doctype_of(doc)).state_field)


def _failures(ctx: TransitionContext) -> list[tuple[str, str]]:
    """(rule, reason) for every declared rule that does not hold."""
    failed = []
    for name in ctx.transition.conditions:
        reason = registry.get_condition(ctx.workflow.doctype, name).func(ctx)
        if reason:
            failed.append((name, str(reason)))
    return failed


def _locked_rules(ctx: TransitionContext, failed: list[tuple[str, str]], user) -> list[str]:
    """Reasons of failed rules a reserved step lets nobody of the user's roles override,
    whatever the declaration's override roles say."""
    locked = unoverridable(
        ctx.workflow.doctype, ctx.transition.action, [n for n, _ in failed], roles_of(user)
    )
    return [reason for name, reason in failed if name in locked]


def _role_refusal(wf: WorkflowDef, t: TransitionDef, user) -> str | None:
    if not roles_of(user) & t.roles:
        names = ", ".join(str(Role(r).label) for r in sorted(t.roles))
        return _("Only %(roles)s may do this.") % {"roles": names}
    return None


def _scope_refusal(doc, user) -> str | None:
    if not rule_for(type(doc)).can_view(user, doc):
        return _("This document is outside your area of work.")
    return None


def options(user, doc) -> list[ActionOption]:
    """Every action declared from the document's state, with whether this user may take
    it now and, if not, why. Read-only: nothing is locked."""
    doctype = doctype_of(doc)
    wf = definition(doctype)
    state = _state_of(doc)
    result = []
    for t in wf.transitions_from(state):
        # A step that asks for a comment is judged as if it will be given: the rule that
        # wants a reason must not hide the button the reason is typed for.
        comment = PENDING_COMMENT if t.comment_required else ""
        ctx = TransitionContext(doc, t, wf, user, comment, timezone.now(), state)
        refusal = _role_refusal(wf, t, user)
        if refusal:
            result.append(ActionOption(t, False, (refusal,), blocked_by="role"))
            continue
        refusal = _scope_refusal(doc, user)
        if refusal:
            result.append(ActionOption(t, False, (refusal,), blocked_by="scope"))
            continue
        failed = _failures(ctx)
        reasons = [reason for _name, reason in failed]
        may_override = (
            bool(reasons)
            and bool(roles_of(user) & t.override_roles)
            and not _locked_rules(ctx, failed, user)
        )
        result.append(
            ActionOption(t, not reasons, tuple(reasons), may_override, "rules" if reasons else "")
        )
    return result


def may_edit(user, doc) -> bool:
    """Whether the document's current state lets this user edit its fields."""
    wf = definition(doctype_of(doc))
    state = wf.states.get(_state_of(doc))
    return state is not None and bool(roles_of(user) & state.editable_roles)


def record_start(doc, *, by=None, at: datetime.datetime | None = None, comment: str = ""):
    """Append the first event of a new document (its receipt or creation)."""
    doctype = doctype_of(doc)
    wf = definition(doctype)
    binding = binding_for(doctype)
    # A document starts counting in the figures with its first event.
    with tallies.kept(doctype, new=True) as created:
        event = _record_start(doc, doctype, wf, binding, by, at, comment)
        created.add(doc.pk)
    return event


def _record_start(doc, doctype, wf, binding, by, at, comment) -> WorkflowEvent:
    return WorkflowEvent.objects.create(
        doctype=doctype,
        object_id=doc.pk,
        action="create",
        # Labels are kept as the process speaks (the workflow files are Vietnamese).
        action_label=CREATED_LABEL,
        from_state="",
        to_state=_state_of(doc),
        actor=by,
        actor_roles=sorted(roles_of(by)) if by is not None else [],
        at=at or timezone.now(),
        comment=comment,
        snapshot=binding.snapshot(doc),
        workflow_revision=wf.revision,
    )


def record_note(
    doc,
    *,
    action: str,
    label: str,
    comment: str,
    by=None,
    at: datetime.datetime | None = None,
) -> WorkflowEvent:
    """Append an event that records a change to the document outside any transition
    (e.g. a task handed to a merged agency's successor): the state stays, the event
    keeps who, when, why and the key fields after the change."""
    doctype = doctype_of(doc)
    state = _state_of(doc)
    return WorkflowEvent.objects.create(
        doctype=doctype,
        object_id=doc.pk,
        action=action,
        action_label=label,
        from_state=state,
        to_state=state,
        actor=by,
        actor_roles=sorted(roles_of(by)) if by is not None else [],
        at=at or timezone.now(),
        comment=comment,
        snapshot=binding_for(doctype).snapshot(doc),
        workflow_revision=definition(doctype).revision,
    )


def _checked_comment(comment: str) -> str:
    comment = normalise_text(comment or "", multiline=True)
    if len(comment) > SHORT_TEXT:
        raise TransitionRefused(
            _("A comment holds at most %(limit)s characters (this one has %(count)s).")
            % {"limit": SHORT_TEXT, "count": len(comment)},
            code="comment_too_long",
        )
    return comment


def _transition(wf: WorkflowDef, action: str, state: str, expected_state: str | None):
    """The declared transition of `action` from `state`, or why there is none: the
    document moved since the user saw it, no such action, or not from this state."""
    if expected_state is not None and expected_state != state:
        raise TransitionRefused(
            _(
                "Someone else has just processed this document: it is now “%(state)s”. "
                "Look at it again before acting."
            )
            % {"state": wf.label_of(state)},
            code="stale",
        )
    t = wf.find(action, state)
    if t is not None:
        return t
    declared = [x for x in wf.transitions if x.action == action]
    if not declared:
        raise TransitionRefused(
            _("There is no action %(action)s in this workflow.") % {"action": action},
            code="unknown_action",
        )
    raise TransitionRefused(
        _("“%(action)s” cannot be done: the document is now “%(state)s”.")
        % {"action": declared[0].label, "state": wf.label_of(state)},
        code="wrong_state",
    )


def _check_actor(ctx: TransitionContext) -> None:
    """The user's role may take the step, on a document in their scope, with the
    comment the step asks for. The system (by=None) is not asked its role."""
    t, by = ctx.transition, ctx.user
    if by is not None:
        refusal = _role_refusal(ctx.workflow, t, by) or _scope_refusal(ctx.doc, by)
        if refusal:
            raise TransitionRefused(refusal, code="not_allowed")
    if t.comment_required and not ctx.comment:
        raise TransitionRefused(
            _("“%(action)s” needs a comment giving the reason.") % {"action": t.label},
            code="comment_required",
        )


def _overridden_rules(ctx: TransitionContext, override: bool) -> list[str]:
    """The declared rules the step fails; with `override`, those a role allowed to
    override them sets aside with a written reason (never a rule the law reserves).
    Returns what was set aside, for the event to keep."""
    t = ctx.transition
    failed = _failures(ctx)
    reasons = [reason for _name, reason in failed]
    if not reasons:
        return []
    if not override:
        raise TransitionRefused(
            _("“%(action)s” cannot be done yet:") % {"action": t.label},
            code="condition_failed",
            reasons=reasons,
        )
    if ctx.user is None or not roles_of(ctx.user) & t.override_roles:
        raise TransitionRefused(
            _("You may not override the rules of “%(action)s”.") % {"action": t.label},
            code="override_not_allowed",
            reasons=reasons,
        )
    reserved_reasons = _locked_rules(ctx, failed, ctx.user)
    if reserved_reasons:
        raise TransitionRefused(
            _("The law reserves these rules of “%(action)s” (%(source)s):")
            % {"action": t.label, "source": source_of(ctx.workflow.doctype, t.action)},
            code="override_not_allowed",
            reasons=reserved_reasons,
        )
    if not ctx.comment:
        raise TransitionRefused(
            _("An override needs a comment giving the reason."), code="comment_required"
        )
    return reasons


def _record(ctx: TransitionContext, binding, overridden: list[str], caused_by) -> WorkflowEvent:
    """The event of the step: who, when, from and to which state, what was set aside,
    and the document as it then was."""
    by, t = ctx.user, ctx.transition
    return WorkflowEvent.objects.create(
        doctype=binding.doctype,
        object_id=ctx.doc.pk,
        action=t.action,
        action_label=t.label,
        from_state=ctx.from_state,
        to_state=t.target_for(ctx.from_state),
        actor=by,
        actor_roles=sorted(roles_of(by)) if by is not None else [],
        at=ctx.at,
        comment=ctx.comment,
        overridden=overridden,
        snapshot=binding.snapshot(ctx.doc),
        workflow_revision=ctx.workflow.revision,
        caused_by=caused_by,
    )


def _after_the_event(ctx: TransitionContext, effects: list) -> None:
    """Effects that need the event: follow-on steps now, the rest owed through the
    outbox, saved in this very transaction and run after it commits."""
    for registered in effects:
        if registered.follow_on:
            registered.func(ctx)
        elif registered.after_commit:
            outbox.enqueue(
                DEFERRED_EFFECT,
                key=f"effect:{ctx.event.pk}:{registered.name}",
                doctype=ctx.event.doctype,
                effect=registered.name,
                event=ctx.event.pk,
            )
    if ctx.transition.notifications:
        outbox.enqueue(
            DEFERRED_NOTIFICATIONS,
            key=f"notify:{ctx.event.pk}",
            doctype=ctx.event.doctype,
            event=ctx.event.pk,
            # As declared when the step was taken: a later edit changes later steps.
            notify=[n.as_data() for n in ctx.transition.notifications],
        )


def apply(
    doc,
    action: str,
    *,
    by=None,
    comment: str = "",
    override: bool = False,
    at: datetime.datetime | None = None,
    caused_by: WorkflowEvent | None = None,
    expected_state: str | None = None,
    data: dict | None = None,
) -> WorkflowEvent:
    """Take `action` on `doc` as user `by`. With `by=None` the system acts (an effect of
    another document's step, a job, the demo): roles and scope are not asked, but the
    declared rules still are. `expected_state` is the state the user saw (the desk and
    the API send it): if someone else moved the document since, the step is refused
    rather than applied to a document the user has not seen. `data` is what the user
    typed for the step's effects and is never stored (a signing token's PIN). Raises
    TransitionRefused with the reasons."""
    doctype = doctype_of(doc)
    binding = binding_for(doctype)
    comment = _checked_comment(comment)
    with transaction.atomic():
        locked = binding.model._default_manager.select_for_update().get(pk=doc.pk)
        wf = definition(doctype)
        state = _state_of(locked)
        t = _transition(wf, action, state, expected_state)
        ctx = TransitionContext(
            locked, t, wf, by, comment, at or timezone.now(), state, data=dict(data or {})
        )
        _check_actor(ctx)
        overridden = _overridden_rules(ctx, override)
        # The figures kept per month (reporting) move with the step, in its transaction.
        with tallies.kept(doctype, [locked.pk]):
            setattr(locked, binding.state_field, t.target_for(state))
            effects = [registry.get_effect(doctype, name) for name in t.effects]
            for registered in effects:
                if not (registered.after_commit or registered.follow_on):
                    registered.func(ctx)  # part of the step: fields set before it is saved
            if by is not None:
                locked._history_user = by
            locked.save()
            ctx.event = _record(ctx, binding, overridden, caused_by)
            _after_the_event(ctx, effects)
    # The caller's object follows the stored state.
    for f in locked._meta.concrete_fields:
        setattr(doc, f.attname, getattr(locked, f.attname))
    return ctx.event


@dataclass(frozen=True)
class PastStep:
    """A step taken before the system kept the record, as the records give it: the
    action and the moment it was taken (a comment where the records say more)."""

    action: str
    at: datetime.datetime
    comment: str = ""


def _declared(wf: WorkflowDef, action: str, state: str) -> TransitionDef | None:
    """wf.find, remembered with the parsed declaration (history replays thousands)."""
    found = wf.extra.setdefault("found", {})
    key = (action, state)
    if key not in found:
        found[key] = wf.find(action, state)
    return found[key]


def replay_past(
    doctype: str,
    steps: Sequence[PastStep],
    *,
    started_at: datetime.datetime,
    declaration: WorkflowDef | None = None,
) -> str:
    """The state a document of `doctype` started at `started_at` reaches through `steps`.

    Each step must be a transition declared from the state before it, and not earlier
    than the one before: the declaration is what history is checked against, not
    today's rules (a deadline, a test connection, a signature the system did not hold
    then). Raises TransitionRefused naming the first step that is not. Reads only the
    declaration (`declaration`, when the caller holds it already), so an import's dry
    run can ask it for thousands of documents."""
    wf = declaration or definition(doctype)
    state, last = wf.initial, started_at
    for step in steps:
        t = _declared(wf, step.action, state)
        if t is None:
            declared = [x for x in wf.transitions if x.action == step.action]
            if not declared:
                raise TransitionRefused(
                    _("There is no action %(action)s in this workflow.") % {"action": step.action},
                    code="unknown_action",
                )
            raise TransitionRefused(
                _("“%(action)s” cannot be done: the document is now “%(state)s”.")
                % {"action": declared[0].label, "state": wf.label_of(state)},
                code="wrong_state",
            )
        if step.at < last:
            raise TransitionRefused(
                _("“%(action)s” is dated before the step that precedes it.") % {"action": t.label},
                code="out_of_order",
            )
        state, last = t.target_for(state), step.at
    return state


class PastHistory:
    """The events of documents entered from the records of the years before the
    system, built and checked before anything is written: for each (document, when it
    was started, its steps) the creation event and one event per step, each dated on
    its own day. The documents need not be saved yet; `append` writes the events (in
    the caller's transaction, once the documents are) linked to the import they came
    from.

    Steps are checked against the declared transitions (`replay_past`) and each
    document's state must be the one they lead to. Today's rules are not asked and no
    effect runs, not even through the outbox: a reminder, a deadline or a notice about
    2023 would help nobody, and what the effects would have set the records give. The
    actor is nobody (the records name people, not users)."""

    def __init__(
        self,
        entries: Iterable[tuple[object, datetime.datetime, Sequence[PastStep]]],
        *,
        comment: str = "",
    ) -> None:
        self.events: list[SimpleNamespace] = []
        loaded: dict[str, WorkflowDef] = {}
        for doc, started_at, steps in entries:
            doctype = doctype_of(doc)
            wf = loaded.get(doctype) or loaded.setdefault(doctype, definition(doctype))
            binding = binding_for(doctype)
            reached = replay_past(doctype, steps, started_at=started_at, declaration=wf)
            if _state_of(doc) != reached:
                raise TransitionRefused(
                    _("Save the document in the state its recorded steps lead to."),
                    code="not_saved_as_recorded",
                )
            snapshot, state = binding.snapshot(doc), wf.initial
            # A key field linking a document saved in the same transaction (a notice's
            # session) is read again when the events are written.
            unsaved = any(
                f.is_relation
                and f.is_cached(doc)
                and getattr(f.get_cached_value(doc), "pk", 0) is None
                for f in (doc._meta.get_field(n) for n in binding.snapshot_fields)
            )
            moves = [("create", CREATED_LABEL, "", state, started_at, comment)]
            for step in steps:
                t = _declared(wf, step.action, state)
                target = t.target_for(state)
                moves.append((t.action, t.label, state, target, step.at, step.comment))
                state = target
            for action, label, from_state, to_state, at, note in moves:
                # Plain rows, not model instances: tens of thousands are built at once.
                self.events.append(
                    SimpleNamespace(
                        doctype=doctype,
                        object_id=None,
                        action=action,
                        action_label=label,
                        from_state=from_state,
                        to_state=to_state,
                        actor_id=None,
                        actor_roles=[],
                        at=at,
                        comment=note,
                        overridden=[],
                        # The key fields as the records leave them, in the step's state.
                        snapshot={**snapshot, binding.state_field: to_state},
                        workflow_revision=wf.revision,
                        caused_by_id=None,
                        from_records_id=None,
                        past_document=doc,
                        past_binding=binding if unsaved else None,
                    )
                )
        self.source = None
        self.rows = Prepared(
            WorkflowEvent,
            self.events,
            late={
                "object_id": lambda e: e.past_document.pk,
                "from_records": lambda e: self.source.pk,
            },
        )

    def append(self, source) -> int:
        """Write the events, linked to `source` (the HistoryImport), the documents
        being saved by now; returns how many."""
        self.source = source
        pending = [i for i, event in enumerate(self.events) if event.past_binding is not None]
        for i in pending:
            event, binding = self.events[i], self.events[i].past_binding
            event.snapshot = {
                **binding.snapshot(event.past_document),
                binding.state_field: event.to_state,
            }
        self.rows.convert_again("snapshot", pending)
        self.rows.insert()
        return len(self.events)


def record_past(
    entries: Iterable[tuple[object, datetime.datetime, Sequence[PastStep]]],
    *,
    source,
    comment: str = "",
) -> int:
    """The history of saved documents entered from records (see PastHistory), appended
    at once."""
    with transaction.atomic():
        return PastHistory(entries, comment=comment).append(source)


def timeline(doc) -> list[WorkflowEvent]:
    return list(
        WorkflowEvent.objects.filter(doctype=doctype_of(doc), object_id=doc.pk)
        .select_related("actor", "from_records", "from_records__imported_by")
        .order_by("at", "id")
    )

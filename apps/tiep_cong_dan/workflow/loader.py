"""Declarations travel file -> database -> engine.

The YAML files beside this module are the shipped process. `load_workflows` puts
them into the database (leaving desk edits alone unless asked to reset); the engine
reads the database, keeping a parsed copy per process until the row's revision moves.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import transaction

from ..access.roles import roles_of
from .bindings import BINDINGS
from .definition import WorkflowDef, parse_definition
from .models import Workflow, WorkflowState, WorkflowTransition
from .shipped import file_for, read_file

logger = logging.getLogger(__name__)
_parsed: dict[str, WorkflowDef] = {}
# Inside `declarations_held()`: the parsed declarations are used without asking the
# database for their revision (nobody edits them meanwhile).
_held = False
_Key = tuple[int, int, object]  # (pk, revision, updated_at) of a stored declaration
# Inside `revisions_read_once()` (a request): every declaration's key, read in one query
# the first time one is needed (None until then).
_scope: ContextVar[dict[str, dict[str, _Key] | None] | None] = ContextVar(
    "workflow_revisions", default=None
)


def rows_to_data(workflow: Workflow) -> dict:
    return {
        "label": workflow.label,
        "initial": workflow.initial_state,
        "states": [
            {"name": s.name, "label": s.label, "final": s.final, "editable_by": s.editable_by}
            for s in workflow.states.all()
        ],
        "transitions": [
            {
                "action": t.action,
                "label": t.label,
                "from": t.sources,
                "to": t.target or None,
                "roles": t.roles,
                "conditions": t.conditions,
                "effects": t.effects,
                "comment_required": t.comment_required,
                "override_roles": t.override_roles,
                "help": t.help,
                "notify": t.notifications,
            }
            for t in workflow.transitions.all()
        ],
    }


@transaction.atomic
def store(doctype: str, data: dict, *, source_file: str = "") -> Workflow:
    """Validate `data` and make it the workflow of `doctype` (replacing the rows)."""
    parse_definition(data, doctype=doctype)  # raises ValidationError when invalid
    workflow = Workflow.objects.select_for_update().filter(doctype=doctype).first()
    if workflow is None:
        workflow = Workflow(doctype=doctype)
    else:
        workflow.revision += 1
    forget_revisions()
    workflow.label = data.get("label") or doctype
    workflow.initial_state = data["initial"]
    workflow.source_file = source_file
    workflow.save()
    workflow.states.all().delete()
    workflow.transitions.all().delete()
    for i, s in enumerate(data.get("states") or []):
        WorkflowState.objects.create(
            workflow=workflow,
            position=i,
            name=s["name"],
            label=s.get("label") or s["name"],
            final=bool(s.get("final", False)),
            editable_by=list(s.get("editable_by") or []),
        )
    for i, t in enumerate(data.get("transitions") or []):
        sources = t.get("from") or []
        WorkflowTransition.objects.create(
            workflow=workflow,
            position=i,
            action=t["action"],
            label=t.get("label") or t["action"],
            sources=[sources] if isinstance(sources, str) else list(sources),
            target=t.get("to") or "",
            roles=list(t.get("roles") or []),
            conditions=list(t.get("conditions") or []),
            effects=list(t.get("effects") or []),
            comment_required=bool(t.get("comment_required", False)),
            override_roles=list(t.get("override_roles") or []),
            help=t.get("help") or "",
            notifications=list(t.get("notify") or []),
        )
    return workflow


def stored_problems(workflow: Workflow) -> list[str]:
    """Why a stored declaration no longer passes the checks (none when it does): an
    edit saved before a step was reserved, a rule since removed from the code."""
    try:
        parse_definition(rows_to_data(workflow), doctype=workflow.doctype)
    except ValidationError as exc:
        return exc.messages
    return []


def load_workflows(*, reset: bool = False) -> list[str]:
    """Load the shipped declarations; returns the doctypes written. A stored declaration
    that fails the checks is replaced by its file even without `reset`."""
    written = []
    for doctype in BINDINGS:
        stored = Workflow.objects.filter(doctype=doctype).first()
        if not reset and stored is not None and not stored_problems(stored):
            continue
        store(doctype, read_file(doctype), source_file=file_for(doctype).name)
        written.append(doctype)
    return written


@contextmanager
def declarations_held() -> Iterator[None]:
    """A bulk writer that edits no declaration (the demo's history, thousands of
    steps in one transaction) spares each step the query for the revision: the
    declarations parsed once are used throughout."""
    global _held
    outer, _held = _held, True
    try:
        yield
    finally:
        _held = outer


@contextmanager
def revisions_read_once() -> Iterator[None]:
    """One request's view of the declarations: their revisions are read once, in one
    query for every type, however many documents, rows and permission checks the page
    asks about (a session form asked nine times). A later request reads them again, so
    an edit made in the desk is in force from the next request on; an edit made inside
    this one drops what was read (`forget_revisions`)."""
    token = _scope.set({"keys": None})
    try:
        yield
    finally:
        _scope.reset(token)


def forget_revisions() -> None:
    """A declaration is being written: the revisions read in this scope are stale."""
    scope = _scope.get()
    if scope is not None:
        scope["keys"] = None


def _stored_key(doctype: str) -> _Key | None:
    fields = ("pk", "revision", "updated_at")
    scope = _scope.get()
    if scope is None:
        return Workflow.objects.filter(doctype=doctype).values_list(*fields).first()
    if scope["keys"] is None:
        rows = Workflow.objects.values_list("doctype", *fields)
        scope["keys"] = {row[0]: row[1:] for row in rows}
    return scope["keys"].get(doctype)


def step_open_to(user, doctype: str, action: str) -> bool:
    """Whether the workflow in force gives `user` the step `action` from some state
    (a page offering the step asks this before any document's state)."""
    roles = roles_of(user)
    return any(t.roles & roles for t in definition(doctype).transitions if t.action == action)


def definition(doctype: str) -> WorkflowDef:
    """The workflow in force for `doctype`: one small query to check the revision (one
    per request for all types, `revisions_read_once`); the parsed declaration is reused
    until it changes."""
    if _held and doctype in _parsed:
        return _parsed[doctype]
    current = _stored_key(doctype)
    if current is None:
        store(doctype, read_file(doctype), source_file=file_for(doctype).name)
        current = _stored_key(doctype)
    # The save time joins the revision in the key: an edit rolled back and another
    # made after it can share a revision number, never a save time.
    key = current
    cached = _parsed.get(doctype)
    if cached is not None and cached.extra.get("key") == key:
        return cached
    workflow = Workflow.objects.prefetch_related("states", "transitions").get(pk=key[0])
    try:
        parsed = parse_definition(rows_to_data(workflow), doctype=doctype, revision=key[1])
    except ValidationError as exc:
        # Never run a stored declaration that breaks the checks (one saved before a step
        # was reserved): the shipped file runs until the desk or load_master_data fixes it.
        logger.error("Workflow %s in the database is invalid, running its file: %s", doctype, exc)
        parsed = parse_definition(read_file(doctype), doctype=doctype, revision=key[1])
    parsed.extra["key"] = key
    _parsed[doctype] = parsed
    return parsed

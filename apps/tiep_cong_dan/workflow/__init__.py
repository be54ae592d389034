"""Declarative workflows: `apply` an action, `options` for the desk, `timeline`."""

from .engine import (  # noqa: F401
    ActionOption,
    TransitionContext,
    TransitionRefused,
    apply,
    may_edit,
    options,
    record_note,
    record_start,
    timeline,
)

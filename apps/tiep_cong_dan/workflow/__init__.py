"""Declarative workflows: `apply` an action, `options` for the desk, `timeline`."""

from .engine import (  # noqa: F401
    ActionOption,
    PastHistory,
    PastStep,
    TransitionContext,
    TransitionRefused,
    apply,
    may_edit,
    options,
    record_note,
    record_past,
    record_start,
    replay_past,
    timeline,
)

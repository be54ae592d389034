"""The session fixture of the workflow tests: two online hearings on 16/03/2026."""

from ..workflow.conftest import session  # noqa: F401

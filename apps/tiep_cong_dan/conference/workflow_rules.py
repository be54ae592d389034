"""The rules this feature gives the session workflow, found at start-up with every
folder's workflow_rules.py: `points_connected` (Decree 154/2026 Art. 23), in
readiness.py with what it reads."""

from . import readiness  # noqa: F401

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..petition.constants import FINAL_STATES, PetitionState


class ClusterReason(models.TextChoices):
    """Why a case is flagged (Decree 154/2026 Art. 27(3)(b): crowded and complex cases)."""

    CROWDED = "crowded", _("Crowded case: many citizens or petitions on one matter")
    LONG_RUNNING = "long_running", _("Case open for a long time")
    REPEATED_HEARINGS = "repeated_hearings", _("Case heard many times")


class ClusterState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


# A case no longer waits on the Board once it is finished, refused, or answered by a
# reply letter: a flag on it closes.
ENDED_STATES = FINAL_STATES | {
    PetitionState.REFUSED,
    PetitionState.REPLIED,
    PetitionState.REJECTED,
}

# The rule's defaults (the example: five citizens or three petitions on one
# place and content within 90 days; a case open more than a year; heard more than twice).
DEFAULT_MIN_CITIZENS = 5
DEFAULT_MIN_PETITIONS = 3
DEFAULT_WINDOW_DAYS = 90
DEFAULT_SIMILARITY = 75
DEFAULT_OPEN_DAYS = 365
DEFAULT_MAX_HEARINGS = 2

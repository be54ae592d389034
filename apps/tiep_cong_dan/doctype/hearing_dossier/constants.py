from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierState(models.TextChoices):
    OPEN = "open", _("To be prepared")
    SUBMITTED = "submitted", _("Submitted by the agency")
    RETURNED = "returned", _("Returned to the agency")
    ACCEPTED = "accepted", _("Accepted by the Board")
    CANCELLED = "cancelled", _("Cancelled")


# Dossiers the agency still owes (reminded, escalated when late).
OWED_STATES = frozenset({DossierState.OPEN, DossierState.RETURNED})
# Dossiers still in play (not yet accepted nor cancelled).
PENDING_STATES = frozenset({DossierState.OPEN, DossierState.RETURNED, DossierState.SUBMITTED})

# How many working days before the session a dossier is due is set on the session
# (reception_session/constants.py DEFAULT_DOSSIER_WORKING_DAYS, 3 unless changed).
# The agency is reminded this many working days before its dossier is due.
REMIND_WORKING_DAYS = 1

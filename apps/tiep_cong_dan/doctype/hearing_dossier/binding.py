"""The workflow that drives this document type: its model, its states, and the fields
each event keeps as a snapshot of the document at that step."""

from ...workflow.bindings import Binding, bind
from .constants import DossierState

bind(
    Binding(
        "hearing_dossier",
        "tiep_cong_dan.HearingDossier",
        DossierState,
        ("state", "agency", "due_date", "submitted_late"),
        due_field="due_date",
    )
)

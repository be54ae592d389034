"""The workflow that drives this document type: its model, its states, and the fields
each event keeps as a snapshot of the document at that step."""

from ...workflow.bindings import Binding, bind
from .constants import PetitionState

bind(
    Binding(
        "petition",
        "tiep_cong_dan.Petition",
        PetitionState,
        (
            "state",
            "kind",
            "group_size",
            "residence_unit",
            "matter_unit",
            "jurisdiction",
            "eligibility_basis",
            "citizen_consent",
            "identity_protection_requested",
            "acceptance_outcome",
            "duplicate_of",
        ),
        number_field="registration_number",
    )
)

"""The workflow that drives this document type: its model, its states, and the fields
each event keeps as a snapshot of the document at that step."""

from ...workflow.bindings import Binding, bind
from .constants import ProposalState

bind(
    Binding(
        "case_proposal",
        "tiep_cong_dan.CaseProposal",
        ProposalState,
        ("state", "petition", "proposing_unit", "ground"),
    )
)

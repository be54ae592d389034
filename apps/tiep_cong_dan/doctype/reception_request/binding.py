"""The workflow that drives this document type: its model, its states, and the fields
each event keeps as a snapshot of the document at that step."""

from ...workflow.bindings import Binding, bind
from .constants import RequestState

bind(
    Binding(
        "reception_request",
        "tiep_cong_dan.ReceptionRequest",
        RequestState,
        ("state", "number", "kind", "residence_unit", "petition"),
        number_field="number",
    )
)

"""The workflow that drives this document type: its model, its states, and the fields
each event keeps as a snapshot of the document at that step."""

from ...workflow.bindings import Binding, bind
from .constants import SessionState

bind(
    Binding(
        "reception_session",
        "tiep_cong_dan.ReceptionSession",
        SessionState,
        (
            "state",
            "kind",
            "date",
            "start_time",
            "end_time",
            "capacity",
            "conference_platform",
            "conference_reference",
        ),
        due_field="date",
    )
)

"""The workflow that drives this document type: its model, its states, and the fields
each event keeps as a snapshot of the document at that step."""

from ...workflow.bindings import Binding, bind
from .constants import AssignmentState, NoticeState

bind(
    Binding(
        "result_notice",
        "tiep_cong_dan.ResultNotice",
        NoticeState,
        ("state", "number", "issued_date", "session"),
        number_field="number",
    )
)

bind(
    Binding(
        "assignment",
        "tiep_cong_dan.Assignment",
        AssignmentState,
        ("state", "agency", "deadline", "done_on"),
        due_field="deadline",
    )
)

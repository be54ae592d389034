"""The workflow that drives this document type: its model, its states, and the fields
each event keeps as a snapshot of the document at that step."""

from ...workflow.bindings import Binding, bind
from .constants import ReportState

bind(
    Binding(
        "monthly_report",
        "tiep_cong_dan.MonthlyReport",
        ReportState,
        ("state", "number", "period_start", "period_end", "units_mode"),
        number_field="number",
    )
)

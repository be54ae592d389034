"""Which model each workflow drives, its state field, and what an event snapshots."""

from dataclasses import dataclass

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class Binding:
    doctype: str
    model_label: str
    state_enum_path: str
    snapshot_fields: tuple[str, ...]
    state_field: str = "state"

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def state_enum(self):
        module, _, name = self.state_enum_path.rpartition(".")
        return getattr(__import__(module, fromlist=[name]), name)

    def state_values(self) -> list[str]:
        return list(self.state_enum().values)

    def snapshot(self, obj) -> dict:
        """Key fields as plain values: what the document looked like at this step."""
        data = {}
        for name in self.snapshot_fields:
            f = obj._meta.get_field(name)
            value = getattr(obj, f.attname)
            data[f.attname] = value.isoformat() if hasattr(value, "isoformat") else value
        return data


_P = "tiep_cong_dan.doctype"
BINDINGS: dict[str, Binding] = {
    b.doctype: b
    for b in (
        Binding(
            "petition",
            "tiep_cong_dan.Petition",
            f"{_P}.petition.constants.PetitionState",
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
            ),
        ),
        Binding(
            "reception_session",
            "tiep_cong_dan.ReceptionSession",
            f"{_P}.reception_session.constants.SessionState",
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
        ),
        Binding(
            "result_notice",
            "tiep_cong_dan.ResultNotice",
            f"{_P}.result_notice.constants.NoticeState",
            ("state", "number", "issued_date", "session"),
        ),
        Binding(
            "monthly_report",
            "tiep_cong_dan.MonthlyReport",
            f"{_P}.monthly_report.constants.ReportState",
            ("state", "number", "period_start", "period_end", "units_mode"),
        ),
        Binding(
            "assignment",
            "tiep_cong_dan.Assignment",
            f"{_P}.result_notice.constants.AssignmentState",
            ("state", "agency", "deadline", "done_on"),
        ),
    )
}


def binding_for(doctype: str) -> Binding:
    return BINDINGS[doctype]


def doctype_of(obj_or_model) -> str:
    label = obj_or_model._meta.label
    for b in BINDINGS.values():
        if b.model_label == label:
            return b.doctype
    raise LookupError(f"{label} has no workflow")


def has_workflow(model) -> bool:
    return any(b.model_label == model._meta.label for b in BINDINGS.values())

"""Errors of a register being checked: each with its row and its column (a further
sheet's column named with the sheet), in Vietnamese."""

import datetime

from django.core.exceptions import ValidationError

from ...doctype.reception_session.constants import SessionKind
from .layout import REGISTER, Sheet

KIND_LABELS = {
    SessionKind.PERIODIC: "định kỳ",
    SessionKind.AD_HOC: "đột xuất",
    SessionKind.CENTRAL_REQUEST: "theo yêu cầu Trung ương",
}
SESSION_KIND_WORDS = "định kỳ, đột xuất, theo yêu cầu Trung ương"


class Errors:
    """(row, column, message) triples; a column of a further sheet is named with it."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str, str]] = []

    def add(self, sheet: Sheet, row: int, key: str, message) -> None:
        column = sheet.header(key) if key else ""
        if sheet is not REGISTER:
            column = f"{sheet.title}: {column}" if column else sheet.title
        self.items.append((row, column, str(message)))

    def model(self, sheet: Sheet, row: int, exc: ValidationError, fields: dict) -> None:
        """A model's validation errors, each against the column its field comes from."""
        for name, messages in exc.message_dict.items():
            for message in messages:
                self.add(sheet, row, fields.get(name, ""), message)


def day_text(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")

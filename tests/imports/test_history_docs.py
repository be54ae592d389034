"""docs/history-import.md describes every column of every sheet, as the layout names
it, with whether it is required: the documentation and the import never disagree."""

from pathlib import Path

from tiep_cong_dan.imports.history.layout import SHEETS

DOC = Path(__file__).resolve().parents[2] / "docs" / "history-import.md"


def test_every_column_is_documented_with_its_explanation():
    text = DOC.read_text(encoding="utf-8")
    for sheet in SHEETS:
        assert f"### Trang «{sheet.title}»" in text
        for column in sheet.columns:
            required = "có" if column.required else ""
            assert f"| {column.header} | {required} | {column.explains} |" in text

"""LibreOffice as a second reader of the DOCX files: every file converted to PDF by one
headless call with a profile of its own (a shared profile makes parallel runs fail)."""

import subprocess
from collections.abc import Iterable
from pathlib import Path


def docx_to_pdf(paths: Iterable[Path], tmp_path: Path) -> Path:
    """The folder where each `name.docx` became `name.pdf`."""
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out

"""The embedded default (SQLite, what `make run` uses) answers the desk and the API as
MariaDB does. The suite runs on MariaDB; a query MariaDB accepts and SQLite refuses (a
LIMIT inside a UNION, say) would pass it and fail every user of the demo. So the
generated checks that open every desk page and every API route for every role run
again here, in a process of their own on a SQLite database, with the reports, the
printed documents and the exports and imports each role reaches from the desk."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every list, search, change form and history page per role; every API resource per
# role; the related-cases panel and registration (index branches united per unit).
CHECKS = [
    "tests/test_desk_pages.py",
    "tests/api/test_routes.py",
    "tests/doctype/petition/test_related_desk.py",
    # An agency officer's pages read from the links (a union of one probe per agency).
    "tests/doctype/petition/test_agency_links.py",
    # The figures (dashboard, monthly and yearly, per scope) and the report's API.
    "tests/reporting/test_dashboard.py",
    "tests/reporting/test_figures.py",
    "tests/reporting/test_report_api.py",
    "tests/reporting/test_yearly_report.py",
    # Documents per reader (full, redacted, extracts), the print pages, the report.
    "tests/print_format/test_print_desk.py",
    "tests/print_format/test_reader_copies.py",
    "tests/print_format/test_monthly_report.py",
    # The national export's desk, the registers' and the past records' imports.
    "tests/exports/test_desk.py",
    "tests/imports/test_history_desk.py",
    "tests/imports/test_registers.py",
]


def test_the_generated_page_checks_pass_on_the_embedded_sqlite(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *CHECKS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    summary = done.stdout.strip().splitlines()[-1:] or [done.stderr[-2000:]]
    assert done.returncode == 0, "\n".join([*summary, done.stdout[-6000:]])

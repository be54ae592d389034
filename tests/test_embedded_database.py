"""The embedded default (SQLite, what `make run` uses) answers the desk and the API as
MariaDB does. The suite runs on MariaDB; a query MariaDB accepts and SQLite refuses (a
LIMIT inside a UNION, say) would pass it and fail every user of the demo. So the
generated checks that open every desk page and every API route for every role run
again here, in a process of their own on a SQLite database."""

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

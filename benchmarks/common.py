"""What every benchmark shares: the import paths and settings, a MariaDB database of
its own (created when missing), Django started, the site prepared (schema, master
data, one demo user per role) and the statistics printed.

Each script names its database (`start("tcd_bench_report")`) so that runs of
different benchmarks never share rows; DATABASE_URL, when set, wins. Imported before
Django: it puts the project on the path and picks the settings.
"""

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "apps"), str(ROOT / "benchmarks")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.dev")

PASSWORD = "Bench-password-1"
BUFFER_POOL = 4 * 2**30  # the demo users' password on a benchmark site


def ensure_database() -> None:
    """CREATE DATABASE IF NOT EXISTS for the MariaDB database DATABASE_URL names."""
    import dj_database_url
    import MySQLdb

    cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
    conn = MySQLdb.connect(
        host=cfg["HOST"],
        user=cfg["USER"],
        passwd=cfg["PASSWORD"] or "",
        port=int(cfg["PORT"] or 3306),
    )
    cursor = conn.cursor()
    cursor.execute(
        f"CREATE DATABASE IF NOT EXISTS `{cfg['NAME']}` "
        "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    )
    # A production server gives MariaDB most of its memory (docs/operations.md); the
    # default 128 MiB would measure the disk, not the queries. Needs the SUPER right.
    cursor.execute("SELECT @@innodb_buffer_pool_size")
    if cursor.fetchone()[0] < BUFFER_POOL:
        try:
            cursor.execute(f"SET GLOBAL innodb_buffer_pool_size = {BUFFER_POOL}")
        except MySQLdb.OperationalError as exc:
            print(f"innodb_buffer_pool_size left as it is: {exc}")
    conn.close()


def start(database: str | None = None) -> None:
    """Django set up on this benchmark's own MariaDB `database` (None: whatever
    DATABASE_URL says, the embedded default when unset), answering the test client."""
    if database is not None:
        os.environ.setdefault("DATABASE_URL", f"mysql://root@127.0.0.1:3306/{database}")
        ensure_database()
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]


def prepare_site() -> None:
    """The schema, the master data (once) and a demo user per role."""
    from django.core.management import call_command
    from tiep_cong_dan.demo.users import create_demo_users
    from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit

    call_command("migrate", verbosity=0)
    if not AdministrativeUnit.objects.exists():
        call_command("load_master_data", verbosity=0)
    create_demo_users(PASSWORD)


def median_p95(samples: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank) of `samples`."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def get_ok(client, path: str, params: dict | None = None):
    """A call that GETs `path` and insists on a 200 (a timed error page times nothing)."""

    def call():
        response = client.get(path, params or {})
        assert response.status_code == 200, (path, response.status_code)
        return response

    return call

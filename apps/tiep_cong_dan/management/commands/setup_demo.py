import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

STEPS = (
    ("migrate", {"interactive": False, "verbosity": 0}),
    ("load_master_data", {}),
    ("create_demo_users", {}),
    ("load_demo_data", {}),
)


class Command(BaseCommand):
    help = (
        "Set up the demo site in one go (what `make setup` runs): migrate, "
        "load_master_data, create_demo_users, load_demo_data, each step's time said."
    )

    # The system checks run once, before the first step (as `migrate` ran them). One
    # process instead of four spares three start-ups of the project (a second or so of
    # CPU each).
    def handle(self, *args, **options):
        # DEBUG's query log would keep every statement of the migrations and the loads.
        settings.DEBUG = False
        if connection.vendor == "sqlite":
            # A new site being built: a power cut midway means building it again, so
            # this connection need not wait for the disk at each checkpoint.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
        started = time.monotonic(), time.process_time()
        for name, kwargs in STEPS:
            wall, cpu = time.monotonic(), time.process_time()
            call_command(name, **{"verbosity": options["verbosity"], **kwargs})
            self.stdout.write(
                f"Set-up step {name}: {time.monotonic() - wall:.1f} s "
                f"({time.process_time() - cpu:.1f} s of CPU)"
            )
        self.stdout.write(
            f"Set up in {time.monotonic() - started[0]:.1f} s "
            f"({time.process_time() - started[1]:.1f} s of CPU)"
        )

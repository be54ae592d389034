from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = (
        "Set up the demo site in one go (what `make setup` runs): migrate, "
        "load_master_data, create_demo_users, load_demo_data."
    )

    # The system checks run once, before the first step (as `migrate` ran them). One
    # process instead of four spares three start-ups of the project (a second or so of
    # CPU each).
    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if connection.vendor == "sqlite":
            # A new site being built: a power cut midway means building it again, so
            # this connection need not wait for the disk at each checkpoint.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_master_data", verbosity=verbosity)
        call_command("create_demo_users", verbosity=verbosity)
        call_command("load_demo_data", verbosity=verbosity)

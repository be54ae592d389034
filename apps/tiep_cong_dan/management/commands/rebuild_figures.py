import time

from django.core.management.base import BaseCommand

from tiep_cong_dan.reporting.cube import rebuild


class Command(BaseCommand):
    help = (
        "Recount the monthly figures the reports sum (reporting/cube.py) from the petitions "
        "and their workflow steps: after rows were written by other means (a bulk load, a "
        "restore), or when a site's history predates the table. The nightly job runs it too. "
        "Workflow steps wait while it runs (a million petitions: a few minutes)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        cells = rebuild()
        self.stdout.write(f"Rebuilt {cells} figure cells in {time.monotonic() - started:.1f} s")

from django.conf import settings
from django.core.management.base import BaseCommand

from tiep_cong_dan.demo.generate import load_demo_data


class Command(BaseCommand):
    help = "Generate demo registrations, sessions and result notices, 2023 to today (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args, **options):
        # DEBUG's query log (the dev settings' default) keeps the text and time of each
        # of the quarter million queries below, for nobody to read: off for the run.
        settings.DEBUG = False
        # A few minutes of work: one line that moves on a terminal, a line a month in a log.
        tty = self.stdout.isatty()
        quiet = options["verbosity"] == 0

        def progress(done: int, total: int, what: str) -> None:
            if quiet:
                return
            line = f"Demo data: {what} ({done}/{total})"
            self.stdout.write(f"\r{line:<72}" if tty else line, ending="" if tty else "\n")
            self.stdout.flush()

        # The monthly figures are counted once the history is written (load_demo_data).
        counts = load_demo_data(seed=options["seed"], progress=progress)
        if tty and not quiet:
            self.stdout.write("")
        self.stdout.write("Demo data: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

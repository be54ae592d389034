import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tiep_cong_dan.scheduling.calendar import generate_periodic_sessions


class Command(BaseCommand):
    help = (
        "Create the draft periodic sessions (the 15th, or the next working day) of the "
        "months ahead; months that already have one are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", help="first month, YYYY-MM (default: this)")
        parser.add_argument("--months", type=int, default=12)

    def handle(self, *args, **options):
        start = timezone.localdate().replace(day=1)
        if options["start"]:
            try:
                start = datetime.datetime.strptime(options["start"], "%Y-%m").date()
            except ValueError as exc:
                raise CommandError("--from takes a month as YYYY-MM") from exc
        created = generate_periodic_sessions(start, options["months"])
        for session in created:
            self.stdout.write(f"{session.date:%d/%m/%Y} ({session.date:%A})")
        self.stdout.write(f"Sessions created: {len(created)}")

from django.core.management.base import BaseCommand
from django.utils import timezone

from tiep_cong_dan.jobs.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of citizens whose every case closed more than "
        "TCD_RETENTION_YEARS years ago (the nightly job's work, run now). With --dry-run "
        "nothing changes: the citizens who would be anonymised are counted and listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        result = apply_retention(timezone.localdate(), dry_run=options["dry_run"])
        self.stdout.write(
            f"Retention {result['years']} years: cases closed before {result['closed_before']}"
        )
        ids = ", ".join(str(pk) for pk in result["citizens"])
        if options["dry_run"]:
            self.stdout.write(f"Would anonymise {result['due']} citizen(s). {ids}".rstrip())
            self.stdout.write("Dry run: nothing was changed.")
        else:
            self.stdout.write(f"Anonymised {result['anonymised']} citizen(s). {ids}".rstrip())

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tiep_cong_dan.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the site's database and files with a backup made by `backup`, after "
        "checking every file's SHA-256. Stop the desk and the job queue first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.exists():
            raise CommandError(f"No such backup: {archive}")
        if not options["yes"]:
            answer = input("This replaces the database and the files. Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("Nothing restored.")
        try:
            manifest = restore(archive)
        except BackupError as exc:
            raise CommandError(f"Restore refused: {exc}") from exc
        self.stdout.write(f"Restored {manifest['engine']} backup of {manifest['created_at']}")

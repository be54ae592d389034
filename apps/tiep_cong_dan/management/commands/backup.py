import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tiep_cong_dan.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the site's database and files to one .tar.gz (see `restore`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            help="Archive path (default: <site data>/backups/tcd-<site>-<time>.tar.gz)",
        )

    def handle(self, *args, **options):
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        archive = Path(
            options["out"]
            or settings.SITE_DATA_DIR / "backups" / f"tcd-{settings.SITE_NAME}-{stamp}.tar.gz"
        )
        try:
            manifest = backup(archive)
        except BackupError as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        self.stdout.write(f"{archive}: {manifest['engine']}, {len(manifest['files'])} file(s)")

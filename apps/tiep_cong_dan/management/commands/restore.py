from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tiep_cong_dan.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the site's database and files with a backup made by `backup`, after "
        "checking that it holds exactly the files of its manifest, each with its SHA-256. "
        "Stop the desk and the job queue first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"Không có bản sao lưu {archive}.")
        if not options["yes"]:
            answer = input("Cơ sở dữ liệu và các tệp sẽ bị thay thế. Gõ 'yes' để tiếp tục: ")
            if answer.strip() != "yes":
                raise CommandError("Không khôi phục gì.")
        try:
            manifest = restore(archive)
        except BackupError as exc:
            raise CommandError(f"Từ chối khôi phục: {exc}.") from exc
        self.stdout.write(
            f"Đã khôi phục bản sao lưu {manifest['engine']} tạo lúc {manifest['created_at']}."
        )

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tiep_cong_dan.imports.history import import_history
from tiep_cong_dan.imports.history.template import template_bytes


class Command(BaseCommand):
    help = (
        "Import the Board's records of the years before the system: its register (form "
        "03/TCD and the Board's columns), result notices and their tasks, each dated on "
        "its day and marked as entered from records (layout: docs/history-import.md). "
        "Without --commit it only checks and lists every error by row and column; with "
        "--commit it imports everything, or nothing. The same file twice changes "
        "nothing. --template FILE writes the template with an example row."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?")
        parser.add_argument("--commit", action="store_true")
        parser.add_argument("--user", default="", help="Imported by (a desk login).")
        parser.add_argument("--template", metavar="FILE", help="Write the template to FILE.")

    def handle(self, *args, **options):
        if options["template"]:
            Path(options["template"]).write_bytes(template_bytes())
            self.stdout.write(f"Đã ghi mẫu vào {options['template']}.")
            if not options["file"]:
                return
        if not options["file"]:
            raise CommandError("Cho biết tệp cần nhập (hoặc --template FILE).")
        if not Path(options["file"]).is_file():
            raise CommandError(f"Không có tệp {options['file']}.")
        by = None
        if options["user"]:
            by = get_user_model().objects.filter(username=options["user"]).first()
            if by is None:
                raise CommandError(f"Không có người dùng {options['user']}.")
        result = import_history(options["file"], by=by, commit=options["commit"])
        for row, column, message in result.errors:
            self.stdout.write(f"dòng {row}, cột {column or '—'}: {message}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} lỗi trong {result.rows} dòng: không nhập.")
        for line in result.registered:
            self.stdout.write(line)
        if result.already is not None:
            return
        if options["commit"]:
            self.stdout.write(f"Đã nhập (SHA-256 {result.source.checksum}).")
        else:
            self.stdout.write(f"{result.rows} dòng hợp lệ. Chạy lại với --commit để nhập.")

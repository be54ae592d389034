from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tiep_cong_dan.imports.registers import import_register


class Command(BaseCommand):
    help = (
        "Import registrations from one of the Board's Excel registers (layout: "
        "tiep_cong_dan/imports/registers.py). Without --commit it only checks and lists "
        "every row error; with --commit it registers every row, or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--commit", action="store_true")
        parser.add_argument("--user", default="", help="Registered by (a desk login).")

    def handle(self, *args, **options):
        by = None
        if options["user"]:
            by = get_user_model().objects.filter(username=options["user"]).first()
            if by is None:
                raise CommandError(f"No user {options['user']}")
        result = import_register(options["file"], by=by, commit=options["commit"])
        for row, column, message in result.errors:
            self.stdout.write(f"dòng {row}, cột {column or '—'}: {message}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} lỗi trong {result.rows} dòng: không nhập.")
        if options["commit"]:
            self.stdout.write(
                f"Đã nhập {len(result.registered)} đơn: {', '.join(result.registered)}"
            )
        else:
            self.stdout.write(f"{result.rows} dòng hợp lệ. Chạy lại với --commit để nhập.")

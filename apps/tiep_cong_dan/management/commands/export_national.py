import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tiep_cong_dan.exports.national import FORMATS, ExportError, export_filename, export_national


def _date(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise CommandError(
            _("%(value)s is not a date: write it as YYYY-MM-DD.") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Export the reception register and the petitions of a period for the national "
        "database (layout: docs/national-export.md), as the given user may see them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="json")
        parser.add_argument("--out", default="", help="File to write (default: its own name).")
        parser.add_argument(
            "--user", required=True, help="Desk login whose scope and clearance apply."
        )

    def handle(self, *args, **options):
        # The Board reads these messages: Vietnamese whatever the shell's locale.
        with translation.override("vi"):
            self._export(options)

    def _export(self, options) -> None:
        start, end, fmt = _date(options["start"]), _date(options["end"]), options["fmt"]
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(_("No user %(username)s.") % {"username": options["user"]})
        origin = f"manage.py export_national --from {start} --to {end} --format {fmt}"
        try:
            data = export_national(start, end, user, fmt, origin=origin)
        except (ExportError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from None
        path = Path(options["out"] or export_filename(start, end, fmt))
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from None
        self.stdout.write(_("Exported to %(path)s.") % {"path": path})

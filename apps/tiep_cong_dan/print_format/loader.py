"""Load the shipped print formats (templates/*.html) into the database. A format never
edited in the desk follows the shipped file (an upgrade brings its new text); one an
administrator edited (it has `updated_by`) is kept unless a reset is asked for."""

from django.db import transaction

from .catalog import CATALOG
from .models import PrintFormat
from .render import TEMPLATES_DIR


def shipped_source(code: str) -> str:
    return (TEMPLATES_DIR / f"{code}.html").read_text(encoding="utf-8")


@transaction.atomic
def load_print_formats(reset: bool = False) -> list[str]:
    """Create the missing formats (all of them with `reset`); return the codes written."""
    written = []
    edited = set(
        PrintFormat.objects.filter(updated_by__isnull=False).values_list("code", flat=True)
    )
    for code, (name, description) in CATALOG.items():
        if code in edited and not reset:
            continue
        fmt, created = PrintFormat.objects.get_or_create(
            code=code, defaults={"name": name, "description": description}
        )
        text = shipped_source(code)
        shipped = (text, name, description)
        if created or fmt.updated_by_id or (fmt.template, fmt.name, fmt.description) != shipped:
            fmt.name, fmt.description, fmt.template, fmt.updated_by = name, description, text, None
            fmt.save()
            written.append(code)
    return written

"""The table of legal bases: loading the shipped texts and reading what was in force
on a day."""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from .constants import BasisKind
from .models import LegalBasis

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "legal_bases.json"


@transaction.atomic
def load_legal_bases(path: Path = FIXTURE) -> int:
    """Add the shipped rows that are missing; a row already there (perhaps corrected
    by the administrator) is left as it is. Returns how many were added."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))["rows"]
    added = 0
    for row in rows:
        fields = {k: v for k, v in row.items() if k != "code"}
        for key in ("valid_from", "valid_to"):
            if fields.get(key):
                fields[key] = datetime.date.fromisoformat(fields[key])
        _, created = LegalBasis.objects.get_or_create(code=row["code"], defaults=fields)
        added += created
    return added


def in_force(document: str, day: datetime.date, kind: str = BasisKind.BASIS) -> list[LegalBasis]:
    """The rows of `kind` that `document` cites and that were in force on `day`, in
    their order."""
    rows = LegalBasis.objects.filter(kind=kind, valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    return [
        row
        for row in rows.order_by("position", "valid_from", "code")
        if document in row.document_codes
    ]

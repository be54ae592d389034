"""Which citizens' personal data a page, an export or a document shows, written to the
access log (Personal Data Protection Law 91/2025, Decree 356/2025: access is logged).

Everything goes through `log_people_shown`, which sorts the people shown into at most
two entries of the one log (access.confidential): a denouncer's identity is a
confidential entry (Law on Denunciation 2018 Art. 8(3)), anyone else a personal-data
entry. Both name citizens, so "who saw this person's data" is one search.

Lists that show only names (petitions, the queue, agendas, pickers) are not logged
row by row: a name alone is what every officer handling the case needs on every
page, and logging each row of each list would bury the reads that matter (a record
opened, an export, a print) under thousands of entries a day.
"""

from collections.abc import Iterable

from django.http import HttpRequest

from ...access.confidential import log_confidential_access, record_confidential_access
from ...access.models import AccessKind
from ...access.rules import rule_for
from ..petition.models import Petition
from .models import Citizen
from .permissions import IDENTITY_FIELDS

# What the citizen's own page shows of them.
PERSONAL_FIELDS = IDENTITY_FIELDS | {"gender"}
# What the petition's page shows of its petitioner and representatives: the picker
# names them with their year of birth.
SHOWN_ON_PETITION = frozenset({"full_name", "date_of_birth"})

# A citizen shown, by id, with the petition they are shown in (None: their own record).
Person = tuple[int, Petition | None]


def people_of(petition: Petition) -> list[Person]:
    """The petitioner and the representatives of `petition`."""
    reps = petition.representatives.values_list("citizen_id", flat=True)
    return [(petition.citizen_id, petition), *((pk, petition) for pk in reps)]


def _sorted_by_kind(people: list[Person], viewer) -> dict[str, list[int]]:
    bare = [pk for pk, petition in people if petition is None]
    denouncers = rule_for(Citizen).denouncers_among(bare) if bare else set()
    identity_visible = rule_for(Petition).identity_visible
    kinds: dict[str, list[int]] = {AccessKind.CONFIDENTIAL: [], AccessKind.PERSONAL: []}
    for pk, petition in people:
        if petition is None:
            confidential = pk in denouncers
        elif petition.is_denunciation:
            if not identity_visible(viewer, petition):
                continue  # masked for this viewer: nothing of them was shown
            confidential = True
        else:
            confidential = False
        kind = AccessKind.CONFIDENTIAL if confidential else AccessKind.PERSONAL
        kinds[kind].append(pk)
    return {kind: list(dict.fromkeys(ids)) for kind, ids in kinds.items() if ids}


def log_people_shown(
    request: HttpRequest | None,
    people: Iterable[Person],
    *,
    fields: Iterable[str],
    user=None,
    path: str = "",
) -> None:
    """Log that `fields` of `people` were shown: to `request`'s user (with its page
    and address), or without a request to `user`, the work naming itself in `path`."""
    people = list(people)
    if not people:
        return
    viewer = request.user if request is not None else user
    fields = frozenset(fields)
    for kind, ids in _sorted_by_kind(people, viewer).items():
        entry = {"object_type": "citizen", "object_ids": ids, "fields": fields, "kind": kind}
        if request is not None:
            log_confidential_access(request, **entry)
        else:
            record_confidential_access(user, path=path, **entry)


def log_denouncers_shown(request: HttpRequest, people: Iterable[Person], *, fields) -> None:
    """For the pages that name people without logging every name (lists, boards,
    pickers): the denouncers among them, named to a viewer cleared for them, are still
    logged. Every display of a denouncer's identity is on record (Law on Denunciation
    2018 Art. 47), whatever the page."""
    ids = _sorted_by_kind(list(people), request.user).get(AccessKind.CONFIDENTIAL)
    if ids:
        log_confidential_access(
            request, object_type="citizen", object_ids=ids, fields=frozenset(fields)
        )


class LogsPeopleExported:
    """For a desk list whose export names citizens: `export_people(row)` gives the
    (citizen id, petition or None) pairs a row shows, `export_personal_fields` what of
    them; the export logs them as the record pages do (access/export.py asks)."""

    export_personal_fields: frozenset[str] = frozenset()

    def log_export(self, request: HttpRequest, objects: Iterable) -> None:
        people = [person for obj in objects for person in self.export_people(obj)]
        log_people_shown(request, people, fields=self.export_personal_fields)

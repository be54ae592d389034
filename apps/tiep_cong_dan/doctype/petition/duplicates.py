"""Likely duplicates of a registration, shown before it is saved: the same case
entered twice (the written petition and the visit, two officers, a double click).

A registered petition is a likely duplicate of the new one when
- its petitioner has the same ID number, or the same name and address (accents, case
  and punctuation aside), and it was received within DUPLICATE_WINDOW_DAYS of the new
  one or is still open; or
- its content is similar (folded words, `similarity` below) and it was received within
  the window about a matter in the same unit.

Only what the registering user may see is looked at: the petition rule's rows, and
for a user not cleared for denouncers' identities no denunciation at all. A
denunciation found by its denouncer's ID number or name, even shown masked, would
tell that user who denounced; one found by its content would confirm what a
denouncer wrote. Petitions voided as duplicates, and the parts of the same split
petition, are not offered."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from ...access.roles import IDENTITY_CLEARED, roles_of
from ...access.rules import rule_for
from ...core.search import fold
from ..citizen.models import Citizen
from .constants import DUPLICATE_WINDOW_DAYS, FINAL_STATES, PetitionKind
from .models import Petition

SAME_ID_NUMBER = "same_id_number"
SAME_NAME_ADDRESS = "same_name_address"
SIMILAR_CONTENT = "similar_content"
REASONS = {
    SAME_ID_NUMBER: _("same ID number"),
    SAME_NAME_ADDRESS: _("same name and address"),
    SIMILAR_CONTENT: _("similar content"),
}
# Two texts are similar when this share of their word pairs is common (Dice
# coefficient): a copy is 1.0, the same matter retold in other words about 0.6-0.8,
# two land complaints from one commune that name different plots below 0.4.
SIMILAR_AT = 0.6
# What a comparison reads of each text: the start of a long petition tells its matter
# (and folding is the cost: 1 500 characters fold in about 1 ms).
CONTENT_READ = 1500
# Bounds of what one registration compares, so a busy unit cannot slow the form: the
# most recent of each look-up (150 compared take about 150 ms; a commune of a
# mountain province registers a few a month).
CANDIDATES_READ = 150
SHOWN = 10


@dataclass(frozen=True)
class Match:
    petition: Petition
    reasons: tuple[str, ...]
    similarity: float  # of the content, 0..1

    @property
    def reason_labels(self) -> list[str]:
        return [str(REASONS[r]) for r in self.reasons]


def _pairs(text: str) -> set[str]:
    words = fold(text).split()
    if len(words) < 3:
        return set(words)
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def similarity(a: str | set, b: str | set) -> float:
    """Dice coefficient of the folded texts' adjacent word pairs (single words for a
    text of one or two): word order counts a little, accents and case not at all. A
    text compared many times may be given as its pairs (`_pairs`)."""
    x = a if isinstance(a, set) else _pairs(a)
    y = b if isinstance(b, set) else _pairs(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def _text(summary: str, content: str) -> str:
    return f"{summary or ''} {(content or '')[:CONTENT_READ]}"


def _candidates(draft: Petition, user) -> QuerySet:
    """Rows the user may see that could be the same case (before comparing)."""
    qs = Petition.objects.counted()
    if user is not None:
        qs = rule_for(Petition).queryset(user, qs)
        if not roles_of(user) & IDENTITY_CLEARED:
            qs = qs.exclude(kind=PetitionKind.DENUNCIATION)
    if draft.pk:
        qs = qs.exclude(pk=draft.pk).exclude(split_from_id=draft.pk)
    if draft.split_from_id:  # the parts of one mixed petition are not duplicates
        qs = qs.exclude(pk=draft.split_from_id).exclude(split_from_id=draft.split_from_id)
    return qs


def _named_alike(citizen: Citizen):
    """Citizens who may bear the same name, from an index. MariaDB compares names
    without case or accents (utf8mb4_unicode_ci: "HOANG VAN AN" is "Hoàng Văn An")
    except "đ", tried both ways; the embedded SQLite (small data) matches the folded
    words. `fold` then decides."""
    if connection.vendor == "mysql":
        plain = citizen.full_name.replace("đ", "d").replace("Đ", "D")
        return Citizen.objects.filter(
            Q(full_name__iexact=citizen.full_name) | Q(full_name__iexact=plain)
        )
    return Citizen.objects.filter(search_text__words=citizen.full_name)


def _same_people(citizen: Citizen) -> tuple[set[int], set[int]]:
    """(citizens with the ID number, citizens with the name and address)."""
    by_number = set()
    if citizen.id_number:
        by_number = set(
            Citizen.objects.filter(id_number=citizen.id_number).values_list("pk", flat=True)[:50]
        )
    name, address = fold(citizen.full_name), fold(citizen.address or "")
    by_name = {citizen.pk} if citizen.pk else set()
    if name and address:
        rows = _named_alike(citizen).order_by().values_list("pk", "full_name", "address")
        for pk, full_name, addr in rows[:500]:
            if fold(full_name) == name and fold(addr or "") == address:
                by_name.add(pk)
    return by_number, by_name


def _rows(qs):
    return (
        qs.select_related("citizen")
        .annotate(head=Substr("content", 1, CONTENT_READ))
        .defer("content")
        .order_by("-received_date", "-registration_seq")[:CANDIDATES_READ]
    )


def likely_duplicates(draft: Petition, user=None) -> list[Match]:
    """The registered petitions the unsaved (or just saved) `draft` may repeat, as
    `user` may see them (None: all), most likely first, at most SHOWN."""
    if not draft.received_date:
        return []
    window = datetime.timedelta(days=DUPLICATE_WINDOW_DAYS)
    near = Q(received_date__range=(draft.received_date - window, draft.received_date + window))
    base = _candidates(draft, user)
    by_number, by_name = (set(), set())
    if draft.citizen_id:
        by_number, by_name = _same_people(draft.citizen)
    # Two look-ups, each from its own index (the petitioners', the unit's), rather than
    # one OR the database would answer by reading the table.
    found_rows: dict[int, Petition] = {}
    people = by_number | by_name
    if people:
        person = Q(citizen_id__in=people) & (near | ~Q(state__in=FINAL_STATES))
        found_rows.update((p.pk, p) for p in _rows(base.filter(person)))
    if draft.matter_unit_id:
        same_matter = near & Q(matter_unit_id=draft.matter_unit_id)
        found_rows.update((p.pk, p) for p in _rows(base.filter(same_matter)))
    found = []
    text = _pairs(_text(draft.summary, draft.content))
    for p in found_rows.values():
        reasons = []
        if p.citizen_id in by_number:
            reasons.append(SAME_ID_NUMBER)
        elif p.citizen_id in by_name or p.citizen_id == draft.citizen_id:
            reasons.append(SAME_NAME_ADDRESS)
        alike = similarity(text, _text(p.summary, p.head))
        within = abs((p.received_date - draft.received_date).days) <= DUPLICATE_WINDOW_DAYS
        if alike >= SIMILAR_AT and within:
            reasons.append(SIMILAR_CONTENT)
        if reasons:
            found.append(Match(p, tuple(reasons), alike))
    found.sort(key=lambda m: (-len(m.reasons), -m.similarity, -m.petition.pk))
    return found[:SHOWN]


def confirmation_note(draft: Petition, matches: list[Match]) -> str:
    """What the receipt event keeps when the officer registers despite likely
    duplicates. A denunciation is named only in the history of a denunciation (masked
    like it): in a complaint's history, seen by those not cleared, it would tell who
    denounced."""
    named = [m for m in matches if not m.petition.is_denunciation or draft.is_denunciation]
    if not named:
        return ""
    parts = [f"{m.petition.registration_number} ({', '.join(m.reason_labels)})" for m in named]
    return str(_("Registered after checking the likely duplicates: %(list)s.")) % {
        "list": "; ".join(parts)
    }

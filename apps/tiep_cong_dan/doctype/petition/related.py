"""Related cases of a petition: the earlier and the open cases of the same citizen, of
the same representatives, about the same place, or with similar content, each with
why it is related, where it stands and the document that closed it. Officers used to
remember these across years and across the 2025 reorganisation of units.

A case is related when
- its petitioner is this one's (the same ID number; without one, the same name and
  address, and the same birth year when both are recorded), or one of this one's
  representatives, or one of its representatives is either (SAME_CITIZEN,
  SAME_REPRESENTATIVE): whatever it is about;
- its matter lies on the same ground (the unit of any era covering it:
  admin_unit.services.same_ground_unit_ids) and either names the same land parcel,
  comes from the same address, or its content is alike (PLACE_AT) (SAME_PLACE);
- anywhere, its content is very alike (SIMILAR_AT) (SIMILAR_CONTENT).
"Earlier and open": received on or before this one, or not finished yet.

Candidates by content are read from indexes, then scored (similarity.score_keys):
the most recent cases on the same ground (the unit index) and those naming the same
land parcel; anywhere, on MariaDB, those holding the text's most distinctive words
(the content key's FULLTEXT index). On SQLite (the embedded default, small data) and
inside a transaction (InnoDB indexes committed rows only) the most recent rows of the
province are scored instead of the FULLTEXT look-up.

Secrecy, as duplicates.py: only the rows the viewer's rule gives; for a viewer not
cleared for denouncers' identities no denunciation at all (found by its denouncer's
name or by its content, even masked, it would tell who denounced or what), and the
panel of a denunciation is empty for them (neither listed nor counted).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from ...access.roles import IDENTITY_CLEARED, roles_of
from ...access.rules import rule_for
from ...core.search import fold
from ...core.unions import union_rows
from ..admin_unit.services import same_ground_unit_ids
from ..citizen.models import Citizen
from ..result_notice.models import Conclusion
from .constants import FINAL_STATES, PetitionKind, PetitionState, RefusalGround
from .duplicates import _named_alike
from .models import Petition, PetitionRepresentative
from .similarity import COMMON_WORDS, content_key, score_keys

SAME_CITIZEN = "same_citizen"
SAME_REPRESENTATIVE = "same_representative"
SAME_PLACE = "same_place"
SIMILAR_CONTENT = "similar_content"
REASONS = {
    SAME_CITIZEN: _("same citizen"),
    SAME_REPRESENTATIVE: _("same representative"),
    SAME_PLACE: _("same place"),
    SIMILAR_CONTENT: _("similar content"),
}
# Scores (similarity.score_keys, 0..100), tuned on tests/doctype/petition/
# related_fixture.py: a matter retold in other words, without accents, scores 75-100;
# two complaints of one kind about other plots, projects or people 40-70.
PLACE_AT = 75  # on the same ground
SIMILAR_AT = 87  # anywhere in the province
REPEAT_AT = 70  # the same citizen's case on the same content (Art. 9(3))
# States in which the Board has answered the case: what was concluded, replied or
# refused cannot be asked again without new grounds (Law Art. 9(3)).
RESOLVED_STATES = frozenset(
    {
        PetitionState.CONCLUDED,
        PetitionState.FOLLOWED_UP,
        PetitionState.CLOSED,
        PetitionState.REPLIED,
        PetitionState.REFUSED,
    }
)
# Bounds of what one panel reads, so a busy commune cannot slow the form.
PEOPLE_READ = 50  # cases of the same people; of a land parcel
GROUND_READ = 150  # the most recent cases of each unit of the same ground, scored
CONTENT_READ = 100  # cases anywhere holding the text's most distinctive words
SCAN_READ = 3000  # rows scored without the index (SQLite, inside a transaction)
SHOWN = 30
QUERY_WORDS = 4  # the most distinctive words a case anywhere must hold
QUERY_WORDS_AT_LEAST = 2  # fewer rare words than this: no look-up anywhere
# How the rarity of a word is known: its share of the SAMPLE most recent cases holding
# it (read in one query of the content keys, kept in the cache for an hour), times
# the cases there are. A word about more than MAX_HOLDERS cases is not asked for:
# InnoDB's full-text search reads the whole list of cases holding each word asked, and
# a word of a sixth of a million cases made the look-up take half a second.
SAMPLE = 20_000
MAX_HOLDERS = 5_000
SHARES_KEPT = 0.002  # rarer words are not kept in the cache: unknown means rare
SHARES_KEY = "tcd:petition:content-word-shares:v2"
SHARES_SECONDS = 3600


@dataclass
class RelatedCase:
    petition: Petition
    reasons: tuple[str, ...]
    score: float  # content, 0..100
    closing_document: str = ""
    repeats_resolved: bool = False  # the same citizen's resolved case on this content
    notices: list = field(default_factory=list)

    @property
    def reason_labels(self) -> list[str]:
        return [str(REASONS[r]) for r in self.reasons]

    @property
    def resolved(self) -> bool:
        return self.petition.state in RESOLVED_STATES


def _visible(petition: Petition, user) -> QuerySet:
    qs = Petition.objects.counted()
    if user is not None:
        qs = rule_for(Petition).queryset(user, qs)
        if not roles_of(user) & IDENTITY_CLEARED:
            qs = qs.exclude(kind=PetitionKind.DENUNCIATION)
    qs = qs.exclude(pk=petition.pk) if petition.pk else qs
    # Earlier (or the same day), or still open.
    return qs.filter(Q(received_date__lte=petition.received_date) | ~Q(state__in=FINAL_STATES))


def _birth_year(citizen: Citizen) -> int | None:
    return citizen.date_of_birth.year if citizen.date_of_birth else None


def same_people(citizen: Citizen) -> set[int]:
    """The citizens who are `citizen`: the same ID number; else the same name and
    address (and birth year when both have one)."""
    found = {citizen.pk} if citizen.pk else set()
    if citizen.id_number:
        found |= set(
            Citizen.objects.filter(id_number=citizen.id_number).values_list("pk", flat=True)[:50]
        )
    name, address = fold(citizen.full_name), fold(citizen.address or "")
    if not (name and address):
        return found
    year = _birth_year(citizen)
    rows = (
        _named_alike(citizen)
        .order_by()
        .values_list("pk", "full_name", "address", "date_of_birth", "id_number")
    )
    for pk, full_name, addr, born, number in rows[:500]:
        if fold(full_name) != name or fold(addr or "") != address:
            continue
        if citizen.id_number and number and number != citizen.id_number:
            continue  # two people of one name and address, told apart by their papers
        if year and born and born.year != year:
            continue
        found.add(pk)
    return found


def _fulltext() -> bool:
    # InnoDB's FULLTEXT index holds committed rows only: inside a transaction (a
    # step's own checks, a test) the rows it wrote would not be found there.
    return connection.vendor == "mysql" and not connection.in_atomic_block


def _match(qs: QuerySet, against: str) -> QuerySet:
    sql = "MATCH (tiep_cong_dan_petition.content_key) AGAINST (%s IN BOOLEAN MODE)"
    return qs.annotate(relevance=RawSQL(sql, [against])).filter(relevance__gt=0)


def _is_parcel(word: str) -> bool:
    return word.startswith("thua") and word[4:5].isdigit() and "to" in word[4:]


def word_holders() -> dict[str, float]:
    """About how many cases hold each of the commoner words of the cases' content."""
    holders = cache.get(SHARES_KEY)
    if holders is None:
        keys = list(
            Petition.objects.exclude(content_key="")
            .order_by("-pk")
            .values_list("content_key", flat=True)[:SAMPLE]
        )
        # Below the sample's size every case was read: no count to ask.
        cases = len(keys) if len(keys) < SAMPLE else Petition.objects.count()
        counts = Counter(w for k in keys for w in set(k.split()))
        total = max(len(keys), 1)
        holders = {w: n / total * cases for w, n in counts.items() if n / total >= SHARES_KEPT}
        cache.set(SHARES_KEY, holders, SHARES_SECONDS)
    return holders


def _distinctive(key: str) -> list[str]:
    """The words of `key` that tell its matter (not the usual words of petitions, not
    a parcel, not held by too many cases to look up), the rarest first."""
    holders = word_holders()
    words = [
        w
        for w in key.split()
        if len(w) >= 3
        and w not in COMMON_WORDS
        and not _is_parcel(w)
        and holders.get(w, 0.0) <= MAX_HOLDERS
    ]
    return sorted(words, key=lambda w: (holders.get(w, 0.0), -len(w), w))


# What a candidate is judged by, read as plain values: building a full object for each
# of hundreds of rows scored costs more than the scoring; the few kept are read whole.
_LIGHT = ("pk", "content_key", "matter_unit_id", "citizen_id", "citizen__address", "received_date")


def _light(qs: QuerySet) -> list[tuple]:
    return list(qs.values_list(*_LIGHT))


def _on_ground(base: QuerySet, ground: set[int], key: str) -> list[tuple]:
    """Cases on the same ground to score: the most recent GROUND_READ, read in the
    unit index's order, and any naming one of this text's land parcels."""
    qs = base.filter(matter_unit_id__in=ground)
    # One part per unit, each read from the front of the unit index (matter unit, year,
    # number) and united: an IN over the units would read and sort all their cases.
    parts = [
        base.filter(matter_unit_id=unit)
        .order_by("-registration_year", "-registration_seq")
        .values_list(*_LIGHT)[:GROUND_READ]
        for unit in sorted(ground)
    ]
    rows = union_rows(parts)
    parcels = [w for w in key.split() if _is_parcel(w)]
    if parcels:
        if _fulltext():
            named = _match(qs, " ".join(parcels))
        else:
            named = qs.filter(reduce(or_, (Q(content_key__contains=w) for w in parcels)))
        rows += _light(named.order_by()[:PEOPLE_READ])
    return rows


def _alike_anywhere(base: QuerySet, key: str) -> list[tuple]:
    """Cases anywhere whose text may be very alike: on MariaDB those holding every one
    of the text's QUERY_WORDS most distinctive words (one FULLTEXT look-up); otherwise
    the most recent SCAN_READ."""
    if _fulltext():
        words = _distinctive(key)[:QUERY_WORDS]
        if len(words) < QUERY_WORDS_AT_LEAST:
            return []
        return _light(_match(base, " ".join(f"+{w}" for w in words)).order_by()[:CONTENT_READ])
    return _light(base.exclude(content_key="").order_by("-received_date", "-pk")[:SCAN_READ])


def _rows(qs: QuerySet) -> list[Petition]:
    return list(
        qs.select_related("citizen").only(
            "pk",
            "registration_number",
            "received_date",
            "kind",
            "state",
            "summary",
            "content_key",
            "citizen_id",
            "citizen__full_name",
            "citizen__address",
            "matter_unit_id",
            "acceptance_outcome",
            "reply_letter_number",
            "reply_letter_date",
            "refusal_ground",
            "refusal_notice_number",
            "refusal_notice_date",
            "transfer_letter",
            "same_matter_as_id",
        )
    )


def _closing(p: Petition, notices: list[tuple[str, datetime.date | None]]) -> str:
    """The document that closed the case, as the desk names it."""
    if notices:
        number, day = notices[-1]
        when = f" ngày {day:%d/%m/%Y}" if day else ""
        return f"Thông báo kết luận số {number}{when}"
    if p.refusal_notice_number:
        return (
            f"Thông báo từ chối số {p.refusal_notice_number} ngày {p.refusal_notice_date:%d/%m/%Y}"
        )
    if p.reply_letter_number:
        return f"Văn bản trả lời số {p.reply_letter_number} ngày {p.reply_letter_date:%d/%m/%Y}"
    if p.transfer_letter:
        return f"Văn bản chuyển đơn {p.transfer_letter}"
    return ""


def _notices(ids: list[int]) -> dict[int, list[tuple[str, datetime.date | None]]]:
    found: dict[int, list] = {}
    rows = (
        Conclusion.objects.filter(petition_id__in=ids)
        .exclude(notice__number="")
        .order_by("notice__issued_date", "notice_id")
        .values_list("petition_id", "notice__number", "notice__issued_date")
    )
    for pk, number, day in rows:
        found.setdefault(pk, []).append((number, day))
    return found


def _people_of(petition: Petition) -> tuple[set[int], set[int]]:
    """(the petitioner's citizens, the representatives' citizens) of `petition`."""
    people = same_people(petition.citizen) if petition.citizen_id else set()
    reps = set()
    if petition.pk:
        reps = set(
            PetitionRepresentative.objects.filter(petition_id=petition.pk).values_list(
                "citizen_id", flat=True
            )
        )
    return people, reps


def related_cases(petition: Petition, user=None, *, representatives=()) -> list[RelatedCase]:
    """The cases related to `petition` (registered or a draft) that `user` may see
    (None: all), the surest first, at most SHOWN. `representatives` (citizens) stand
    for a draft's, not saved yet."""
    if not petition.received_date:
        return []
    if user is not None and petition.is_denunciation and not roles_of(user) & IDENTITY_CLEARED:
        return []
    base = _visible(petition, user)
    people, reps = _people_of(petition)
    reps |= {c.pk for c in representatives}
    everyone = people | reps
    found: dict[int, tuple] = {}
    if everyone:
        represented = PetitionRepresentative.objects.filter(citizen_id__in=everyone).values(
            "petition_id"
        )
        for qs in (base.filter(citizen_id__in=everyone), base.filter(pk__in=represented)):
            found.update((c[0], c) for c in _light(qs.order_by("-received_date")[:PEOPLE_READ]))
    key = petition.content_key or _key_of(petition)
    ground = same_ground_unit_ids(petition.matter_unit_id) if petition.matter_unit_id else set()
    if key:
        if ground:
            found.update((c[0], c) for c in _on_ground(base, ground, key))
        found.update((c[0], c) for c in _alike_anywhere(base, key))
    rep_of = _representations(list(found), everyone)
    address = fold(petition.citizen.address or "") if petition.citizen_id else ""
    own_parcels = {w for w in key.split() if _is_parcel(w)}
    judged = []
    for pk, other_key, unit_id, citizen_id, other_address, received in found.values():
        score = score_keys(key, other_key) if key and other_key else 0.0
        reasons = []
        if citizen_id in people:
            reasons.append(SAME_CITIZEN)
        elif citizen_id in reps or pk in rep_of:
            reasons.append(SAME_REPRESENTATIVE)
        if unit_id in ground:
            same_parcel = bool(own_parcels & set(other_key.split()))
            same_address = bool(address) and fold(other_address or "") == address
            if same_parcel or same_address or score >= PLACE_AT:
                reasons.append(SAME_PLACE)
        if score >= SIMILAR_AT:
            reasons.append(SIMILAR_CONTENT)
        if reasons:
            judged.append((pk, tuple(reasons), score, received))
    judged.sort(key=lambda j: (-len(j[1]), -j[2], -j[3].toordinal(), -j[0]))
    judged = judged[:SHOWN]
    # Asked even for none ([0]): the page asks as many queries for no related case as
    # for thirty.
    chosen = [j[0] for j in judged] or [0]
    whole = {p.pk: p for p in _rows(Petition.objects.filter(pk__in=chosen))}
    related = [RelatedCase(whole[pk], reasons, score) for pk, reasons, score, _day in judged]
    notices = _notices([r.petition.pk for r in related] or [0])
    for r in related:
        r.notices = notices.get(r.petition.pk, [])
        r.closing_document = _closing(r.petition, r.notices)
        r.repeats_resolved = (
            SAME_CITIZEN in r.reasons
            and r.score >= REPEAT_AT
            and r.resolved
            and r.petition.received_date <= petition.received_date
        )
    return related


def _key_of(petition: Petition) -> str:
    return content_key(f"{petition.summary or ''} {petition.content or ''}")


def _representations(ids: list[int], people: set[int]) -> set[int]:
    """Of the petitions `ids`, those one of `people` represents."""
    if not people:
        return set()
    return set(
        PetitionRepresentative.objects.filter(
            petition_id__in=ids or [0], citizen_id__in=people
        ).values_list("petition_id", flat=True)
    )


def worth_stopping(row: RelatedCase) -> bool:
    """Whether a registration should stop on this related case before it is saved: a
    case on the same matter by its content or its parcel (not merely an earlier case
    of the same person about something else)."""
    return (
        SAME_PLACE in row.reasons
        or SIMILAR_CONTENT in row.reasons
        or (SAME_CITIZEN in row.reasons and row.score >= REPEAT_AT)
    )


def resolved_repeat(related: list[RelatedCase]) -> RelatedCase | None:
    """The earlier resolved case of the same citizen on the same content, if any: the
    Law Art. 9(3) / Decree 154 Art. 4(1)(h) refusal may cite it."""
    return next((r for r in related if r.repeats_resolved), None)


REFUSAL_GROUND_FOR_REPEAT = RefusalGround.LAW_9_3

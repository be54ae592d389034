"""Detecting crowded and complex cases in time to report them (Decree 154/2026
Art. 27(3)(b)): the scan that groups petitions on the same matter and flags them by the
Board head's rule (doctype/case_cluster).

Three kinds of flag:
- crowded: petitions whose matter arises in the same unit (today's unit, so a case
  registered under a commune merged in 2024 or 2025 meets the later ones) with similar
  content (accents and word order ignored) received within the rule's days, when they
  come from enough citizens (each petitioner counted with their group) or are enough
  petitions;
- long running: a case still open after the rule's days;
- heard many times: a case heard at more sessions than the rule allows.

The candidates are read from the received-date index (a range of days), grouped by
unit in memory, and compared only within their unit (rapidfuzz, in C). A flag is keyed
by its reason and its first case: a later scan finds it by its members and updates
them, so a matter is flagged once and notified once.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access.roles import Role
from ..doctype.case_cluster.constants import ENDED_STATES, ClusterReason, ClusterState
from ..doctype.case_cluster.models import CaseCluster, ClusterRule
from ..doctype.case_cluster.services import current_rule
from ..doctype.notification.services import desk_link, notify, users_in_roles
from ..doctype.petition.constants import PetitionKind
from ..doctype.petition.models import Petition
from ..doctype.petition.similarity import similar_pairs
from ..doctype.reception_session.models import AgendaItem
from .areas import UnitNames

# Registers repeat their words ("Khiếu nại quyết định thu hồi đất"): each text folded once.
# Up to this many new flags in one scan, the Board head gets one message for each;
# beyond (the first scan of a long history), one message pointing at the list.
NOTIFY_EACH = 10
Members = CaseCluster.members.through


@dataclass
class Case:
    id: int
    unit: int  # today's unit
    citizen: int
    group: int
    denunciation: bool
    received: datetime.date


@dataclass
class ScanResult:
    new: list[CaseCluster] = field(default_factory=list)
    updated: int = 0
    closed: int = 0


def _figures(cases: list[Case]) -> dict:
    """Petitions and citizens (each petitioner once, with their largest group), in all
    and without denunciations."""

    def citizens(rows):
        biggest: dict[int, int] = {}
        for c in rows:
            biggest[c.citizen] = max(biggest.get(c.citizen, 0), c.group)
        return sum(biggest.values())

    public = [c for c in cases if not c.denunciation]
    return {
        "petitions_count": len(cases),
        "citizens_count": citizens(cases),
        "public_petitions": len(public),
        "public_citizens": citizens(public),
        "first_seen": min(c.received for c in cases),
        "last_seen": max(c.received for c in cases),
    }


def _components(keys: list[str], cutoff: int) -> list[list[int]]:
    """Indexes of `keys` (Petition.content_key) joined when their content_score
    reaches `cutoff`: connected groups. An empty key joins nothing."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    distinct: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key:
            distinct[key].append(i)
    for same in distinct.values():  # the same words: alike without comparing
        for i in same[1:]:
            parent[root(i)] = root(same[0])
    texts = list(distinct)
    if len(texts) > 1:
        # The shared measure of "the same content" (doctype/petition/similarity.py),
        # over every pair of the unit's texts at once.
        for a, b in similar_pairs(texts, cutoff):
            parent[root(distinct[texts[a]][0])] = root(distinct[texts[b]][0])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        groups[root(i)].append(i)
    return list(groups.values())


def _read_cases(ids_or_range, names: UnitNames, today: datetime.date) -> tuple[list, list]:
    rows = Petition.objects.counted().order_by()
    if isinstance(ids_or_range, tuple):
        rows = rows.filter(received_date__range=ids_or_range)
    else:
        rows = rows.filter(pk__in=ids_or_range)
    cases, keys = [], []
    for pk, unit, citizen, group, kind, key, received in rows.values_list(
        "pk",
        "matter_unit_id",
        "citizen_id",
        "group_size",
        "kind",
        "content_key",
        "received_date",
    ).iterator(chunk_size=5000):
        cases.append(
            Case(
                pk,
                names.in_force(unit, today),
                citizen,
                group,
                kind == PetitionKind.DENUNCIATION,
                received,
            )
        )
        keys.append(key)
    return cases, keys


def _crowded(rule: ClusterRule, start, end, names) -> list[tuple[list[Case], int | None]]:
    """The crowded matters: (their cases, the open flag they continue or None)."""
    since = start - datetime.timedelta(days=rule.window_days)
    cases, keys = _read_cases((since, end), names, end)
    # The open flags' cases, however old: a matter that goes on is the same flag.
    flagged = dict(
        Members.objects.filter(
            casecluster__reason=ClusterReason.CROWDED, casecluster__state=ClusterState.OPEN
        ).values_list("petition_id", "casecluster_id")
    )
    seen = {c.id for c in cases}
    more = [pk for pk in flagged if pk not in seen]
    if more:
        extra, extra_keys = _read_cases(more, names, end)
        cases += extra
        keys += extra_keys
    by_unit: dict[int, list[int]] = defaultdict(list)
    for i, case in enumerate(cases):
        by_unit[case.unit].append(i)
    found = []
    for indexes in by_unit.values():
        for part in _components([keys[i] for i in indexes], rule.similarity):
            members = [cases[indexes[j]] for j in part]
            continued = next((flagged[c.id] for c in members if c.id in flagged), None)
            if continued is None:
                recent = [c for c in members if c.received >= since]
                figures = _figures(recent) if recent else None
                if not figures or (
                    figures["petitions_count"] < rule.min_petitions
                    and figures["citizens_count"] < rule.min_citizens
                ):
                    continue
            found.append((members, continued))
    return found


def _single_cases(rows, names, end) -> list[list[Case]]:
    """Each of `rows` a group of its own (a case flagged by itself, not by likeness)."""
    return [
        [
            Case(
                pk,
                names.in_force(unit, end),
                citizen,
                group,
                kind == PetitionKind.DENUNCIATION,
                day,
            )
        ]
        for pk, unit, citizen, group, kind, day in rows.values_list(
            "pk", "matter_unit_id", "citizen_id", "group_size", "kind", "received_date"
        ).iterator(chunk_size=5000)
    ]


def _long_running(rule: ClusterRule, start, end, names) -> list[list[Case]]:
    """The cases that turned `open_days` old during the scan's days and are open."""
    days = datetime.timedelta(days=rule.open_days)
    rows = Petition.objects.counted().exclude(state__in=ENDED_STATES).order_by()
    rows = rows.filter(received_date__lte=end - days)
    if start is not None:
        rows = rows.filter(received_date__gte=start - days)
    return _single_cases(rows, names, end)


def _heard_often(rule: ClusterRule, start, end, names) -> list[list[Case]]:
    """The cases heard during the scan's days that have been heard more than
    `max_hearings` times in all."""
    heard = AgendaItem.objects.filter(heard=True)
    recent = heard.filter(session__date__lte=end)
    if start is not None:
        recent = recent.filter(session__date__gte=start)
    ids = set(recent.values_list("petition_id", flat=True))
    if not ids:
        return []
    often = [
        pk
        for pk, n in heard.filter(petition_id__in=ids)
        .values_list("petition_id")
        .annotate(n=Count("id"))
        .values_list("petition_id", "n")
        if n > rule.max_hearings
    ]
    rows = Petition.objects.counted().filter(pk__in=often).order_by()
    return _single_cases(rows, names, end)


def _new_key(reason: str, members: list[Case], day: datetime.date) -> str:
    """A one-case flag is keyed by its case; a crowded matter by its first case and the
    day it was flagged (its first case may have been in an earlier, closed flag)."""
    first = min(c.id for c in members)
    if reason == ClusterReason.CROWDED:
        return f"{reason}:{first}:{day:%Y%m%d}"
    return f"{reason}:{first}"


def _store(reason: str, found: list, result: ScanResult, day: datetime.date) -> None:
    """Create the new flags and bring the known ones up to date (members, figures)."""
    continued = {}
    fresh = []
    if reason == ClusterReason.CROWDED:
        for members, cluster_id in found:
            if cluster_id is None:
                fresh.append(members)
            else:
                continued[cluster_id] = members
    else:
        keys = {f"{reason}:{members[0].id}": members for members in found}
        known = dict(CaseCluster.objects.filter(key__in=list(keys)).values_list("key", "pk"))
        for key, members in keys.items():
            if key in known:
                continued[known[key]] = members
            else:
                fresh.append(members)
    have: dict[int, set[int]] = defaultdict(set)
    for cluster_id, petition_id in Members.objects.filter(
        casecluster_id__in=list(continued)
    ).values_list("casecluster_id", "petition_id"):
        have[cluster_id].add(petition_id)
    added = []
    for cluster_id, members in continued.items():
        add = [c.id for c in members if c.id not in have[cluster_id]]
        if add:
            added += [Members(casecluster_id=cluster_id, petition_id=pk) for pk in add]
            if have[cluster_id] <= {c.id for c in members}:  # every case's figures, recounted
                CaseCluster.objects.filter(pk=cluster_id).update(**_figures(members))
            result.updated += 1
    Members.objects.bulk_create(added, batch_size=5000)
    if not fresh:
        return
    rows = [
        CaseCluster(
            key=_new_key(reason, members, day),
            reason=reason,
            unit_id=members[0].unit,
            **_figures(members),
        )
        for members in fresh
    ]
    # A flag of this key may exist already, closed (a matter found again by a scan over
    # days it was quiet in): it is not made again, nor reported new.
    existing = set(
        CaseCluster.objects.filter(key__in=[r.key for r in rows]).values_list("key", flat=True)
    )
    kept = [i for i, row in enumerate(rows) if row.key not in existing]
    rows, fresh = [rows[i] for i in kept], [fresh[i] for i in kept]
    if not rows:
        return
    CaseCluster.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    ids = dict(CaseCluster.objects.filter(key__in=[r.key for r in rows]).values_list("key", "pk"))
    Members.objects.bulk_create(
        [
            Members(casecluster_id=ids[row.key], petition_id=c.id)
            for row, members in zip(rows, fresh, strict=True)
            for c in members
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    result.new += list(CaseCluster.objects.filter(pk__in=ids.values()).select_related("unit"))


def _close(end: datetime.date, rule: ClusterRule) -> int:
    """Open flags none of whose cases still waits (a crowded matter also quiet for the
    rule's days) are closed."""
    waiting = Members.objects.filter(casecluster_id=OuterRef("pk")).exclude(
        petition__state__in=ENDED_STATES
    )
    quiet = end - datetime.timedelta(days=rule.window_days)
    stale = CaseCluster.objects.filter(state=ClusterState.OPEN).exclude(Exists(waiting))
    stale = stale.exclude(reason=ClusterReason.CROWDED, last_seen__gte=quiet)
    return stale.update(state=ClusterState.CLOSED, closed_on=end)


def _message(cluster: CaseCluster) -> str:
    """Figures and place only: never a petitioner's name (a denouncer's above all)."""
    where = cluster.unit.name
    if cluster.reason == ClusterReason.CROWDED:
        return _(
            "Crowded case detected in %(unit)s: %(petitions)s petitions, %(citizens)s "
            "citizens on similar content (received %(first)s–%(last)s)."
        ) % {
            "unit": where,
            "petitions": cluster.petitions_count,
            "citizens": cluster.citizens_count,
            "first": cluster.first_seen.strftime("%d/%m/%Y"),
            "last": cluster.last_seen.strftime("%d/%m/%Y"),
        }
    return _("%(reason)s in %(unit)s (received %(first)s).") % {
        "reason": cluster.get_reason_display(),
        "unit": where,
        "first": cluster.first_seen.strftime("%d/%m/%Y"),
    }


def _notify(new: list[CaseCluster], end: datetime.date) -> None:
    heads = list(users_in_roles({Role.BOARD_HEAD}))
    if not heads or not new:
        return
    if len(new) <= NOTIFY_EACH:
        for cluster in new:
            notify(
                heads, _message(cluster), link=desk_link(cluster), key=f"case-cluster:{cluster.pk}"
            )
        return
    from django.urls import reverse

    notify(
        heads,
        _("%(n)s crowded or complex cases newly flagged: see the list.") % {"n": len(new)},
        link=reverse("admin:tiep_cong_dan_casecluster_changelist"),
        key=f"case-clusters:{end.isoformat()}:{min(c.pk for c in new)}",
    )


def scan_clusters(
    end: datetime.date | None = None, start: datetime.date | None = None
) -> ScanResult:
    """Flag what the rule finds among the petitions received up to `end` (today): the
    crowded matters of the rule's days before `start` (default `end`) up to `end`; the
    cases that became long running, or were heard once too often, from `start` to
    `end` (from the beginning when `start` is None). Idempotent."""
    end = end or timezone.localdate()
    rule = current_rule()
    names = UnitNames()
    result = ScanResult()
    with transaction.atomic():
        _store(ClusterReason.CROWDED, _crowded(rule, start or end, end, names), result, end)
        _store(ClusterReason.LONG_RUNNING, _long_running(rule, start, end, names), result, end)
        _store(ClusterReason.REPEATED_HEARINGS, _heard_often(rule, start, end, names), result, end)
        result.closed = _close(end, rule)
    _notify(result.new, end)
    return result

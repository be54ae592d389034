"""What the Board weighs in the report's assessment (section IV "Đánh giá, kiến nghị"):
the citizens who came back (two petitions or more in the period, or a concluded matter
submitted again) and the cases still open after the rule's days. The lines are offered
to the Board, who adds them to its own text and edits or keeps them there: the report
prints what the Board wrote, as it wrote it.

Each reader sees the cases their rule lets them read; a denunciation is named only to
those cleared for its denouncer's identity."""

import datetime
from collections import defaultdict

from django.db.models import Count

from ..access.roles import IDENTITY_CLEARED, roles_of
from ..access.rules import rule_for
from ..core.period import Period
from ..doctype.case_cluster.constants import ENDED_STATES
from ..doctype.case_cluster.services import current_rule
from ..doctype.petition.constants import PetitionKind, PetitionState
from ..doctype.petition.models import Petition
from ..doctype.petition.similarity import score_keys

LIMIT = 30  # each list's lines; the count says how many in all
CONCLUDED = (PetitionState.CONCLUDED, PetitionState.FOLLOWED_UP, PetitionState.CLOSED)
HEADING_REPEAT = "Công dân gửi đơn nhiều lần hoặc gửi lại vụ việc đã được giải quyết:"
HEADING_LONG = "Vụ việc kéo dài chưa kết thúc:"


def _readable(user):
    rows = rule_for(Petition).queryset(user, Petition.objects.counted())
    if user is not None and not roles_of(user) & IDENTITY_CLEARED:
        rows = rows.exclude(kind=PetitionKind.DENUNCIATION)
    return rows.order_by()


def repeat_petitioners(period: Period, user) -> tuple[list[str], int]:
    """Lines naming each returning citizen with their petitions of the period."""
    readable = _readable(user)
    in_period = readable.filter(received_date__range=(period.start, period.end))
    twice = set(
        in_period.values("citizen_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .values_list("citizen_id", flat=True)
    )
    mine = list(
        in_period.values_list(
            "pk", "citizen_id", "citizen__full_name", "registration_number", "content_key"
        )
    )
    earlier = defaultdict(list)
    for citizen, number, key in readable.filter(
        citizen_id__in={row[1] for row in mine},
        received_date__lt=period.start,
        state__in=CONCLUDED,
    ).values_list("citizen_id", "registration_number", "content_key"):
        earlier[citizen].append((number, key))
    cutoff = current_rule().similarity
    by_citizen: dict[int, dict] = {}
    for _pk, citizen, name, number, key in mine:
        again = [n for n, k in earlier[citizen] if score_keys(key, k) >= cutoff]
        if citizen in twice or again:
            entry = by_citizen.setdefault(citizen, {"name": name, "numbers": [], "again": set()})
            entry["numbers"].append(number)
            entry["again"].update(again)
    lines = []
    for entry in sorted(by_citizen.values(), key=lambda e: (-len(e["numbers"]), e["name"])):
        line = f"- {entry['name']}: {len(entry['numbers'])} đơn ({', '.join(entry['numbers'])})"
        if entry["again"]:
            line += f"; gửi lại vụ việc đã giải quyết ({', '.join(sorted(entry['again']))})"
        lines.append(line + ".")
    return lines[:LIMIT], len(lines)


def long_running(period: Period, user) -> tuple[list[str], int]:
    """Lines naming the cases open longer than the rule's days at the period's end,
    the oldest first."""
    days = current_rule().open_days
    before = period.end - datetime.timedelta(days=days)
    rows = (
        _readable(user)
        .exclude(state__in=ENDED_STATES)
        .filter(received_date__lte=before, received_date__gte=datetime.date(2000, 1, 1))
    )
    total = rows.count()
    lines = [
        f"- {number} ({unit}): {summary}; tiếp nhận {day:%d/%m/%Y}, "
        f"{(period.end - day).days} ngày chưa kết thúc."
        for number, unit, summary, day in rows.order_by("received_date", "pk").values_list(
            "registration_number", "matter_unit__name", "summary", "received_date"
        )[:LIMIT]
    ]
    return lines, total


def _block(heading: str, lines: list[str], total: int) -> list[str]:
    if not lines:
        return []
    more = [f"(và {total - len(lines)} trường hợp khác)"] if total > len(lines) else []
    return [heading, *lines, *more]


def assessment_lines(period: Period, user) -> list[str]:
    """Both lists as the lines the Board adds to section IV (none when both are empty)."""
    return _block(HEADING_REPEAT, *repeat_petitioners(period, user)) + _block(
        HEADING_LONG, *long_running(period, user)
    )

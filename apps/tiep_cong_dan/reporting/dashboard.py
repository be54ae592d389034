"""The desk's home page: the month and the year at a glance by kind of session, the
backlog and waiting time, overdue assignments, the next session's readiness, the
periodic sessions' shares by area and the trend; every figure counted within the
viewer's own scope (a district officer sees their district)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ..access.roles import PROVINCE_WIDE, roles_of
from ..access.rules import rule_for
from ..core.period import Period
from ..doctype.reception_session.models import ReceptionSession
from ..scheduling.agenda import point_readiness
from ..scheduling.forecast_words import explained
from ..scheduling.planning import shared_plan
from ..workflow.work import my_work
from .areas import places_words
from .cluster_panel import cluster_panel
from .figures import compute, monthly_trend
from .wording import decimal, number, shares

UPCOMING = ("planned", "approved", "announced", "tested", "connected", "in_person", "draft")


def _next_session(user, today: datetime.date) -> dict | None:
    sessions = rule_for(ReceptionSession).queryset(
        user, ReceptionSession.objects.filter(date__gte=today, state__in=UPCOMING)
    )
    session = sessions.order_by("date", "start_time").first()
    if session is None:
        return None
    points = session.participant_points()
    ready = [p for p in points if point_readiness(p, session.date)]
    invitations = session.invitations.all()
    return {
        "title": str(session),
        "date": session.date.strftime("%d/%m/%Y"),
        "state": session.get_state_display(),
        "hearings": session.agenda_items.count(),
        "points": len(points),
        "points_ready": len(ready),
        "points_missing": [p.name for p in points if p not in ready][:6],
        "invitations": invitations.count(),
        "invitations_sent": invitations.filter(sent_at__isnull=False).count(),
        "url": reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk]),
    }


def _bars(rows: list[tuple[str, int]], limit: int = 8) -> list[dict]:
    """Rows as bars: width relative to the largest, share of the whole."""
    share = shares(dict(rows))
    top = max((v for _, v in rows), default=0) or 1
    return [
        {"label": name, "value": number(v), "share": share[name], "width": round(v * 100 / top)}
        for name, v in rows[:limit]
    ]


def _waiting(f) -> str:
    if f.wait_average is None:
        return ""
    return f"chờ bình quân {decimal(f.wait_average)} ngày, dài nhất {round(f.wait_max)} ngày"


def _periodic_card(label: str, t) -> dict:
    note = f"{number(t.sessions)} kỳ"
    if t.group_hearings:
        note += (
            f"; đoàn đông người {number(t.group_hearings)} lượt / "
            f"{number(t.group_citizens)} lượt công dân"
        )
    return {"label": label, "value": f"{number(t.hearings)} / {number(t.citizens)}", "note": note}


def _special_card(label: str, t) -> dict:
    return {
        "label": label,
        "value": f"{number(t.sessions)} / {number(t.citizens)}",
        "note": places_words(t.places),
    }


def dashboard(user, today: datetime.date | None = None) -> dict:
    """Every figure split by kind of session, as the scheme counts: the periodic
    sessions' hearings and citizens (their shares by area), the ad hoc and
    central-request sessions with the places their citizens came from."""
    today = today or timezone.localdate()
    month = Period.month(today.year, today.month)
    year = Period(datetime.date(today.year, 1, 1), today)
    # Only what the cards show: the year's cards are its hearings and waiting times.
    m = compute(month, user, parts=frozenset({"reception", "received", "backlog", "assignments"}))
    y = compute(year, user, parts=frozenset({"reception", "waits"}))
    trend = monthly_trend(month, user)
    top = max((t.hearings for t in trend), default=0) or 1
    return {
        "month_label": month.label,
        "year_label": f"năm {today.year}",
        "cards": [
            _periodic_card("Tiếp định kỳ trong tháng: lượt tiếp / lượt công dân", m.periodic),
            _periodic_card(f"Tiếp định kỳ năm {today.year}: lượt tiếp / lượt công dân", y.periodic),
            _special_card(
                f"Tiếp đột xuất năm {today.year}: cuộc / lượt công dân", y.kinds["ad_hoc"]
            ),
            _special_card(
                f"Tiếp theo yêu cầu Trung ương năm {today.year}: cuộc / lượt công dân",
                y.kinds["central_request"],
            ),
            {"label": "Đơn tiếp nhận trong tháng", "value": number(m.received)},
            {
                "label": "Vụ việc chờ được tiếp",
                "value": number(m.backlog),
                "note": _waiting(y),
            },
            {
                "label": "Nhiệm vụ quá hạn",
                "value": number(m.assignments["overdue"]),
                "alert": m.assignments["overdue"] > 0,
                "note": f"đang thực hiện {number(m.assignments['open'])}",
            },
        ],
        "units": _bars(y.by_unit),
        "overdue": [{"label": a, "value": number(n)} for a, n in m.overdue_by_agency[:8]],
        "trend": [
            {
                "label": t.label,
                "hearings": t.hearings,
                "citizens": t.citizens,
                "periodic": t.kinds["periodic"][0],
                "height": round(t.hearings * 100 / top),
            }
            for t in trend
        ],
        "next_session": _next_session(user, today),
        "clusters": cluster_panel(user),
        **_forecast(user, today),
    }


def _forecast(user, today: datetime.date) -> dict:
    """The queue's forecast (scheduling/planning.py) for those who plan the province's
    sessions: it counts every case of the province, not a unit officer's scope."""
    if not roles_of(user) & PROVINCE_WIDE:
        return {}
    return {
        "forecast": explained(shared_plan(today)),
        "queue_url": reverse("admin:tiep_cong_dan_petition_queue"),
    }


# The home page is a glance: its figures may be two minutes old, which spares a busy
# desk from recounting a large history on every visit (each user has their own copy).
CACHE_SECONDS = 120


def dashboard_callback(request, context: dict) -> dict:
    """The desk's index context (UNFOLD["DASHBOARD_CALLBACK"])."""
    from django.core.cache import cache

    key = f"tcd:dashboard:{request.user.pk}:{timezone.localdate()}:{request.LANGUAGE_CODE}"
    data = cache.get(key)
    if data is None:
        data = dashboard(request.user)
        data["counted_at"] = timezone.localtime().strftime("%H:%M")
        cache.set(key, data, CACHE_SECONDS)
    context["dash"] = data
    # What waits for the user changes with every step they take: counted afresh (one
    # grouped query per document type), never from the two-minute copy.
    context["work"] = my_work(request.user)
    return context

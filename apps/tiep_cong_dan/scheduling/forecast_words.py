"""The forecast in words: every figure the queue page and the dashboard show, with a
sentence saying where it comes from, for a reader who is not a planner."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .planning import HORIZON_MONTHS, Plan, figures


def _month(day) -> str:
    return day.strftime("%m/%Y")


def _cleared(value: int | None, months) -> str:
    if value is None:
        return _("not cleared within %(n)s months") % {"n": HORIZON_MONTHS}
    return _("cleared by the end of %(month)s") % {"month": _month(months[value - 1].first_day)}


def _wait(days: int | None) -> str:
    if days is None:
        return _("more than %(n)s months") % {"n": HORIZON_MONTHS}
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}


def explained(plan: Plan) -> dict:
    """The forecast, its what-ifs and the sentences explaining them."""
    base = figures(plan, plan.base)
    months = plan.base.months
    assumed = sum(1 for m in plan.months for s in m.sessions if not s.planned)
    places = sum(s.capacity for m in plan.months for s in m.sessions)
    rows = [
        {
            "month": _month(m.first_day),
            "sessions": ", ".join(
                s.day.strftime("%d/%m") + ("" if s.planned else "*") for s in m.sessions
            )
            or "—",
            "places": sum(s.capacity for s in m.sessions),
            "queue_before": m.queue_before,
            "heard": m.heard,
            "arrivals": m.arrivals,
            "queue_after": m.queue_after,
            "new_case_wait": _wait(m.new_case_wait) if m.arrivals else "—",
        }
        for m in months
    ]
    what_ifs = []
    for key, label, result in plan.what_ifs:
        f = figures(plan, result)
        what_ifs.append(
            {
                "key": key,
                "label": label,
                "queue_end": f["queue_end"],
                "cleared": _cleared(f["cleared_after"], result.months),
                "flagged": f["flagged"],
                "new_case_wait": _wait(f["new_case_wait"]),
            }
        )
    rate = f"{plan.monthly_rate:.1f}".replace(".", ",")
    sentences = [
        _(
            "Arrivals: %(total)s cases were approved for a hearing over the last 12 months "
            "(%(by_month)s, oldest month first), about %(rate)s a month; the forecast "
            "expects as many each month ahead."
        )
        % {
            "total": sum(plan.approvals),
            "by_month": ", ".join(str(n) for n in plan.approvals),
            "rate": rate,
        },
        _(
            "Capacity: the periodic sessions of the next 12 months can still take "
            "%(places)s hearings in all (each takes up to its capacity, online cases in "
            "the afternoon and the others in the morning, as the agenda is built; a "
            "session whose agenda is already set takes no more)."
        )
        % {"places": places}
        + (
            " "
            + _(
                "%(assumed)s month(s) have no session created yet: the forecast counts "
                "the session the scheme requires (the 15th, 15 hearings), marked *."
            )
            % {"assumed": assumed}
            if assumed
            else ""
        ),
        _(
            "Queue: %(size)s cases wait today (not yet on a session's agenda); at this pace "
            "%(heard)s are heard in the 12 months, %(end)s will be waiting at the end, and "
            "the queue is %(cleared)s."
        )
        % {
            "size": plan.queue_size,
            "heard": base["heard"],
            "end": base["queue_end"],
            "cleared": _cleared(base["cleared_after"], months),
        },
        _(
            "Expected wait of a case: the days from today to the session that reaches it "
            "in queue order; cases moved up by the Board head come first. A case approved "
            "today joins the back of the queue and is heard at the earliest next month."
        ),
        _(
            "Threshold: %(flagged)s case(s) are expected to wait more than %(days)s days "
            "(the threshold the Board head sets), and are marked on the queue."
        )
        % {"flagged": base["flagged"], "days": plan.threshold},
    ]
    return {
        "rows": rows,
        "what_ifs": what_ifs,
        "sentences": sentences,
        "queue_end": base["queue_end"],
        "cleared": _cleared(base["cleared_after"], months),
        "flagged": base["flagged"],
        "threshold": plan.threshold,
        "queue_size": plan.queue_size,
        "rate": rate,
        "new_case_wait": _wait(base["new_case_wait"]),
    }

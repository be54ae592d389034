"""The figures as plain data (the API's reports/figures): split by kind of session as the
scheme counts them, the shares written as the report writes them, and the report's
own sentences."""

from .figures import Figures, Reception, Tally
from .wording import shares, subject, summary


def _tally(t: Tally, places: bool = True) -> dict:
    data = {
        "sessions": t.sessions,
        "hearings": t.hearings,
        "citizens": t.citizens,
        "group_hearings": t.group_hearings,
        "group_citizens": t.group_citizens,
        "online_hearings": t.online,
        "in_person_hearings": t.in_person,
    }
    if places:
        data["places"] = [
            {"unit": commune.name, "district": district.name if district else None}
            for commune, district in t.places
        ]
    return data


def _reception(r: Reception) -> dict:
    share = shares({place: n for place, n in r.areas})
    return {
        "from": r.period.start,
        "to": r.period.end,
        "label": r.period.label,
        "mode": r.mode,
        "by_session_kind": {kind: _tally(t) for kind, t in r.kinds.items()},
        "total": _tally(r.total, places=False),
        # The periodic sessions' citizens only, as the scheme's shares.
        "by_unit": [
            {"unit": place.name, "citizens": n, "share": share[place]} for place, n in r.areas
        ],
    }


def figures_data(f: Figures) -> dict:
    return {
        **_reception(f.reception),
        "title": subject(f.reception),
        "summary": summary(f),
        "sessions": {kind: t.sessions for kind, t in f.kinds.items()},
        "years": [_reception(year) for year in f.years],
        "by_kind": f.by_kind,
        "by_mode": f.by_mode,
        "received": f.received,
        "received_matters": f.received_matters,
        "outcomes": f.outcomes,
        "backlog": f.backlog,
        "rolled_over": f.rolled_over,
        "wait_average_days": f.wait_average,
        "wait_max_days": f.wait_max,
        "assignments": f.assignments,
        "overrides": f.overrides,
        "notices": f.notices,
    }

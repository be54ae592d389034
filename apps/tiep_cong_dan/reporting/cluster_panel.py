"""The dashboard's panel of crowded and complex cases: the open flags by unit, as the
viewer's rule lets them see (a unit officer their units; a flag of denunciations only
for those cleared). No map: no maintained package ships the communes' boundaries, so
the units are a table, the largest counts first."""

from django.db.models import Count, Q
from django.urls import reverse

from ..access.rules import rule_for
from ..doctype.case_cluster.constants import ClusterReason, ClusterState
from ..doctype.case_cluster.models import CaseCluster

REASONS = [reason.value for reason in ClusterReason]
# The reasons' short names, for the table's columns, in REASONS' order.
HEADERS = ["Đông người", "Kéo dài", "Tiếp nhiều lần"]
ROWS = 12  # the units with most flags; the list has them all


def cluster_panel(user) -> dict | None:
    """None for a user who may not read the flags; else the units' counts (one query)."""
    rule = rule_for(CaseCluster)
    if not rule.can_view(user):
        return None
    open_flags = rule.queryset(user, CaseCluster.objects.filter(state=ClusterState.OPEN))
    rows = (
        open_flags.order_by()
        .values("unit_id", "unit__name")
        .annotate(
            total=Count("pk"),
            **{r: Count("pk", filter=Q(reason=r)) for r in REASONS},
        )
        .order_by("-total", "unit__name")
    )
    units = [
        {"name": row["unit__name"], "total": row["total"], "counts": [row[r] for r in REASONS]}
        for row in rows
    ]
    return {
        "headers": HEADERS,
        "units": units[:ROWS],
        "more": max(len(units) - ROWS, 0),
        "total": sum(u["total"] for u in units),
        "url": reverse("admin:tiep_cong_dan_casecluster_changelist") + "?state__exact=open",
    }

"""The rule's changes and the Board head's acknowledgement of a flag."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...access.rules import rule_for
from .models import CaseCluster, ClusterRule

RULE_FIELDS = (
    "min_citizens",
    "min_petitions",
    "window_days",
    "similarity",
    "open_days",
    "max_hearings",
)


def current_rule() -> ClusterRule:
    """The rule in force (its defaults until the Board head sets it)."""
    rule = ClusterRule.objects.order_by("pk").first()
    return rule if rule is not None else ClusterRule.objects.create()


@transaction.atomic
def change_cluster_rule(by, **values) -> ClusterRule:
    """Set the rule's thresholds; only the Board head (or the administrator) may."""
    rule = current_rule()
    if not rule_for(ClusterRule).can_change(by, rule):
        raise PermissionDenied(_("Only the Board head may change the rule."))
    for name, value in values.items():
        if name not in RULE_FIELDS:
            raise ValueError(name)
        setattr(rule, name, value)
    rule.full_clean()
    rule.changed_by = by
    rule.save()
    return rule


@transaction.atomic
def acknowledge_cluster(cluster: CaseCluster, by) -> CaseCluster:
    """The Board head records that they saw the flag (once; the first stays)."""
    if not rule_for(CaseCluster).can_change(by, cluster):
        raise PermissionDenied(_("Only the Board head may acknowledge a flag."))
    if cluster.acknowledged_by_id is None:
        cluster.acknowledged_by = by
        cluster.acknowledged_at = timezone.now()
        cluster.save(update_fields=["acknowledged_by", "acknowledged_at"])
    return cluster

"""The rule and the effect this feature gives the session workflow
(doctype/reception_session/reception_session.yaml names them), found at start-up with every folder's
workflow_rules.py: the session type itself knows nothing of agendas' slots or of who
is invited."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..workflow.registry import condition, effect
from .agenda import double_booked_points
from .invitations import prepare_invitations

S = "reception_session"


@condition(S, "no_double_booking", gettext_lazy("No bridge point is booked twice at once"))
def no_double_booking(ctx):
    clash = double_booked_points(ctx.doc)
    if clash:
        return _("Also booked by another session at the same time: %(list)s.") % {
            "list": ", ".join(p.name for p in clash)
        }


@effect(S, "prepare_invitations", gettext_lazy("List who must be told what"), follow_on=True)
def prepare_invitations_effect(ctx):
    prepare_invitations(ctx.doc)

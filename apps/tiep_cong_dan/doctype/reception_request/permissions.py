"""Who sees and decides online requests: the one rule of the type.

Only a request whose phone was confirmed reaches the Board: one still awaiting its
code is no row for anyone. The Board and the Chairman's side read them; the Board
decides. A denunciation's sender is masked, as on petitions, from the roles not
cleared for a denouncer's identity (the petition's own rule decides)."""

from django.db.models import Q

from ...access.roles import BOARD, PROVINCE_WIDE, roles_of
from ...access.rules import DocRule
from ..petition.masking import DenouncerMasking
from .constants import RequestState
from .models import ReceptionRequest

# What identifies the sender: name, papers, contact, address and their own words.
IDENTITY_FIELDS = frozenset(
    {
        "full_name",
        "id_kind",
        "id_number",
        "phone",
        "email",
        "address",
        "content",
        "attachments",
        "representatives",
    }
)
PERSONAL_FIELDS = IDENTITY_FIELDS


class ReceptionRequestRule(DenouncerMasking, DocRule):
    # The petition's own test, asked of the request's kind: the request becomes it.
    identity_fields = IDENTITY_FIELDS
    model = ReceptionRequest
    access_log_code = "reception_request"
    view_roles = PROVINCE_WIDE
    unscoped_roles = frozenset()  # every viewer goes through scope_filter (no unconfirmed)
    add_roles = frozenset()  # citizens send them on the public site
    change_roles = BOARD
    attachments = False  # the citizen's files are shown on the request's own page

    def scope_filter(self, user, roles):
        return ~Q(state=RequestState.AWAITING_PHONE)

    def may_decide(self, user) -> bool:
        return bool(roles_of(user) & BOARD)

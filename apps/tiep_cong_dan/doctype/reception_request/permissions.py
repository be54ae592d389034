"""Who sees and decides online requests: the one rule of the type.

Only a request whose phone was confirmed reaches the Board: one still awaiting its
code is no row for anyone. The Board and the Chairman's side read them; the Board
decides. A denunciation's sender is masked, as on petitions, from the roles not
cleared for a denouncer's identity (the petition's own rule decides)."""

from django.db.models import Q

from ...access.roles import BOARD, IDENTITY_CLEARED, PROVINCE_WIDE, roles_of
from ...access.rules import DocRule, rule_for
from ..petition.constants import PetitionKind
from ..petition.models import Petition
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


class ReceptionRequestRule(DocRule):
    model = ReceptionRequest
    access_log_code = "reception_request"
    view_roles = PROVINCE_WIDE
    unscoped_roles = frozenset()  # every viewer goes through scope_filter (no unconfirmed)
    add_roles = frozenset()  # citizens send them on the public site
    change_roles = BOARD
    attachments = False  # the citizen's files are shown on the request's own page

    def scope_filter(self, user, roles):
        return ~Q(state=RequestState.AWAITING_PHONE)

    def identity_visible(self, user, obj: ReceptionRequest) -> bool:
        # The petition's own test (a denunciation's sender to the cleared roles only),
        # asked of the request's kind: the request becomes that petition.
        return rule_for(Petition).identity_visible(user, obj)

    def masked_fields(self, user, obj):
        return frozenset() if self.identity_visible(user, obj) else IDENTITY_FIELDS

    def masked_paths(self, user):
        return frozenset() if roles_of(user) & IDENTITY_CLEARED else IDENTITY_FIELDS

    def free_text_masked(self, user, obj):
        return not self.identity_visible(user, obj)

    def free_text_masked_filter(self, user):
        if roles_of(user) & IDENTITY_CLEARED:
            return None
        return Q(kind=PetitionKind.DENUNCIATION)

    def may_decide(self, user) -> bool:
        return bool(roles_of(user) & BOARD)

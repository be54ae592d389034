"""The denouncer's identity, one rule for every type that carries a petition's kind.

Law on Denunciation 2018 Art. 8(3), 47: a denouncer's name and anything identifying
them is seen only by the roles cleared for it. A petition, a commune's proposal of a
case and a citizen's online request (which becomes a petition) all name the person
behind a denunciation; each type's rule mixes this in, says where the row's kind is
(`kind_path`: "kind" on the row, "petition__kind" through its case) and which of its
fields identify the person (`identity_fields`), so the test is written once."""

from django.db.models import Q

from ...access.roles import IDENTITY_CLEARED, roles_of
from .constants import PetitionKind


class DenouncerMasking:
    kind_path: str = "kind"
    identity_fields: frozenset[str] = frozenset()

    def _kind_of(self, obj) -> str:
        value = obj
        for name in self.kind_path.split("__"):
            value = getattr(value, name)
        return value

    def identity_visible(self, user, obj) -> bool:
        return self._kind_of(obj) != PetitionKind.DENUNCIATION or bool(
            roles_of(user) & IDENTITY_CLEARED
        )

    def masked_fields(self, user, obj):
        return frozenset() if self.identity_visible(user, obj) else self.identity_fields

    def masked_paths(self, user):
        return frozenset() if roles_of(user) & IDENTITY_CLEARED else self.identity_fields

    def free_text_masked(self, user, obj):
        # A comment on a denunciation ("the denouncer, Mr X, asked…") is identity data.
        return not self.identity_visible(user, obj)

    def free_text_masked_filter(self, user):
        if roles_of(user) & IDENTITY_CLEARED:
            return None
        return Q(**{self.kind_path: PetitionKind.DENUNCIATION})

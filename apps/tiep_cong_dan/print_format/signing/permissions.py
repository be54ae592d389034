from django.db.models import Q

from ...access.roles import PROVINCE_WIDE, Role
from ...access.rules import ALL_STAFF, DocRule
from .models import DocumentSignature, SealImage, SignatureImage

# Who manages every signer's image and the seals: the Board head and administrators.
MANAGERS = frozenset({Role.BOARD_HEAD, Role.ADMINISTRATOR})


class SignatureImageRule(DocRule):
    """A signer uploads their own signature image; the Board head and administrators
    anyone's. Nobody else sees it (it is printed only on what its owner signs)."""

    model = SignatureImage
    view_roles = add_roles = change_roles = delete_roles = ALL_STAFF
    unscoped_roles = MANAGERS

    def scope_filter(self, user, roles):
        return Q(user=user)


class SealImageRule(DocRule):
    """The issuing bodies' seals: the province's officials see them, the Board head and
    administrators replace them."""

    model = SealImage
    view_roles = PROVINCE_WIDE | MANAGERS
    add_roles = change_roles = delete_roles = MANAGERS


class DocumentSignatureRule(DocRule):
    """The record of each signature, written only by the signing service."""

    model = DocumentSignature
    view_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR}

"""Masking of a denouncer's identity, and the log of every time it or other personal
data is shown (the kind of entry says which)."""

from django.utils.translation import gettext_lazy as _

from ..core.client_ip import client_ip
from .models import AccessKind, ConfidentialAccess

MASK = _("*** protected ***")


def record_confidential_access(
    user,
    *,
    object_type: str,
    object_ids,
    fields,
    path: str = "",
    ip_address: str | None = None,
    kind: str = AccessKind.CONFIDENTIAL,
) -> None:
    """One log row for confidential data (or, with `kind` PERSONAL, other personal
    data) shown to `user`; paths without a request (a command, a job) name themselves
    in `path`. The one place that writes the log."""
    ids = [str(i) for i in object_ids]
    if not ids:
        return
    ConfidentialAccess.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        kind=kind,
        object_type=object_type,
        object_ids=",".join(ids),
        fields=",".join(sorted(fields))[:255],
        path=path[:255],
        ip_address=ip_address,
    )


def log_confidential_access(
    request, *, object_type: str, object_ids, fields, kind: str = AccessKind.CONFIDENTIAL
) -> None:
    # X-Forwarded-For only behind our own proxy (TCD_TRUST_X_FORWARDED_FOR): otherwise a
    # client could write any address here.
    ip = client_ip(request)
    record_confidential_access(
        request.user,
        object_type=object_type,
        object_ids=object_ids,
        fields=fields,
        path=request.get_full_path(),
        ip_address=ip,
        kind=kind,
    )

"""Masking of a denouncer's identity, and the log of every time it is shown."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import ConfidentialAccess

MASK = _("*** protected ***")


def log_confidential_access(request, *, object_type: str, object_ids, fields) -> None:
    ids = [str(i) for i in object_ids]
    if not ids:
        return
    ip = request.META.get("REMOTE_ADDR") or None
    if settings.TCD_TRUST_X_FORWARDED_FOR:
        # Only behind our own proxy: otherwise a client could write any address here.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        ip = forwarded or ip
    ConfidentialAccess.objects.create(
        user=request.user if request.user.is_authenticated else None,
        object_type=object_type,
        object_ids=",".join(ids),
        fields=",".join(sorted(fields))[:255],
        path=request.get_full_path()[:255],
        ip_address=ip,
    )

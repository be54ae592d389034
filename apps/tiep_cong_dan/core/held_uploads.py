"""Files chosen on a form that was refused for another reason, kept on the server so
the user does not choose them again (issue 19: "after an error, attached files must
not have to be chosen again").

A browser never sends a file input's file twice: once the page comes back with an
error the choice is gone. So a file that passed its own checks (core/uploads.py) is
held under a random token, the page carries the token in a hidden field beside the
file input, and sending the form again with the token and no new file takes the held
file as if it had been chosen again. Only the user who uploaded it can use the token;
the file is deleted once the form saves, or by the hourly clean-up a day later when
the form was abandoned (`purge`). Held files are never served."""

import datetime
import secrets
from collections.abc import Callable, Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from .models import HeldUpload
from .uploads import validate_attachment

LIFETIME = datetime.timedelta(days=1)
# The hidden field beside a file input: "<input name>__held".
TOKEN_SUFFIX = "__held"


def token_field(name: str) -> str:
    return f"{name}{TOKEN_SUFFIX}"


class HeldFile(UploadedFile):
    """A held upload handed to a form as if it had just been chosen."""

    def __init__(self, held: HeldUpload):
        held.file.open("rb")
        super().__init__(
            file=held.file.file,
            name=held.original_name,
            content_type=None,
            size=held.size,
        )
        self.held_token = held.token


# A public form's sender has no account: the token alone (256 random bits, only ever
# written into that sender's own page) says whose file it is, for a shorter time.
PUBLIC_LIFETIME = datetime.timedelta(hours=2)


def hold(
    upload: UploadedFile, owner_id: int | None, check: Callable = validate_attachment
) -> HeldUpload | None:
    """Keep `upload` for `owner_id` (None: the public site's sender); None when the
    file itself is refused (its form shows why, and it must be chosen again,
    corrected)."""
    try:
        check(upload)
    except ValidationError:
        return None
    upload.seek(0)
    held = HeldUpload(
        token=secrets.token_urlsafe(32),
        owner_id=owner_id,
        original_name=PurePath(upload.name or "file").name[:255],
        size=upload.size or 0,
    )
    held.file.save(held.original_name, upload, save=True)
    upload.seek(0)
    return held


def take(token: str, owner_id: int | None) -> HeldFile | None:
    """The file held under `token` for this user, or None (another user's, expired or
    already used: as if nothing had been chosen)."""
    if not token or not owner_id or len(token) > 64:
        return None
    held = HeldUpload.objects.filter(
        token=token, owner_id=owner_id, created_at__gte=timezone.now() - LIFETIME
    ).first()
    if held is None or not held.file.storage.exists(held.file.name):
        return None
    return HeldFile(held)


def take_public(token: str) -> HeldFile | None:
    """The file held under `token` for a public form, or None."""
    if not token or len(token) > 64:
        return None
    held = HeldUpload.objects.filter(
        token=token, owner__isnull=True, created_at__gte=timezone.now() - PUBLIC_LIFETIME
    ).first()
    if held is None or not held.file.storage.exists(held.file.name):
        return None
    return HeldFile(held)


def release_public(tokens: Iterable[str]) -> int:
    """The public form was taken: its held files are no longer needed."""
    tokens = [t for t in tokens if t]
    if not tokens:
        return 0
    return _delete(HeldUpload.objects.filter(token__in=tokens, owner__isnull=True))


def _delete(rows) -> int:
    count = 0
    for held in rows:
        held.file.delete(save=False)
        held.delete()
        count += 1
    return count


def release(tokens: Iterable[str], owner_id: int) -> int:
    """The form saved: its held files are no longer needed."""
    tokens = [t for t in tokens if t]
    if not tokens:
        return 0
    return _delete(HeldUpload.objects.filter(token__in=tokens, owner_id=owner_id))


def purge(now: datetime.datetime | None = None) -> int:
    """Hourly: delete the files of forms abandoned a day ago (public forms': two hours
    ago)."""
    now = now or timezone.now()
    return _delete(HeldUpload.objects.filter(created_at__lt=now - LIFETIME)) + _delete(
        HeldUpload.objects.filter(owner__isnull=True, created_at__lt=now - PUBLIC_LIFETIME)
    )

from django.db import models
from django.utils.translation import gettext_lazy as _

# Read and hashed this many bytes at a time: a recording may be gigabytes.
CHUNK_BYTES = 1024 * 1024


class RecordingSource(models.TextChoices):
    UPLOAD = "upload", _("Uploaded in the desk")
    BACKEND = "backend", _("Fetched from the conference platform")
    REFERENCE = "reference", _("Registered by its path on the storage")


class CheckResult(models.TextChoices):
    OK = "ok", _("Intact")
    SIZE_OK = "size_ok", _("Present, size unchanged (hash not yet re-checked)")
    MISSING = "missing", _("File missing")
    SIZE_MISMATCH = "size_mismatch", _("Size changed")
    HASH_MISMATCH = "hash_mismatch", _("SHA-256 changed")
    UNREADABLE = "unreadable", _("File unreadable")


# Results the nightly check reports as problems.
PROBLEMS = frozenset(
    {
        CheckResult.MISSING,
        CheckResult.SIZE_MISMATCH,
        CheckResult.HASH_MISMATCH,
        CheckResult.UNREADABLE,
    }
)

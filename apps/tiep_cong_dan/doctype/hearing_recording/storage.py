"""Where recordings are kept: one directory on the state's storage
(TCD_RECORDING_STORAGE, a mounted share in production), and a recording's location is
its path below it. Nothing outside that directory is ever read or registered, so a
typed path cannot make the system hash (or disclose the size of) any other file.

Files are read in CHUNK_BYTES pieces: a recording of an afternoon is gigabytes."""

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .constants import CHUNK_BYTES


def root() -> Path:
    return Path(settings.TCD_RECORDING_STORAGE).resolve()


def max_bytes() -> int:
    return int(settings.TCD_RECORDING_MAX_BYTES)


def clean_location(location: str) -> str:
    """`location` as a path below the storage root ("2026/03/phien.mp4"), or a
    ValidationError saying why it is not one. An absolute path inside the root is
    accepted and made relative."""
    text = (location or "").strip()
    if not text:
        raise ValidationError(_("Give the recording's path on the storage."), code="required")
    if "\x00" in text:
        raise ValidationError(_("The path holds characters a file name cannot."), code="invalid")
    base = root()
    path = Path(text)
    full = (path if path.is_absolute() else base / path).resolve()
    if full != base and base not in full.parents:
        raise ValidationError(
            _("The path must lie inside the recordings storage (%(root)s)."),
            code="outside_storage",
            params={"root": str(base)},
        )
    relative = full.relative_to(base)
    if not relative.parts:
        raise ValidationError(_("Give the path of a file, not of the storage."), code="invalid")
    return PurePosixPath(*relative.parts).as_posix()


def path_of(location: str) -> Path:
    return root() / location


@dataclass(frozen=True)
class Digest:
    size: int
    sha256: str


def digest_chunks(chunks: Iterable[bytes], write=None) -> Digest:
    """Size and SHA-256 of a stream, each chunk handed on to `write` as it goes."""
    hasher, size = hashlib.sha256(), 0
    for chunk in chunks:
        hasher.update(chunk)
        size += len(chunk)
        if write is not None:
            write(chunk)
    return Digest(size, hasher.hexdigest())


def read_chunks(path: Path) -> Iterable[bytes]:
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK_BYTES):
            yield chunk


def digest_file(path: Path) -> Digest:
    return digest_chunks(read_chunks(path))


def new_location(folder: str, filename: str) -> str:
    """A free path for a new file in `folder` of the storage: the name as given (its
    directory parts dropped), numbered when taken."""
    name = PurePosixPath(filename.replace("\\", "/")).name or "ghi-hinh"
    name = "".join(c if c.isalnum() or c in "-_." else "-" for c in name).lstrip(".") or "ghi-hinh"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 1
    while (root() / folder / candidate).exists():
        n += 1
        candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
    return f"{folder}/{candidate}"


def write_stream(location: str, chunks: Iterable[bytes], limit: int) -> Digest:
    """Write `chunks` to `location` (a new file), hashing as it goes; stopped and removed
    past `limit` bytes or on any error, so no half-written file is left."""
    target = path_of(location)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with open(partial, "xb") as out:

            def write(chunk: bytes) -> None:
                if out.tell() + len(chunk) > limit:
                    raise ValidationError(
                        _("The recording is larger than the %(limit)s allowed."),
                        code="too_large",
                        params={"limit": human_size(limit)},
                    )
                out.write(chunk)

            digest = digest_chunks(chunks, write)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return digest


def human_size(size: int | None) -> str:
    """1 536 -> "1,5 KB", in the way the desk writes numbers."""
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    text = f"{value:.0f}" if unit == "B" else f"{value:.1f}".replace(".", ",")
    return f"{text} {unit}"

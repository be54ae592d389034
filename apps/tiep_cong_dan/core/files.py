"""Stored files are never reachable by their address alone.

Every file under MEDIA_ROOT belongs to a record (a petition's attachment, an issued
document, a job's result, an uploaded import), and only that record's rule may hand it
out. The storage's `url()` therefore points at one view, `/desk/files/<name>`, which
finds the owner of the name by its folder (each owner registers a resolver for its
folder here), lets the owner ask its rule and log the read, and serves the bytes:

- `TCD_PROTECTED_FILES=django` (default): the view streams the file itself;
- `nginx`: an empty response with `X-Accel-Redirect` to an `internal` location
  (`TCD_PROTECTED_FILES_PREFIX` + name) that only the web server can open;
- `apache`: an empty response with `X-Sendfile` naming the file (mod_xsendfile).

Nothing serves MEDIA_URL, in any settings. Anonymous readers, readers outside the
record's scope and names that belong to nobody all get the same 404, so a guessed
path tells nothing. Files go out as attachments with `nosniff` and a sandboxing
policy: a stored file is never run by the browser as a page of this site.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.deconstruct import deconstructible

# What a stored file is served with, whoever serves its bytes.
SANDBOX_POLICY = "sandbox; default-src 'none'"
MODES = ("django", "nginx", "apache")


@dataclass(frozen=True)
class ServedFile:
    """A stored file a reader may have: its storage name, the name the download gets,
    its type, and what to log once it is handed out."""

    name: str
    download_name: str
    content_type: str = "application/octet-stream"
    log: Callable[[], None] | None = None


# folder -> resolver(request, name) giving the ServedFile, or None when the reader may
# not have it (or it belongs to no record).
Resolver = Callable[[HttpRequest, str], ServedFile | None]
_OWNERS: dict[str, Resolver] = {}


def register_file_owner(folder: str, resolver: Resolver) -> None:
    """Called by the module owning the files stored under `folder`/ (its records'
    rule decides who reads them)."""
    _OWNERS[folder] = resolver


def owners() -> dict[str, Resolver]:
    return dict(_OWNERS)


@deconstructible
class ProtectedFileStorage(FileSystemStorage):
    """The file system under MEDIA_ROOT whose links are the guarded view's, never a
    public address (a form's "currently: …" link, a read-only field)."""

    def url(self, name: str | None) -> str:
        if not name:
            raise ValueError("This file has no name.")
        return file_url(name)


def file_url(name: str) -> str:
    return reverse("tcd_file", kwargs={"name": name})


def _clean_name(name: str) -> str | None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name:
        return None
    return str(path)


def protected_response(served: ServedFile) -> HttpResponse:
    """The response handing out `served`, by the mode the site is set up with."""
    mode = getattr(settings, "TCD_PROTECTED_FILES", "django")
    if mode not in MODES:
        raise ImproperlyConfigured(f"TCD_PROTECTED_FILES must be one of {', '.join(MODES)}.")
    storage_path = Path(settings.MEDIA_ROOT) / served.name
    if mode == "django":
        try:
            response: HttpResponse = FileResponse(
                open(storage_path, "rb"), content_type=served.content_type
            )
        except OSError as exc:
            raise Http404 from exc
    else:
        if not storage_path.is_file():
            raise Http404
        response = HttpResponse(content_type=served.content_type)
        if mode == "nginx":
            prefix = settings.TCD_PROTECTED_FILES_PREFIX.rstrip("/") + "/"
            response["X-Accel-Redirect"] = prefix + quote(served.name)
        else:
            response["X-Sendfile"] = str(storage_path.resolve())
    return with_download_headers(response, served.download_name)


def with_download_headers(response: HttpResponse, download_name: str) -> HttpResponse:
    """Download, never display: no type sniffing, and a page that runs no script, loads
    nothing and is of no origin should a browser render it anyway."""
    ascii_name = download_name.encode("ascii", "ignore").decode() or "tep"
    ascii_name = ascii_name.replace('"', "").replace("\\", "")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(download_name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    response["Cache-Control"] = "private, no-store"
    return response


def file_view(request: HttpRequest, name: str) -> HttpResponse:
    """/desk/files/<name>: the file if its record's rule lets the reader have it (the
    read logged), else 404, whether it exists or not."""
    if not request.user.is_authenticated:
        raise Http404
    clean = _clean_name(name)
    resolver = _OWNERS.get(clean.split("/", 1)[0]) if clean else None
    if resolver is None:
        raise Http404
    try:
        served = resolver(request, clean)
    except PermissionDenied:
        served = None
    if served is None:
        raise Http404
    response = protected_response(served)
    if served.log is not None:
        served.log()
    return response

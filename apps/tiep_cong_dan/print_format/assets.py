"""What a document may load while it is made into a PDF: the print formats' own bundled
files and the report's charts, nothing else.

WeasyPrint's default fetcher opens any URL an edited template names: `file:///etc/passwd`
as an attachment, the site's database, `/proc/self/environ`, or `http://…?x={{ name }}`
sending a reader's data out each time someone prints. Fonts come from fontconfig by
family name (base.html asks for Liberation Serif), not through URLs; the stylesheet is
inline in base.html; the monthly report's charts are PNG data URIs. So the fetcher
serves only:

- files inside ASSETS_DIR (print_format/assets/), by a path that stays inside it once
  every "..", percent-escape and symbolic link is resolved, of the kinds a document
  uses (images, stylesheets, fonts), up to MAX_ASSET_BYTES;
- `data:image/png;base64,…` URIs holding a PNG.

Every other scheme, host and path is refused; a refused resource is left out of the
document and logged without its URL (the URL itself may carry a reader's data).
"""

import base64
import binascii
import logging
import urllib.parse
import urllib.request
from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
MAX_ASSET_BYTES = 5 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_PREFIX = "data:image/png;base64,"
CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}

logger = logging.getLogger(__name__)


class ResourceRefused(ValueError):
    """A document asked for something outside the print formats' assets."""


def base_url() -> str:
    """Relative URLs in a template resolve inside the assets folder."""
    return ASSETS_DIR.as_uri() + "/"


def png_data(url: str) -> bytes | None:
    """The PNG a `data:image/png;base64,` URI holds, or None (the DOCX maker shares it)."""
    if not url.startswith(PNG_PREFIX):
        return None
    try:
        data = base64.b64decode(url[len(PNG_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if data.startswith(PNG_SIGNATURE) else None


def asset_path(url: str) -> Path | None:
    """The bundled file a `file:` URL names, or None when it is anything else."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        root = ASSETS_DIR.resolve(strict=True)
        # strict: the file must exist; resolving follows every symbolic link.
        path = Path(urllib.request.url2pathname(parts.path)).resolve(strict=True)
    except (OSError, ValueError, RuntimeError):
        return None
    if not path.is_relative_to(root) or not path.is_file():
        return None
    if path.suffix.lower() not in CONTENT_TYPES or path.stat().st_size > MAX_ASSET_BYTES:
        return None
    return path


def _refused(url: str) -> ResourceRefused:
    scheme = urllib.parse.urlsplit(url).scheme.lower()[:20] or "?"
    logger.warning("A print format asked for a resource outside its assets (%s:): left out", scheme)
    return ResourceRefused("resource outside the print formats' assets")


def fetcher():
    """A WeasyPrint URL fetcher serving only the assets (a URLFetcher subclass: WeasyPrint
    reads its settings)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                data = png_data(url)
                if data is None:
                    raise _refused(url)
                return URLFetcherResponse(url, data, {"Content-Type": "image/png"})
            path = asset_path(url)
            if path is None:
                raise _refused(url)
            content_type = CONTENT_TYPES[path.suffix.lower()]
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )

    return AssetFetcher()


class _WithoutRefusedUrls(logging.Filter):
    """WeasyPrint logs each resource it could not load, or could not parse the URL of,
    with the URL; ours were refused on purpose and logged above without it."""

    PREFIXES = ("Failed to load", "Malformed", "Relative URI", "Unsupported stylesheet")

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.PREFIXES)


def quiet_refusals() -> None:
    weasyprint_logger = logging.getLogger("weasyprint")
    if not any(isinstance(f, _WithoutRefusedUrls) for f in weasyprint_logger.filters):
        weasyprint_logger.addFilter(_WithoutRefusedUrls())

"""Links that leave the desk (notification e-mails, password reset links) are built
here, from the site's configured public address, `TCD_SITE_URL`: a job sending an
e-mail has no request to ask the address of, and the address a request came in by
(a proxy's, a LAN alias) is not necessarily the one the reader can open.

The default, http://127.0.0.1:8000, only suits a desk on the same machine: a deployed
site (DEBUG off) that keeps it is reported by `manage.py check --deploy` (tcd.E003),
and `make run` sets it from the address it serves."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

DEFAULT = "http://127.0.0.1:8000"


def absolute(path: str) -> str:
    """The full address of a desk path ("/desk/…") as readers of an e-mail open it."""
    if not path:
        return ""
    return f"{settings.TCD_SITE_URL.rstrip('/')}/{path.lstrip('/')}"


def _local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


@checks.register()
def check_site_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    url = settings.TCD_SITE_URL
    if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname:
        return []
    return [
        checks.Error(
            f"TCD_SITE_URL ({url!r}) is not an address.",
            hint="Give the desk's public address, e.g. https://tiepcongdan.example.gov.vn.",
            id="tcd.E002",
        )
    ]


@checks.register(deploy=True)
def check_site_url_deployed(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    url = settings.TCD_SITE_URL
    if settings.DEBUG or not _local(url):
        return []
    return [
        checks.Error(
            f"TCD_SITE_URL is {url}: links in e-mails would point to the reader's machine.",
            hint="Set TCD_SITE_URL to the address users open the desk at.",
            id="tcd.E003",
        )
    ]

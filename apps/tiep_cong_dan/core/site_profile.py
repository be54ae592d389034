"""The province a site serves: names, offices and addresses from
`sites/<TCD_SITE>/profile.yaml`, read once by the settings (TCD_SITE_PROFILE).

Code asks `site_profile()` instead of writing a province's name, so another province
runs the same code with its own folder. A missing or empty entry is refused when the
site starts (the system check tcd.E001), naming the entry."""

from dataclasses import dataclass, fields
from functools import cache

from django.conf import settings
from django.core import checks


@dataclass(frozen=True)
class SiteProfile:
    province: str
    province_code: str
    place: str
    committee: str
    committee_short: str
    committee_office: str
    board: str
    board_letterhead: str
    filing_line: str
    reception_office: str
    reception_address: str
    sms_prefix: str
    email_from: str
    totp_issuer: str
    conference_domain: str
    dial_domain: str


# Each field, and where it stands in profile.yaml.
_PATHS = {
    "province": ("province", "name"),
    "province_code": ("province", "code"),
    "place": ("province", "place"),
    "committee": ("province", "committee"),
    "committee_short": ("province", "committee_short"),
    "committee_office": ("province", "committee_office"),
    "board": ("board", "name"),
    "board_letterhead": ("board", "letterhead"),
    "filing_line": ("board", "filing_line"),
    "reception_office": ("reception_office", "name"),
    "reception_address": ("reception_office", "address"),
    "sms_prefix": ("messages", "sms_prefix"),
    "email_from": ("messages", "email_from"),
    "totp_issuer": ("messages", "totp_issuer"),
    "conference_domain": ("conference", "domain"),
    "dial_domain": ("conference", "dial_domain"),
}


def _value(data: dict, path: tuple[str, str]) -> str:
    section = data.get(path[0]) if isinstance(data, dict) else None
    value = section.get(path[1]) if isinstance(section, dict) else None
    return str(value).strip() if value is not None else ""


def missing_entries(data: dict) -> list[str]:
    """The entries of a profile that are absent or empty, as "section.key"."""
    return [".".join(p) for p in _PATHS.values() if not _value(data, p)]


@cache
def site_profile() -> SiteProfile:
    data = settings.TCD_SITE_PROFILE
    return SiteProfile(**{f.name: _value(data, _PATHS[f.name]) for f in fields(SiteProfile)})


@checks.register()
def check_site_profile(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"The site profile has no {entry}.",
            hint=f"Fill it in {settings.SITE_DIR / 'profile.yaml'}.",
            id="tcd.E001",
        )
        for entry in missing_entries(settings.TCD_SITE_PROFILE)
    ]

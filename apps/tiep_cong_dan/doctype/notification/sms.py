"""The SMS gateway interface. A province contracts an SMS brand-name provider; its
adapter implements `SmsGateway.send` and is named in the TCD_SMS_GATEWAY setting.
Shipped here: a file outbox (development: one JSON line per message in the site data)
and an in-memory outbox (tests). Both behave as a provider does: they take a
Vietnamese mobile number and up to 459 characters (3 SMS parts), and return the
provider's reference, or raise SmsError."""

import itertools
import json
import re
import threading
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

MAX_LENGTH = 459  # three concatenated parts of 153 characters (GSM 7-bit)
MOBILE = re.compile(r"^(?:\+?84|0)(3|5|7|8|9)\d{8}$")


class SmsError(Exception):
    """The provider refused or could not take the message."""


class SmsGateway(Protocol):
    def send(self, phone: str, text: str) -> str:
        """Send `text` to `phone`; return the provider's reference."""


def _check(phone: str, text: str) -> str:
    phone = re.sub(r"[\s.-]", "", phone)
    if not MOBILE.match(phone):
        raise SmsError(f"not a Vietnamese mobile number: {phone!r}")
    if len(text) > MAX_LENGTH:
        raise SmsError(f"message longer than {MAX_LENGTH} characters")
    return phone


class FileSmsGateway:
    """Appends each message to TCD_SMS_FILE (JSON lines)."""

    _lock = threading.Lock()

    def send(self, phone: str, text: str) -> str:
        phone = _check(phone, text)
        reference = f"file-{timezone.now():%Y%m%d%H%M%S%f}"
        line = json.dumps({"id": reference, "to": phone, "text": text}, ensure_ascii=False)
        with self._lock, open(settings.TCD_SMS_FILE, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        return reference


class MemorySmsGateway:
    """Keeps messages in `outbox` (tests read it)."""

    outbox: list[dict] = []
    _ids = itertools.count(1)

    def send(self, phone: str, text: str) -> str:
        phone = _check(phone, text)
        reference = f"mem-{next(self._ids)}"
        self.outbox.append({"id": reference, "to": phone, "text": text})
        return reference


def gateway() -> SmsGateway:
    return import_string(settings.TCD_SMS_GATEWAY)()

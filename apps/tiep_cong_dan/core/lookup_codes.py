"""Private lookup codes: what a citizen keeps to follow their own case on the public
site, beside the case's number.

Only a keyed digest is stored (HMAC-SHA256 under the site's SECRET_KEY), like a
password: a copy of the database does not reveal the codes, and a code is compared in
constant time. The plain code exists once, when it is issued: it goes on the receipt
(form 02/TCD) and in the SMS; a lost code is replaced by issuing a new one."""

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O, 1/I/L: read aloud on the phone and typed on a phone keyboard.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8  # 31**8 ≈ 8.5e11 codes; wrong tries are throttled by the lookup page


def new_lookup_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(code: str) -> str:
    """What the citizen typed, as issued: spaces and dashes out, upper case."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def digest_code(code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"lookup:" + normalise_code(code).encode(), hashlib.sha256).hexdigest()


def code_matches(code: str, stored_digest: str) -> bool:
    if not stored_digest or not code:
        return False
    return hmac.compare_digest(digest_code(code), stored_digest)


def shown(code: str) -> str:
    """As printed: two groups of four, easier to copy."""
    return f"{code[:4]}-{code[4:]}"

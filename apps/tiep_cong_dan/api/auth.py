"""`Authorization: Token <key>`: the key's prefix finds the token, its hash is compared
in constant time; revoked tokens and inactive users are refused.

Wrong keys are counted per address and key prefix, and only after the key failed: a
right key is never refused, so one guesser behind an office's shared address (NAT)
locks out nobody else there, not even the owner of the prefix guessed at. The secret
after the prefix is 256 random bits, beyond guessing at any rate; the count holds a
guesser's noise and load back (HTTP 429), per prefix, and per address across prefixes
at a higher ceiling. DRF's own throttles run only after authentication, so a guesser
would never meet them."""

import datetime
import hashlib
import hmac

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models import Aggregate, OuterRef, Subquery, TextField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..access.roles import remember_roles
from ..core.client_ip import client_ip
from .models import PREFIX_LENGTH, ApiToken, hash_key

FAILURES_ALLOWED = 20  # wrong keys with one prefix from one address
ADDRESS_FAILURES_ALLOWED = 200  # wrong keys with any prefix from one address
FAILURE_WINDOW_SECONDS = 600


def _failure_keys(request, prefix: str) -> list[tuple[str, int]]:
    """(cache key, failures allowed) of each count a wrong key adds to."""
    address = client_ip(request) or "-"
    # The prefix is the caller's text: hashed, it is a safe part of a cache key.
    guessed = hashlib.sha256(prefix.encode(errors="replace")).hexdigest()[:16]
    return [
        (f"tcd-api-token-failures:{address}:{guessed}", FAILURES_ALLOWED),
        (f"tcd-api-token-failures:{address}", ADDRESS_FAILURES_ALLOWED),
    ]


def _count(key: str) -> None:
    cache.add(key, 0, FAILURE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, FAILURE_WINDOW_SECONDS)


def _refuse(request, prefix: str, message) -> None:
    counts = _failure_keys(request, prefix)
    if any((cache.get(key) or 0) >= allowed for key, allowed in counts):
        raise exceptions.Throttled(wait=FAILURE_WINDOW_SECONDS)
    for key, _allowed in counts:
        _count(key)
    raise exceptions.AuthenticationFailed(message)


# The token's last use is for the administrator's "unused for months" review: to the
# minute is enough, and a read then costs no write.
LAST_USE_PRECISION = datetime.timedelta(minutes=1)


def _note_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


class _GroupNames(Aggregate):
    """The names of a user's groups in one text, one per line."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_mysql(self, compiler, connection, **extra_context):
        template = "%(function)s(%(expressions)s SEPARATOR '\\n')"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "%(function)s(%(expressions)s, char(10))"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _tokens(prefix: str):
    """The active tokens with this prefix, each with its user and the user's groups: the
    roles every rule asks for come with the token, not in a query of their own."""
    names = (
        Group.objects.filter(user=OuterRef("user_id"))
        .order_by()
        .values("user")
        .annotate(names=_GroupNames("name"))
        .values("names")
    )
    return (
        ApiToken.objects.active()
        .select_related("user")
        .filter(prefix=prefix)
        .annotate(group_names=Subquery(names))
    )


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        parts = header.split()
        if not parts or parts[0] != self.keyword:
            return None
        if len(parts) != 2:
            _refuse(request, "", _("Malformed token header."))
        key = parts[1]
        prefix = key[:PREFIX_LENGTH]
        digest = hash_key(key)
        for token in _tokens(prefix):
            if hmac.compare_digest(token.key_hash, digest):
                if not token.user.is_active:
                    _refuse(request, prefix, _("The token's user is inactive."))
                _note_use(token)
                remember_roles(token.user, (token.group_names or "").split("\n"))
                return token.user, token
        _refuse(request, prefix, _("Invalid or revoked token."))

    def authenticate_header(self, request) -> str:
        return self.keyword


class TokenScheme(OpenApiAuthenticationExtension):
    """The token's place in the OpenAPI schema: `Authorization: Token <key>`."""

    target_class = "tiep_cong_dan.api.auth.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token <key> — tạo và thu hồi trong mục Mã truy cập API.",
        }

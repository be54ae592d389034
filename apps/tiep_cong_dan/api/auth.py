"""`Authorization: Token <key>`: the key's prefix finds the token, its hash is compared
in constant time; revoked tokens and inactive users are refused."""

import hmac

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..security.client_ip import client_ip
from .models import PREFIX_LENGTH, ApiToken, hash_key

# Wrong keys from one address before it must wait (DRF checks its throttles only after
# authentication has passed, so a guesser would never meet them).
FAILURES_ALLOWED = 20
FAILURE_WINDOW_SECONDS = 600


def _failure_key(request) -> str:
    return f"tcd-api-token-failures:{client_ip(request) or '-'}"


def _refuse(request, message) -> None:
    key = _failure_key(request)
    cache.add(key, 0, FAILURE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, FAILURE_WINDOW_SECONDS)
    raise exceptions.AuthenticationFailed(message)


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        parts = header.split()
        if not parts or parts[0] != self.keyword:
            return None
        if (cache.get(_failure_key(request)) or 0) >= FAILURES_ALLOWED:
            raise exceptions.Throttled(wait=FAILURE_WINDOW_SECONDS)
        if len(parts) != 2:
            _refuse(request, _("Malformed token header."))
        key = parts[1]
        digest = hash_key(key)
        for token in (
            ApiToken.objects.active().select_related("user").filter(prefix=key[:PREFIX_LENGTH])
        ):
            if hmac.compare_digest(token.key_hash, digest):
                if not token.user.is_active:
                    _refuse(request, _("The token's user is inactive."))
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
                return token.user, token
        _refuse(request, _("Invalid or revoked token."))

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

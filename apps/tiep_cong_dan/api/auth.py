"""`Authorization: Token <key>`: the key's prefix finds the token, its hash is compared
in constant time; revoked tokens and inactive users are refused."""

import hmac

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import PREFIX_LENGTH, ApiToken, hash_key


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        parts = header.split()
        if not parts or parts[0] != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Malformed token header."))
        key = parts[1]
        digest = hash_key(key)
        for token in (
            ApiToken.objects.active().select_related("user").filter(prefix=key[:PREFIX_LENGTH])
        ):
            if hmac.compare_digest(token.key_hash, digest):
                if not token.user.is_active:
                    raise exceptions.AuthenticationFailed(_("The token's user is inactive."))
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
                return token.user, token
        raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))

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

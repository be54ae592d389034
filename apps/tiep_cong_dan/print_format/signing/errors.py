"""Why a signature could not be made, in the words the signer reads."""

from django.core.exceptions import ValidationError


class SigningFailed(ValidationError):
    """Signing did not happen; `code` names why (wrong_pin, token_unreachable,
    service_unreachable, certificate_expired, certificate_untrusted, no_key, ...).
    Raised inside the issue step's transaction, it rolls the whole step back."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message, code=code)

    def __str__(self) -> str:
        return self.message

"""The devices a signature is made with, behind one interface: a software key (the
demo CA's, or a PKCS#12 file), a PKCS#11 token (the USB tokens of the government CA),
a remote signing service speaking the Cloud Signature Consortium API. Which one a user
signs with is configuration (TCD_SIGNING_BACKEND, TCD_SIGNING_USER_BACKENDS).

A backend opens a pyHanko `Signer` for a key name (the user's username, or
"org-<body>" for an issuing body's seal) and turns the device's own failures into
SigningFailed with a Vietnamese message. The PIN is passed through to the device and
never stored, logged or put in a message."""

import abc
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.sign import signers

from .errors import SigningFailed


class SignerBackend(abc.ABC):
    code: str = ""
    # Whether the signer types a PIN at signing (the desk and the API then ask for it).
    needs_pin: bool = False

    @abc.abstractmethod
    def open(
        self, key_name: str, pin: str | None, *, holder: str = ""
    ) -> contextlib.AbstractAsyncContextManager:
        """An async context giving a pyHanko Signer for `key_name`; `holder` names the
        key's owner for the demo CA's certificate."""

    def failure(self, exc: BaseException) -> SigningFailed | None:
        """`exc` from the device, as the signer should read it (None: not the device's)."""
        return None


# -- software key ---------------------------------------------------------------------
class SoftwareBackend(SignerBackend):
    """A key on the server: `<key>.p12` (its passphrase typed as the PIN, when set) or
    `<key>.key.pem` + `<key>.cert.pem` in TCD_SIGNING_PKI_DIR. With the demo PKI a
    signer without a key gets one from the demo CA."""

    code = "software"

    def _files(self, key_name: str, holder: str) -> tuple[Path, Path, Path]:
        folder = Path(settings.TCD_SIGNING_PKI_DIR)
        p12 = folder / f"{key_name}.p12"
        key, cert = folder / f"{key_name}.key.pem", folder / f"{key_name}.cert.pem"
        if not p12.exists() and not key.exists() and settings.TCD_SIGNING_DEMO_PKI:
            from .pki import DemoSigner, add_signer, ensure_demo_pki

            ensure_demo_pki(folder)
            if not key.exists():
                add_signer(folder, DemoSigner(key_name, holder or key_name, ""))
        return p12, key, cert

    @contextlib.asynccontextmanager
    async def open(self, key_name: str, pin: str | None, *, holder: str = "") -> AsyncIterator:
        p12, key, cert = self._files(key_name, holder)
        chain = [str(p) for p in settings.TCD_SIGNING_TRUST_ROOTS if Path(p).is_file()]
        if p12.exists():
            signer = signers.SimpleSigner.load_pkcs12(
                str(p12), ca_chain_files=chain, passphrase=pin.encode() if pin else None
            )
            if signer is None:
                raise SigningFailed(
                    _("The PIN (passphrase of the signing key) is wrong."), code="wrong_pin"
                )
        elif key.exists() and cert.exists():
            signer = signers.SimpleSigner.load(str(key), str(cert), ca_chain_files=chain)
        else:
            raise SigningFailed(
                _("No signing key is configured for %(who)s.") % {"who": holder or key_name},
                code="no_key",
            )
        if signer is None:
            raise SigningFailed(_("The signing key cannot be read."), code="no_key")
        yield signer


# -- PKCS#11 token --------------------------------------------------------------------
class Pkcs11Backend(SignerBackend):
    """A token through its PKCS#11 module (TCD_SIGNING_PKCS11_MODULE), found by its
    label (TCD_SIGNING_PKCS11_TOKEN_LABEL) or slot (TCD_SIGNING_PKCS11_SLOT); the key
    by TCD_SIGNING_PKCS11_KEY_LABEL, or by the key name (the username) when unset."""

    code = "pkcs11"
    needs_pin = True

    @contextlib.asynccontextmanager
    async def open(self, key_name: str, pin: str | None, *, holder: str = "") -> AsyncIterator:
        from pkcs11 import exceptions as p11
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

        if not pin:
            raise SigningFailed(_("Type the PIN of your signing token."), code="pin_missing")
        module = settings.TCD_SIGNING_PKCS11_MODULE
        if not module or not Path(module).exists():
            raise SigningFailed(
                _("The signing token's software (PKCS#11 module) is not installed on the server."),
                code="token_unreachable",
            )
        slot = settings.TCD_SIGNING_PKCS11_SLOT
        label = settings.TCD_SIGNING_PKCS11_TOKEN_LABEL
        try:
            session = open_pkcs11_session(
                module,
                slot_no=int(slot) if slot else None,
                token_criteria=TokenCriteria(label=label) if label else None,
                user_pin=pin,
            )
        except Exception as exc:
            raise self.failure(exc) or SigningFailed(
                _("The signing token cannot be reached."), code="token_unreachable"
            ) from None
        try:
            key_label = settings.TCD_SIGNING_PKCS11_KEY_LABEL or key_name
            # The digest is made here and the token signs it (CKM_RSA_PKCS, CKM_ECDSA):
            # every token has those, not every one the hash-and-sign mechanisms.
            yield PKCS11Signer(
                session, key_label=key_label, cert_label=key_label, use_raw_mechanism=True
            )
        finally:
            with contextlib.suppress(p11.PKCS11Error):
                session.close()

    def failure(self, exc: BaseException) -> SigningFailed | None:
        from pkcs11 import exceptions as p11
        from pyhanko.sign.general import SigningError

        if isinstance(exc, p11.PinIncorrect | p11.PinInvalid | p11.PinLenRange):
            return SigningFailed(_("The PIN of the signing token is wrong."), code="wrong_pin")
        if isinstance(exc, p11.PinLocked | p11.PinExpired):
            return SigningFailed(
                _(
                    "The signing token is locked (too many wrong PINs): ask its issuer to "
                    "unlock it."
                ),
                code="pin_locked",
            )
        if isinstance(exc, p11.MechanismInvalid | p11.KeyTypeInconsistent):
            return SigningFailed(
                _("The signing token cannot make this kind of signature."),
                code="token_unsupported",
            )
        if isinstance(exc, p11.PKCS11Error | SigningError | OSError):
            return SigningFailed(
                _("The signing token cannot be reached: check it is plugged in and try again."),
                code="token_unreachable",
            )
        return None


# -- remote signing (Cloud Signature Consortium API) -----------------------------------
class CscBackend(SignerBackend):
    """A remote signing service (TCD_SIGNING_CSC_URL, bearer TCD_SIGNING_CSC_TOKEN): the
    credential is TCD_SIGNING_CSC_CREDENTIAL or the key name; the signer's PIN (or the
    code their device shows) authorises each signature (credentials/authorize)."""

    code = "csc"
    needs_pin = True

    @contextlib.asynccontextmanager
    async def open(self, key_name: str, pin: str | None, *, holder: str = "") -> AsyncIterator:
        import aiohttp
        from pyhanko.sign.signers import csc_signer as csc

        if not settings.TCD_SIGNING_CSC_URL:
            raise SigningFailed(
                _("No remote signing service is configured."), code="service_unreachable"
            )
        info = csc.CSCServiceSessionInfo(
            service_url=settings.TCD_SIGNING_CSC_URL.rstrip("/"),
            credential_id=settings.TCD_SIGNING_CSC_CREDENTIAL or key_name,
            oauth_token=settings.TCD_SIGNING_CSC_TOKEN or None,
        )
        async with aiohttp.ClientSession() as session:
            try:
                credential = await csc.fetch_certs_in_csc_credential(
                    session, info, timeout=settings.TCD_SIGNING_CSC_TIMEOUT
                )
            except Exception as exc:
                raise self.failure(exc) or _unreachable() from None
            manager = _PinAuthorization(info, credential, session, pin)
            yield csc.CSCSigner(session, manager, sign_timeout=settings.TCD_SIGNING_CSC_TIMEOUT)

    def failure(self, exc: BaseException) -> SigningFailed | None:
        import aiohttp
        from pyhanko.sign.general import SigningError

        if isinstance(exc, _WrongPin):
            return SigningFailed(
                _("The PIN for the remote signing service is wrong."), code="wrong_pin"
            )
        if isinstance(exc, aiohttp.ClientError | SigningError | OSError | TimeoutError):
            return _unreachable()
        return None


def _unreachable() -> SigningFailed:
    return SigningFailed(
        _("The remote signing service cannot be reached; try again in a few minutes."),
        code="service_unreachable",
    )


class _WrongPin(Exception):
    pass


def _pin_authorization_class():
    from pyhanko.sign.signers import csc_signer as csc

    class PinAuthorization(csc.CSCAuthorizationManager):
        """credentials/authorize with the signer's PIN, for the hashes being signed
        (SCAL2 services bind the authorisation to them)."""

        def __init__(self, info, credential, session, pin):
            super().__init__(info, credential)
            self.session, self.pin = session, pin

        async def authorize_signature(self, hash_b64s: list[str]) -> csc.CSCAuthorizationInfo:
            import aiohttp

            body = self.format_csc_auth_request(pin=self.pin or None, hash_b64s=hash_b64s)
            async with self.session.post(
                self.csc_session_info.endpoint_url("credentials/authorize"),
                headers=self.csc_session_info.auth_headers,
                json=body,
                timeout=aiohttp.ClientTimeout(total=settings.TCD_SIGNING_CSC_TIMEOUT),
            ) as response:
                if response.status in (400, 401, 403):
                    raise _WrongPin()
                response.raise_for_status()
                data = await response.json()
            return csc.CSCAuthorizationInfo(sad=data["SAD"])

    return PinAuthorization


def _PinAuthorization(info, credential, session, pin):  # noqa: N802 - a class, built late
    return _pin_authorization_class()(info, credential, session, pin)


BACKENDS: dict[str, type[SignerBackend]] = {
    b.code: b for b in (SoftwareBackend, Pkcs11Backend, CscBackend)
}


def backend_for(user) -> SignerBackend:
    """The device `user` signs with (a seal's key: the site's default device)."""
    username = getattr(user, "username", "") or ""
    code = settings.TCD_SIGNING_USER_BACKENDS.get(username, settings.TCD_SIGNING_BACKEND)
    if code not in BACKENDS:
        raise SigningFailed(
            _("The signing device “%(code)s” is not one the system knows.") % {"code": code},
            code="bad_configuration",
        )
    return BACKENDS[code]()

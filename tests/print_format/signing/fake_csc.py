"""A local fake of a remote signing service speaking the Cloud Signature Consortium API
v1 (the three calls a signer makes: credentials/info, credentials/authorize,
signatures/signHash), holding the demo CA's keys. Faithful to the request and response
shapes of the specification (and of pyHanko's client), not to any vendor; it runs in a
thread on a free local port."""

import asyncio
import base64
import secrets
import threading
from pathlib import Path

from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2"


class FakeCscService:
    def __init__(self, pki: Path, *, pin: str, token: str = "test-token"):
        self.pki, self.pin, self.token = pki, pin, token
        self.sads: dict[str, str] = {}
        self.calls: list[str] = []
        self.loop = asyncio.new_event_loop()
        self.url = ""

    def _credential(self, request_data) -> tuple[str, Path, Path]:
        cid = request_data["credentialID"]
        return cid, self.pki / f"{cid}.key.pem", self.pki / f"{cid}.cert.pem"

    def _authorised(self, request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {self.token}"

    async def info(self, request):
        self.calls.append("credentials/info")
        if not self._authorised(request):
            return web.json_response({"error": "invalid_token"}, status=401)
        cid, _key, cert = self._credential(await request.json())
        if not cert.exists():
            return web.json_response({"error": "invalid_request"}, status=400)
        chain = [cert, self.pki / "root-ca.cert.pem"]
        ders = [
            base64.b64encode(
                x509.load_pem_x509_certificate(p.read_bytes()).public_bytes(
                    serialization.Encoding.DER
                )
            ).decode()
            for p in chain
        ]
        return web.json_response(
            {
                "key": {"status": "enabled", "algo": [ECDSA_WITH_SHA256], "len": 256},
                "cert": {"status": "valid", "certificates": ders},
                "authMode": "explicit",
                "SCAL": "2",
                "multisign": 1,
            }
        )

    async def authorize(self, request):
        self.calls.append("credentials/authorize")
        data = await request.json()
        if data.get("PIN") != self.pin:
            return web.json_response(
                {"error": "invalid_pin", "error_description": "The PIN is invalid"}, status=400
            )
        sad = secrets.token_hex(16)
        self.sads[sad] = data["credentialID"]
        return web.json_response({"SAD": sad, "expiresIn": 300})

    async def sign_hash(self, request):
        self.calls.append("signatures/signHash")
        data = await request.json()
        if self.sads.pop(data.get("SAD", ""), None) != data["credentialID"]:
            return web.json_response({"error": "invalid_request"}, status=400)
        _cid, key_path, _cert = self._credential(data)
        key = serialization.load_pem_private_key(key_path.read_bytes(), None)
        signatures = [
            base64.b64encode(
                key.sign(base64.b64decode(h), ec.ECDSA(utils.Prehashed(hashes.SHA256())))
            ).decode()
            for h in data["hash"]
        ]
        return web.json_response({"signatures": signatures})

    def start(self) -> str:
        app = web.Application()
        app.router.add_post("/csc/v1/credentials/info", self.info)
        app.router.add_post("/csc/v1/credentials/authorize", self.authorize)
        app.router.add_post("/csc/v1/signatures/signHash", self.sign_hash)
        ready = threading.Event()

        def run():
            asyncio.set_event_loop(self.loop)
            self.runner = web.AppRunner(app)
            self.loop.run_until_complete(self.runner.setup())
            site = web.TCPSite(self.runner, "127.0.0.1", 0)
            self.loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]
            self.url = f"http://127.0.0.1:{port}"
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        ready.wait(10)
        return self.url

    def stop(self) -> None:
        async def shutdown():
            await self.runner.cleanup()

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

"""A stateful fake of the Pexip Infinity Management API, served over real HTTP, for
development and tests (no Pexip node is reachable here). It follows the documented
resources the client uses (client.py): configuration/v1/conference and
automatic_participant (Tastypie envelopes, URIs as keys, unique names, 201 +
Location, 202, 204), status/v1 and history/v1 conference and participant, and the
command/v1 dial and disconnect calls; Basic auth; and what a real node does on its
own, driven through /_fake/ for tests: a meeting starting (its automatic participants
dialled and connected), a call dropping, injected failures (5xx, 401, 429, slowness).

    python -m tiep_cong_dan.conference.pexip.fake --port 8091 --user admin --password x
"""

import argparse
import base64
import datetime
import itertools
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

API = "/api/admin/"


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


class FakePexipState:
    def __init__(self, username: str = "admin", password: str = "admin"):
        self.username, self.password = username, password
        # OAuth2 client credentials: the same pair as id and secret; tokens issued here.
        self.tokens: set[str] = set()
        self.lock = threading.RLock()
        self.ids = itertools.count(1)
        self.conferences: dict[int, dict] = {}
        self.adps: dict[int, dict] = {}
        self.live: dict[str, dict] = {}  # name -> live conference with its participants
        self.history: list[dict] = []
        self.history_participants: list[dict] = []
        self.failures: list[dict] = []  # injected: {"status": 500, "delay": 0}
        self.requests: list[tuple[str, str]] = []  # (method, path): what the client did

    # -- simulation ------------------------------------------------------------------
    def _room_by_alias(self, alias: str) -> dict | None:
        for room in self.conferences.values():
            if alias in [a["alias"] for a in room.get("aliases", [])] or alias == room["name"]:
                return room
        return None

    def start(self, name: str) -> dict:
        """The meeting begins: live, in the history, its automatic participants dialled."""
        room = next(r for r in self.conferences.values() if r["name"] == name)
        if name in self.live:
            return self.live[name]
        record = {
            "id": next(self.ids),
            "name": name,
            "start_time": _now(),
            "end_time": None,
            "participant_count": 0,
        }
        record["resource_uri"] = f"{API}history/v1/conference/{record['id']}/"
        self.history.append(record)
        live = {
            "id": str(uuid.uuid4()),
            "name": name,
            "is_started": True,
            "start_time": _now(),
            "service_type": "conference",
            "participants": {},
            "history": record,
        }
        self.live[name] = live
        for adp in self.adps.values():
            if room["resource_uri"] in adp["conference"]:
                self.connect(live, adp["alias"], adp.get("remote_display_name", ""), adp["role"])
        return live

    def connect(self, live: dict, alias: str, display_name: str, role: str) -> str:
        pid = str(uuid.uuid4())
        live["participants"][pid] = {
            "id": pid,
            "conference": live["name"],
            "destination_alias": alias,
            "source_alias": alias,
            "display_name": display_name,
            "role": role,
            "connect_time": _now(),
            "call_direction": "out",
            "protocol": "SIP",
        }
        live["history"]["participant_count"] += 1
        return pid

    def drop(self, pid: str, reason: str) -> None:
        for live in self.live.values():
            row = live["participants"].pop(pid, None)
            if row:
                self.history_participants.append(
                    {
                        "id": next(self.ids),
                        "conference": live["history"]["resource_uri"],
                        "conference_name": live["name"],
                        "remote_alias": row["destination_alias"],
                        "display_name": row["display_name"],
                        "role": row["role"],
                        "start_time": row["connect_time"],
                        "end_time": _now(),
                        "disconnect_reason": reason,
                    }
                )
                return

    def end(self, name: str, reason: str = "Conference terminated by an administrator") -> None:
        live = self.live.get(name)
        if live is None:
            return
        for pid in list(live["participants"]):
            self.drop(pid, reason)
        live["history"]["end_time"] = _now()
        del self.live[name]


class Handler(BaseHTTPRequestHandler):
    state: FakePexipState  # set by serve()

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    # -- plumbing --------------------------------------------------------------------
    def _body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}") if length else {}

    def _send(self, status: int, body=None, headers: dict | None = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return header[len("Bearer ") :] in self.state.tokens
        expected = base64.b64encode(f"{self.state.username}:{self.state.password}".encode())
        return header == f"Basic {expected.decode()}"

    def _token(self) -> None:
        """POST /oauth/token/ (form-encoded client credentials grant)."""
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if (
            form.get("grant_type") != "client_credentials"
            or form.get("client_id") != self.state.username
            or form.get("client_secret") != self.state.password
        ):
            return self._send(401, {"error": "invalid_client"})
        token = uuid.uuid4().hex
        with self.state.lock:
            self.state.tokens.add(token)
        return self._send(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})

    def _route(self, method: str) -> None:
        url = urlparse(self.path)
        state = self.state
        if url.path.startswith("/_fake/"):
            return self._control(url.path[len("/_fake/") :], self._body())
        if url.path == "/oauth/token/" and method == "POST":
            return self._token()
        with state.lock:
            state.requests.append((method, url.path))
            failure = state.failures.pop(0) if state.failures else None
        if failure:
            time.sleep(failure.get("delay", 0))
            if failure.get("status"):
                return self._send(failure["status"], {"error": "injected"}, {"Retry-After": "0"})
        if not self._authorised():
            return self._send(401, {"error": "Unauthorized"})
        if not url.path.startswith(API):
            return self._send(404, {"error": "not found"})
        path = url.path[len(API) :]
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        with state.lock:
            return self._api(method, path, query)

    def do_GET(self):  # noqa: N802 - the http.server API
        self._route("GET")

    def do_POST(self):  # noqa: N802
        self._route("POST")

    def do_PATCH(self):  # noqa: N802
        self._route("PATCH")

    def do_DELETE(self):  # noqa: N802
        self._route("DELETE")

    # -- the API ---------------------------------------------------------------------
    def _list(self, rows: list[dict], query: dict) -> None:
        limit, offset = int(query.get("limit", 20)), int(query.get("offset", 0))
        page = rows[offset : offset + limit]
        more = offset + limit < len(rows)
        self._send(
            200,
            {
                "meta": {
                    "limit": limit,
                    "offset": offset,
                    "total_count": len(rows),
                    "next": f"?limit={limit}&offset={offset + limit}" if more else None,
                    "previous": None,
                },
                "objects": page,
            },
        )

    def _api(self, method: str, path: str, query: dict) -> None:
        """Pexip's management API: configuration (rooms and automatic dial-outs),
        status (live conferences and participants), history, and commands."""
        body = self._body() if method in ("POST", "PATCH") else {}
        kind, _, rest = path.partition("/v1/")
        resource, _, ident = rest.strip("/").partition("/")
        handlers = {
            "configuration": self._configuration,
            "status": self._status,
            "history": self._history,
            "command": self._command,
        }
        handler = handlers.get(kind)
        if handler is None or not handler(method, path, resource, ident, query, body):
            self._send(404, {"error": "not found"})

    # Each handler answers and returns True, or returns False for "not found".
    def _configuration(self, method, path, resource, ident, query, body) -> bool:
        table = {"conference": self.state.conferences, "automatic_participant": self.state.adps}
        if resource not in table:
            return False
        rows = table[resource]
        if not ident:
            if method == "GET":
                found = list(rows.values())
                if "name" in query:
                    found = [r for r in found if r.get("name") == query["name"]]
                if "conference" in query:
                    found = [r for r in found if query["conference"] in r.get("conference", [])]
                self._list(found, query)
                return True
            if method == "POST":
                self._create(resource, rows, body)
                return True
        row = rows.get(int(ident)) if ident.isdigit() else None
        if row is None:
            return False
        if method == "GET":
            self._send(200, row)
        elif method == "PATCH":
            row.update(body)
            self._send(202)
        elif method == "DELETE":
            del rows[row["id"]]
            self._send(204)
        else:
            return False
        return True

    def _create(self, resource: str, rows: dict, body: dict) -> None:
        if resource == "conference":
            if not body.get("name"):
                return self._send(400, {"conference": {"name": ["This field is required."]}})
            if any(r["name"] == body["name"] for r in rows.values()):
                return self._send(
                    400, {"conference": {"name": ["Conference with this Name already exists."]}}
                )
        elif not body.get("alias"):
            return self._send(
                400, {"automatic_participant": {"alias": ["This field is required."]}}
            )
        new_id = next(self.state.ids)
        uri = f"{API}configuration/v1/{resource}/{new_id}/"
        rows[new_id] = {**body, "id": new_id, "resource_uri": uri}
        return self._send(201, None, {"Location": f"http://{self.headers['Host']}{uri}"})

    def _status(self, method, path, resource, ident, query, body) -> bool:
        if method != "GET":
            return False
        live = self.state.live.values()
        if resource == "conference":
            found = [
                {k: v for k, v in conf.items() if k not in ("participants", "history")}
                for conf in live
                if "name" not in query or conf["name"] == query["name"]
            ]
        elif resource == "participant":
            found = [
                p
                for conf in live
                for p in conf["participants"].values()
                if "conference" not in query or conf["name"] == query["conference"]
            ]
        elif resource == "licensing":
            found = [{"id": 1, "port_total": 100, "port_usage": 0}]
        else:
            return False
        self._list(found, query)
        return True

    def _history(self, method, path, resource, ident, query, body) -> bool:
        if method != "GET":
            return False
        state = self.state
        if resource == "conference":
            found = [h for h in state.history if "name" not in query or h["name"] == query["name"]]
        elif resource == "participant":
            found = [
                p
                for p in state.history_participants
                if "conference" not in query or p["conference"] == query["conference"]
            ]
        else:
            return False
        self._list(found, query)
        return True

    def _command(self, method, path, resource, ident, query, body) -> bool:
        if method != "POST":
            return False
        state = self.state
        if path == "command/v1/participant/dial/":
            room = state._room_by_alias(body.get("conference_alias", ""))
            if room is None or not body.get("destination"):
                self._send(400, {"status": "failed", "message": "unknown conference"})
                return True
            live = state.live.get(room["name"]) or state.start(room["name"])
            name, role = body.get("remote_display_name", ""), body.get("role", "guest")
            pid = state.connect(live, body["destination"], name, role)
            self._send(202, {"status": "success", "data": {"participant_id": pid}})
        elif path == "command/v1/participant/disconnect/":
            state.drop(body.get("participant_id", ""), "Call disconnected by an administrator")
            self._send(202, {"status": "success", "data": {}})
        elif path == "command/v1/conference/disconnect/":
            wanted = body.get("conference_id")
            live = next((v for v in state.live.values() if v["id"] == wanted), None)
            if live is None:
                self._send(400, {"status": "failed", "message": "not found"})
            else:
                state.end(live["name"])
                self._send(202, {"status": "success", "data": {}})
        else:
            return False
        return True

    # -- what the platform does by itself, for tests -----------------------------------
    def _control(self, action: str, body: dict) -> None:
        state = self.state
        with state.lock:
            if action == "start":
                state.start(body["name"])
            elif action == "drop":
                live = state.live.get(body["name"], {"participants": {}})
                for pid, p in list(live["participants"].items()):
                    if p["destination_alias"] == body["alias"]:
                        state.drop(pid, body.get("reason", "Call disconnected"))
            elif action == "fail":
                state.failures += [
                    {"status": body.get("status"), "delay": body.get("delay", 0)}
                ] * int(body.get("count", 1))
            elif action == "requests":
                return self._send(200, {"requests": state.requests})
            else:
                return self._send(404, {"error": action})
        return self._send(200, {"ok": True})


def serve(port: int = 0, username: str = "admin", password: str = "admin"):
    """Start the fake in a thread; returns (server, state, base URL)."""
    state = FakePexipState(username, password)
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="admin")
    args = parser.parse_args()
    server, _, url = serve(args.port, args.user, args.password)
    print(f"Fake Pexip Management API at {url}{API}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()

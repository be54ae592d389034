"""The API under load, served as in production: gunicorn (`make serve`) with the
production settings on the million-petition history of `million.py`, 16 clients at once
asking for the first page of petitions as the Board officer, for a fixed time; then the
same clients on a trivial Django view of the same server (the framework's ceiling on
this machine) and on one making a single query (`SELECT 1`: what one round trip to the
database costs under the machine's load), all taking turns for --rounds rounds so that
all meet the same load from the machine's other work. Prints requests per second and
latency percentiles, per round and over all rounds, with the machine's load average
beside each round.

Then the three API lists (petitions, sessions with their agendas, assignments) as the
Board officer, a district officer and a department officer (the department's petitions
by state and searched by a common name too), one request at a time through the same
server (--samples each, after a warm-up): median and p95, the trivial view likewise.

    .venv/bin/python benchmarks/api_server.py [--clients 16] [--seconds 10] [--rounds 3]
        [--workers 5] [--samples 60] [--petitions 1000000]

A database already holding the history is only read: never migrated (others may be
reading it at the same time), the tokens it needs are its only writes.

The API's user rate limit (TCD_API_RATE, 600 a minute) is lifted for the run: one
user's thousands of requests a second are the load measured, not a client to refuse.

Goals: at least 400 requests/s for the first page of petitions; each list's p95 at
most 60 ms.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import common  # noqa: I001  (first: the paths and settings Django needs)
import million

PORT = 8767


BOARD, DISTRICT, DEPARTMENT = "canbo", "huyen_locbinh", "so_nnmt"
LISTS = (
    ("petitions", "/api/v1/petitions/"),
    ("sessions with agendas", "/api/v1/sessions/"),
    ("assignments", "/api/v1/assignments/"),
)
# A department's petitions read from its agency links: by state, and by a common name.
DEPARTMENT_LISTS = (
    ("petitions, a state", "/api/v1/petitions/?state=approved"),
    ("petitions, a common name", "/api/v1/petitions/?search=nguyen+van"),
)


def issue_tokens(petitions: int) -> dict[str, str]:
    common.start(million.DATABASE)
    if not million.built(petitions):
        million.build(petitions)
    from django.contrib.auth.models import User
    from tiep_cong_dan.api.models import ApiToken

    return {
        username: ApiToken.issue(User.objects.get(username=username), "benchmark")[1]
        for username in (BOARD, DISTRICT, DEPARTMENT)
    }


def load_average() -> str:
    """The machine's load (1, 5, 15 minutes) as `uptime` gives it: others' work counts."""
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def serve(workers: int, threads: int = 1) -> subprocess.Popen:
    """gunicorn on the benchmark's database, production settings, plain HTTP locally;
    the trivial view is added by a URL module of the benchmark's own."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sites.settings.production",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "SECRET_KEY": "benchmark-only",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TCD_API_RATE": "100000000/minute",
        "PYTHONPATH": os.pathsep.join(
            [str(common.ROOT), str(common.ROOT / "apps"), str(common.ROOT / "benchmarks")]
        ),
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "api_server_wsgi:application",
            "--config",
            str(common.ROOT / "gunicorn.conf.py"),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=common.ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench-trivial/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def load(path: str, key: str | None, clients: int, seconds: float) -> tuple[float, list[float]]:
    stop = time.perf_counter() + seconds
    latencies: list[float] = []
    lock = threading.Lock()
    errors = []

    def client():
        headers = {"Authorization": f"Token {key}"} if key else {}
        while time.perf_counter() < stop:
            request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
            except OSError as exc:
                errors.append(exc)
                continue
            with lock:
                latencies.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"  {len(errors)} errors, first: {errors[0]}", file=sys.stderr)
    return len(latencies) / (time.perf_counter() - began), latencies


def one_at_a_time(path: str, key: str | None, samples: int) -> list[float]:
    """Latencies of `samples` requests sent one after another (after three to warm)."""
    headers = {"Authorization": f"Token {key}"} if key else {}
    latencies = []
    for i in range(samples + 3):
        request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
        if i >= 3:
            latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def lists(keys: dict[str, str], samples: int) -> None:
    print(f"The lists one request at a time, {samples} each ({load_average()})")
    readers = ((BOARD, "Board"), (DISTRICT, "district"), (DEPARTMENT, "department"))
    cases = [
        (f"{label} ({who})", path, keys[username])
        for username, who in readers
        for label, path in (*LISTS, *(DEPARTMENT_LISTS if username == DEPARTMENT else ()))
    ]
    for label, path, key in [*cases, ("trivial Django view", "/bench-trivial/", None)]:
        median, p95 = common.median_p95(one_at_a_time(path, key, samples))
        print(f"  {label:<36} median {median:6.1f} ms   p95 {p95:6.1f} ms   ({load_average()})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--threads", type=int, default=1, help="per worker (gunicorn's gthread worker when > 1)"
    )
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--skip-load", action="store_true", help="the lists only")
    args = parser.parse_args()
    keys = issue_tokens(args.petitions)
    server = serve(args.workers, args.threads)
    cases = (
        ("API petitions, first page (Board)", "/api/v1/petitions/", keys[BOARD]),
        ("trivial Django view", "/bench-trivial/", None),
        ("trivial view + one query", "/bench-trivial-query/", None),
    )
    totals = {label: [0.0, []] for label, _path, _token in cases}
    try:
        lists(keys, args.samples)
        if args.skip_load:
            return
        print(
            f"gunicorn, {args.workers} workers × {args.threads} threads, {args.clients} clients, "
            f"{args.rounds} rounds of {args.seconds:.0f} s each, taking turns"
        )
        for _label, path, token in cases:
            load(path, token, args.clients, 2)  # warm every worker
        for round_no in range(1, args.rounds + 1):
            for label, path, token in cases:
                rate, latencies = load(path, token, args.clients, args.seconds)
                totals[label][0] += rate / args.rounds
                totals[label][1] += latencies
                median, p95 = common.median_p95(latencies)
                print(
                    f"  round {round_no}: {label:<36} {rate:7.0f} req/s   "
                    f"median {median:6.1f} ms   p95 {p95:6.1f} ms   ({load_average()})"
                )
        for label, (rate, latencies) in totals.items():
            median, p95 = common.median_p95(latencies)
            print(f"{label:<36} {rate:7.0f} req/s   median {median:6.1f} ms   p95 {p95:6.1f} ms")
        api, trivial, one_query = (totals[label][0] for label, _path, _token in cases)
        print(
            f"API / trivial view: {api / trivial:.0%}, API / trivial view + one query: "
            f"{api / one_query:.0%} ({load_average()})"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

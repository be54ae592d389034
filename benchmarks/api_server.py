"""The API under load, served as in production: gunicorn (`make serve`) with the
production settings on the million-petition history of `million.py`, 16 clients at once
asking for the first page of petitions as the Board officer, for a fixed time; then the
same clients on a trivial Django view of the same server (the framework's ceiling on
this machine), the two taking turns for --rounds rounds so that both meet the same load
from the machine's other work. Prints requests per second and latency percentiles, per
round and over all rounds.

    .venv/bin/python benchmarks/api_server.py [--clients 16] [--seconds 10] [--rounds 3]
        [--workers 5]

The API's user rate limit (TCD_API_RATE, 600 a minute) is lifted for the run: one
user's thousands of requests a second are the load measured, not a client to refuse.

Goal: at least 400 requests/s for the first page of petitions.
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


def issue_token() -> str:
    common.start(million.DATABASE)
    million.build()
    from django.contrib.auth.models import User
    from tiep_cong_dan.api.models import ApiToken

    _token, key = ApiToken.issue(User.objects.get(username="canbo"), "benchmark")
    return key


def serve(workers: int) -> subprocess.Popen:
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
        "PYTHONPATH": os.pathsep.join([str(common.ROOT), str(common.ROOT / "apps"),
                                      str(common.ROOT / "benchmarks")]),
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "api_server_wsgi:application",
         "--workers", str(workers), "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    key = issue_token()
    server = serve(args.workers)
    cases = (
        ("API petitions, first page (Board)", "/api/v1/petitions/", key),
        ("trivial Django view", "/bench-trivial/", None),
    )
    totals = {label: [0.0, []] for label, _path, _token in cases}
    try:
        print(f"gunicorn, {args.workers} workers, {args.clients} clients, "
              f"{args.rounds} rounds of {args.seconds:.0f} s each, taking turns")
        for _label, path, token in cases:
            load(path, token, args.clients, 2)  # warm every worker
        for round_no in range(1, args.rounds + 1):
            for label, path, token in cases:
                rate, latencies = load(path, token, args.clients, args.seconds)
                totals[label][0] += rate / args.rounds
                totals[label][1] += latencies
                median, p95 = common.median_p95(latencies)
                print(f"  round {round_no}: {label:<36} {rate:7.0f} req/s   "
                      f"median {median:6.1f} ms   p95 {p95:6.1f} ms")
        for label, (rate, latencies) in totals.items():
            median, p95 = common.median_p95(latencies)
            print(f"{label:<36} {rate:7.0f} req/s   median {median:6.1f} ms   p95 {p95:6.1f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

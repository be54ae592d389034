"""The production settings, loaded as production loads them (a fresh process with the
secret in the environment): secure cookies and headers, and `check --deploy` clean."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x" * 20 + "production-test-secret-key-with-enough-entropy-1234567890"
NAMES = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "TCD_TOTP_REQUIRED",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME",
    "TCD_CONTENT_SECURITY_POLICY",
    "MIDDLEWARE",
    "AUTHENTICATION_BACKENDS",
]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    """A fresh Python process on the production settings, with only `env` of ours set."""
    # The browser tests let Django's ORM run beside Playwright's event loop in this
    # process (DJANGO_ALLOW_ASYNC_UNSAFE); a deployment never does.
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("TCD_") and k not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="sites.settings.production",
        ALLOWED_HOSTS="tiepcongdan.langson.gov.vn",
        PYTHONPATH=f"{ROOT}:{ROOT / 'apps'}",
        **env,
    )
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def production() -> dict:
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}, default=str))"
    )
    done = _run(
        "-c",
        script,
        SECRET_KEY=SECRET,
        TCD_SITE_URL="https://tiepcongdan.langson.gov.vn",
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_cookies_and_headers(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"]
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert production["SECURE_SSL_REDIRECT"]
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and production["SECURE_HSTS_PRELOAD"]
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert production["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"
    assert production["SECURE_REFERRER_POLICY"] == "same-origin"
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert "frame-ancestors 'none'" in production["TCD_CONTENT_SECURITY_POLICY"]
    assert "object-src 'none'" in production["TCD_CONTENT_SECURITY_POLICY"]


def test_trusted_origins_default_to_the_site_and_come_from_the_environment(production):
    assert production["CSRF_TRUSTED_ORIGINS"] == ["https://tiepcongdan.langson.gov.vn"]
    script = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.CSRF_TRUSTED_ORIGINS)"
    )
    done = _run(
        "-c",
        script,
        SECRET_KEY=SECRET,
        CSRF_TRUSTED_ORIGINS="https://a.langson.gov.vn, https://b.langson.gov.vn",
    )
    assert done.stdout.strip().splitlines()[-1] == (
        "['https://a.langson.gov.vn', 'https://b.langson.gov.vn']"
    )


def test_sign_in_hardening_is_on(production):
    assert production["TCD_TOTP_REQUIRED"] is True
    assert production["AXES_FAILURE_LIMIT"] == 5
    assert production["AXES_COOLOFF_TIME"] == "0:15:00"
    assert production["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"
    middleware = production["MIDDLEWARE"]
    assert middleware[-1] == "axes.middleware.AxesMiddleware"
    assert middleware.index("django_otp.middleware.OTPMiddleware") == (
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    )
    assert middleware.index("tiep_cong_dan.access.accounts.middleware.TwoFactorMiddleware") == (
        middleware.index("django_otp.middleware.OTPMiddleware") + 1
    )


def test_check_deploy_reports_nothing():
    done = _run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=SECRET,
        TCD_SITE_URL="https://tiepcongdan.langson.gov.vn",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_a_deployment_without_its_address_is_reported():
    """Given production settings without TCD_SITE_URL, links in e-mails would open
    http://127.0.0.1:8000 on the reader's own machine: the check says so."""
    done = _run("manage.py", "check", "--deploy", SECRET_KEY=SECRET)
    assert done.returncode != 0
    assert "tcd.E003" in done.stderr and "TCD_SITE_URL" in done.stderr


def test_production_refuses_to_start_without_a_secret_key():
    done = _run("-c", "import django; django.setup()")
    assert done.returncode != 0
    assert "SECRET_KEY must be set in production" in done.stderr

"""Test settings: MariaDB and Redis over real connections (see Makefile)."""

import datetime
import os

from .base import *  # noqa: F401,F403
from .base import (
    SITE_DATA_DIR,
    TCD_CACHE_OPTIONS,
    TCD_REDIS_BROKER_OPTIONS,
    database_from_env,
)

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {"default": database_from_env(SITE_DATA_DIR / "test.sqlite3")}
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
CACHES = {
    "default": {
        "BACKEND": "tiep_cong_dan.core.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "tcd-test",
        "OPTIONS": TCD_CACHE_OPTIONS,
    }
}
# Fast hashing keeps the role matrix tests quick; production uses PBKDF2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = SITE_DATA_DIR / "test-media"
TCD_RECORDING_STORAGE = SITE_DATA_DIR / "test-recordings"
STORAGES = {
    "default": {"BACKEND": "tiep_cong_dan.core.files.ProtectedFileStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The tests date their steps in early 2026 and sign them (tests/print_format/signing
# sets the day digital signing began where it is what they check).
TCD_SIGNING_FROM = None
if DATABASES["default"]["ENGINE"].endswith("mysql"):
    # The test runner empties tables between tests with DELETE; the event log's
    # append-only trigger lets a session that says so purge (see migration 0002).
    DATABASES["default"]["OPTIONS"]["init_command"] += "; SET @tcd_allow_event_purge = 1"

# Jobs run inline in tests (deterministic); tests/jobs runs a real worker on Redis.
CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = TCD_REDIS_BROKER_OPTIONS
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TCD_SMS_GATEWAY = "tiep_cong_dan.doctype.notification.sms.MemorySmsGateway"
CELERY_TASK_STORE_EAGER_RESULT = True  # inline runs are recorded as the worker's are
# Sign-in hardening as production has it, whatever the environment running the tests
# says (tests/security turns the second factor off where it checks that case).
TCD_TOTP_REQUIRED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)

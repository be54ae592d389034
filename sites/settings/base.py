"""Settings shared by every environment.

Configuration comes from environment variables so the same code runs on the
embedded SQLite default, on MariaDB in CI and in production:

- ``TCD_SITE``      site folder under ``sites/`` holding per-site data (default ``langson``)
- ``DATABASE_URL``  e.g. ``mysql://user:pass@host:3306/tcd``; default SQLite in the site folder
- ``REDIS_URL``     e.g. ``redis://127.0.0.1:6379/0``; cache and job queue broker. Without it
                    the cache is local memory and the job queue a folder in the site data
- ``TCD_SITE_URL``  the desk's public address, for links in e-mails (default
                    ``http://127.0.0.1:8000``)
- ``EMAIL_HOST`` ``EMAIL_PORT`` ``EMAIL_HOST_USER`` ``EMAIL_HOST_PASSWORD``
  ``EMAIL_USE_TLS`` ``DEFAULT_FROM_EMAIL``  SMTP for notifications (without
                    ``EMAIL_HOST`` e-mails are written to the console)
- ``TCD_SMS_GATEWAY`` dotted path of the SMS gateway class (default: a file in the
                    site data, for development)
- ``SECRET_KEY``    required in production
- ``TIME_ZONE``     default ``Asia/Ho_Chi_Minh``
- ``ALLOWED_HOSTS`` comma separated
- ``TCD_LOGIN_FAILURES`` ``TCD_LOGIN_COOLOFF_MINUTES``  failed sign-ins (per login name and
                    address) before a lockout, and its length (default 5 and 15)
- ``TCD_TOTP_REQUIRED`` ``1``: the Chairman, the Board head and administrators sign in with
                    a TOTP code (default; ``sites.settings.dev`` defaults to ``0``)
- ``TCD_PROTECTED_FILES`` ``django`` (default), ``nginx`` or ``apache``: who sends a stored
                    file once its record's rule allowed it (core/files.py)
- ``TCD_ALTCHA_HMAC_KEY`` key signing the request form's proof-of-work challenges
                    (default: derived from ``SECRET_KEY``); ``TCD_ALTCHA_MAX_NUMBER`` their
                    difficulty (default 100000, about a second on a phone)
- ``TCD_REQUEST_RATE_SOLVED`` ``TCD_REQUEST_RATE_UNSOLVED`` ``TCD_REQUEST_RATE_PHONE``
                    online requests accepted per client address an hour with a solved
                    challenge and without one (no JavaScript), and per phone number a
                    day (default 10, 3 and 3)
- ``TCD_RETENTION_YEARS`` years after a citizen's last case closed before their personal
                    data is anonymised (default 10)
- ``TCD_REQUEST_RETENTION_DAYS`` days after the Board decided an online request before
                    its personal data and files are erased (default 365)
- ``TCD_RECORDING_STORAGE`` directory of the hearings' recordings (default
                    ``<site>/data/recordings``); ``TCD_RECORDING_MAX_BYTES`` largest upload
                    (default 8 GiB); ``TCD_RECORDING_RETENTION_YEARS`` years each is kept
                    (default 20); ``TCD_RECORDING_CHECK_BYTES_PER_NIGHT`` bytes re-hashed
                    a night (default 200 GiB); ``TCD_JIBRI_RECORDINGS_DIR`` Jibri's directory
"""

import datetime
import os
import warnings
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .base_site import TCD_SITE_PROFILE

# pyHanko imports the DSA key type, which the cryptography package now warns about on
# every start; the app never signs or verifies with DSA keys (verify.py answers them
# like any other signature), so the console of each command is spared the warning.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_NAME = os.environ.get("TCD_SITE", "langson")
SITE_DIR = BASE_DIR / "sites" / SITE_NAME
SITE_DATA_DIR = SITE_DIR / "data"
# TCD_SITE_PROFILE (imported above): the province this site serves, from the site
# folder's profile.yaml (core/site_profile.py): its names, offices, addresses.
_MESSAGES = TCD_SITE_PROFILE.get("messages") or {}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "unfold",
    "unfold.contrib.filters",
    "unfold.contrib.simple_history",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_celery_results",
    "django_otp",
    "tiep_cong_dan.access.accounts.apps.TwoFactorConfig",  # django_otp.plugins.otp_totp
    "tiep_cong_dan.access.accounts.apps.SignInLogConfig",  # axes
    "tiep_cong_dan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tiep_cong_dan.core.headers.ContentSecurityPolicyMiddleware",
    # Before the sessions: a public page never sees a staff session or CSRF cookie; after
    # the desk's policy, so that the public one it sets is the one kept.
    "tiep_cong_dan.public.isolation.PublicIsolationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tiep_cong_dan.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session passed the second factor, then what it may open until it has.
    "django_otp.middleware.OTPMiddleware",
    "tiep_cong_dan.access.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # The workflows' revisions read once per request, not at every engine question.
    "tiep_cong_dan.workflow.middleware.WorkflowRevisionsMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sites.urls"
WSGI_APPLICATION = "sites.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The few theme templates the desk replaces (the header's notifications bell),
        # found before the theme's own.
        "DIRS": [BASE_DIR / "apps" / "tiep_cong_dan" / "templates" / "overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The bell's unread count, counted only if a page draws it.
                "tiep_cong_dan.doctype.notification.bell.bell",
            ],
        },
    },
]


# Seconds a write on the embedded SQLite waits for another's transaction to end.
SQLITE_BUSY_TIMEOUT = int(os.environ.get("TCD_SQLITE_BUSY_TIMEOUT", "60"))


def database_from_env(default_sqlite: Path) -> dict:
    """One database definition from DATABASE_URL, tuned per engine."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    db = dj_database_url.parse(url, conn_max_age=60)
    if db["ENGINE"] == "django.db.backends.mysql":
        # utf8mb4 for Vietnamese text; strict mode so bad data fails loudly.
        db["OPTIONS"] = {
            "charset": "utf8mb4",
            "init_command": "SET sql_mode='STRICT_TRANS_TABLES'",
        }
        db["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
    elif db["ENGINE"] == "django.db.backends.sqlite3":
        # WAL: readers (a page, an import's check) never block the one writer, nor it
        # them; a writer waits up to `timeout` seconds for another's transaction
        # instead of failing at once with "database is locked". synchronous=NORMAL is
        # SQLite's advice with WAL (durable at each checkpoint, never corrupt).
        db["OPTIONS"] = {
            "timeout": SQLITE_BUSY_TIMEOUT,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    return db


DATABASES = {"default": database_from_env(SITE_DATA_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# The cache may fail without failing a request: Redis down means no cache, logged once
# (core/cache.py); short timeouts so a Redis that does not answer is found out quickly.
TCD_CACHE_OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 2}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "tiep_cong_dan.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"tcd:{SITE_NAME}",
            "OPTIONS": TCD_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# -- jobs (Celery) ---------------------------------------------------------------
# Redis is the broker when configured; the embedded default uses a folder queue
# (kombu's filesystem transport) so `make run` runs the same worker and beat alone.
# A request hands work to the queue after its commit; what it owes is already in the
# outbox (core/outbox.py), so a broker that is down must cost it a quick failure, not a
# wait: a connection within 1 s (a LAN's Redis answers in milliseconds) and one retry
# to publish, so at most about 2 s when the broker's host does not answer, at once when
# it refuses, 5 s (the socket timeout) when it accepts and then hangs. The worker's own
# reconnecting is set apart (CELERY_BROKER_CONNECTION_MAX_RETRIES, Celery's default).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
_FAIL_FAST = {"max_retries": 0, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
TCD_REDIS_BROKER_OPTIONS = {**_FAIL_FAST, "socket_connect_timeout": 1, "socket_timeout": 5}
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = TCD_REDIS_BROKER_OPTIONS
else:
    _QUEUE_DIR = SITE_DATA_DIR / "queue"
    _QUEUE_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **_FAIL_FAST,
        "data_folder_in": str(_QUEUE_DIR),
        "data_folder_out": str(_QUEUE_DIR),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True  # task name and arguments kept with each run
CELERY_RESULT_EXPIRES = 90 * 24 * 3600  # runs kept 90 days (beat's daily clean-up)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
CELERY_TASK_ACKS_LATE = True  # a job killed mid-way runs again (jobs are idempotent)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# -- notifications ---------------------------------------------------------------------
TCD_SITE_URL = os.environ.get("TCD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", _MESSAGES.get("email_from", ""))
TCD_SMS_GATEWAY = os.environ.get(
    "TCD_SMS_GATEWAY", "tiep_cong_dan.doctype.notification.sms.FileSmsGateway"
)
TCD_SMS_FILE = SITE_DATA_DIR / "sms-outbox.jsonl"

# -- the public request form (public/pow.py, public/throttle.py) -----------------------
TCD_ALTCHA_HMAC_KEY = os.environ.get("TCD_ALTCHA_HMAC_KEY", "")
TCD_ALTCHA_MAX_NUMBER = int(os.environ.get("TCD_ALTCHA_MAX_NUMBER", "100000"))
TCD_REQUEST_RATE_SOLVED = int(os.environ.get("TCD_REQUEST_RATE_SOLVED", "10"))
TCD_REQUEST_RATE_UNSOLVED = int(os.environ.get("TCD_REQUEST_RATE_UNSOLVED", "3"))
TCD_REQUEST_RATE_PHONE = int(os.environ.get("TCD_REQUEST_RATE_PHONE", "3"))

# -- the REST API ---------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tiep_cong_dan.api.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON nested deeper than any document of the API is refused before it is decoded.
    "DEFAULT_PARSER_CLASSES": [
        "tiep_cong_dan.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # orjson writes the JSON (api/renderers.py); the browsable pages stay DRF's.
    "DEFAULT_RENDERER_CLASSES": [
        "tiep_cong_dan.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "tiep_cong_dan.api.pagination.CheckedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tiep_cong_dan.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("TCD_API_RATE", "600/minute"),
        "anon": "30/minute",
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tiếp công dân trực tuyến — API",
    "DESCRIPTION": (
        "The case-management API of online citizen reception. Every list and "
        "document follows the same permission rules, scopes and identity masking as the "
        "desk; writes go through the same services and workflow. Authenticate with "
        "`Authorization: Token <key>` (tokens are created in the desk) or the desk session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several resources have a field named "kind" with different choices (a petition's,
    # an online request's, a session's): each choice set gets its own stable name.
    "ENUM_NAME_OVERRIDES": {
        "PetitionKindEnum": "tiep_cong_dan.doctype.petition.constants.PetitionKind",
        "SessionKindEnum": "tiep_cong_dan.doctype.reception_session.constants.SessionKind",
    },
}

# -- video conferencing ---------------------------------------------------------------
# The Pexip Infinity management node (conference/backends.py); without it sessions are
# prepared by hand on the platform.
TCD_PEXIP_URL = os.environ.get("TCD_PEXIP_URL", "")
TCD_PEXIP_USER = os.environ.get("TCD_PEXIP_USER", "")
TCD_PEXIP_PASSWORD = os.environ.get("TCD_PEXIP_PASSWORD", "")
TCD_PEXIP_CLIENT_ID = os.environ.get("TCD_PEXIP_CLIENT_ID", "")
TCD_PEXIP_CLIENT_SECRET = os.environ.get("TCD_PEXIP_CLIENT_SECRET", "")
TCD_CONFERENCE_DOMAIN = os.environ.get(
    "TCD_CONFERENCE_DOMAIN", (TCD_SITE_PROFILE.get("conference") or {}).get("domain", "")
)
TCD_JITSI_DOMAIN = os.environ.get("TCD_JITSI_DOMAIN", "")
TCD_JITSI_APP_ID = os.environ.get("TCD_JITSI_APP_ID", "")
TCD_JITSI_APP_SECRET = os.environ.get("TCD_JITSI_APP_SECRET", "")
# Jibri's recordings directory, mounted where the system runs: the meeting's files are
# listed from it (conference/jitsi.py). Empty: Jitsi recordings are registered by hand.
TCD_JIBRI_RECORDINGS_DIR = os.environ.get("TCD_JIBRI_RECORDINGS_DIR", "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "tiep_cong_dan.access.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tiep_cong_dan.access.accounts.passwords.LettersAndDigitsValidator"},
    # Replacing a one-time password an administrator issued: not with the same one.
    {"NAME": "tiep_cong_dan.access.accounts.passwords.NotTheIssuedPasswordValidator"},
]

# -- sign-in hardening ------------------------------------------------------------------
# django-axes checks every password sign-in first; ModelBackend then does the checking.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Locked per login name *and* address: a guesser is stopped without letting anyone lock
# an official out of the desk from elsewhere by typing their name.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(os.environ.get("TCD_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("TCD_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USERNAME_CALLABLE = "tiep_cong_dan.access.accounts.lockout.login_name"
AXES_CLIENT_IP_CALLABLE = "tiep_cong_dan.core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "tiep_cong_dan.access.accounts.lockout.lockout_response"
AXES_ENABLE_ADMIN = False  # the desk registers its own pages (access/accounts/admin.py)
# Attempts, lockouts and sign-ins are in the database (desk pages); the same lines on
# the console for every command and login would only be noise.
AXES_VERBOSE = False
# The second factor (TOTP, django-otp): required of the roles in
# access.roles.TWO_FACTOR_REQUIRED unless turned off; optional for everyone else.
TCD_TOTP_REQUIRED = os.environ.get("TCD_TOTP_REQUIRED", "1") == "1"
OTP_TOTP_ISSUER = os.environ.get("TCD_TOTP_ISSUER", _MESSAGES.get("totp_issuer", ""))
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Content-Security-Policy of every response (core/headers.py). The desk's theme
# (django-unfold) runs Alpine.js, which evaluates its attributes, and puts scripts and
# styles inline, so scripts need 'unsafe-inline' and 'unsafe-eval'; what the policy
# still does is keep every script, style, image, font, request and form on this site
# (nothing injected can load from or send to elsewhere) and forbid framing. Checked in
# Chromium on every desk page; the only thing it blocks is ReDoc's Google font and
# logo (the API reference then uses the system font: no call leaves for Google).
TCD_CONTENT_SECURITY_POLICY = os.environ.get(
    "TCD_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)

# Origins (comma separated, "https://host[:port]") whose pages may frame the public
# schedule's snippet, /lich-tiep/nhung/ (the province's portal): its frame-ancestors.
# None: only this site itself.
TCD_PUBLIC_EMBED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("TCD_PUBLIC_EMBED_ORIGINS", "").split(",")
    if origin.strip()
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "apps" / "tiep_cong_dan" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["sites.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"  # served by nothing: files go out through /desk/files/ only
MEDIA_ROOT = SITE_DATA_DIR / "media"
# Uploaded and issued files: links point at the view that asks the owning record's rule.
STORAGES = {
    "default": {"BACKEND": "tiep_cong_dan.core.files.ProtectedFileStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Who sends a stored file's bytes once the view allowed it (core/files.py): `django`
# itself, or the web server through an internal redirect, `nginx` (X-Accel-Redirect to
# TCD_PROTECTED_FILES_PREFIX + name, an `internal` location) or `apache` (X-Sendfile).
TCD_PROTECTED_FILES = os.environ.get("TCD_PROTECTED_FILES", "django")
TCD_PROTECTED_FILES_PREFIX = os.environ.get("TCD_PROTECTED_FILES_PREFIX", "/protected-media/")
# Rows one import file may hold (imports/workbook.py); larger registers are split. An
# import writes its rows in one transaction (all or none): on the embedded SQLite about
# 20 ms a row, so 1 000 rows hold the write lock for some 20-35 s, within the busy
# timeout other officers' saves wait.
TCD_IMPORT_MAX_ROWS = int(os.environ.get("TCD_IMPORT_MAX_ROWS", "1000"))
# Rows a sheet of past records may hold (imports/history/): written in bulk, 5 000 rows
# hold the write lock a few seconds (benchmarks/import_history.py).
TCD_HISTORY_IMPORT_MAX_ROWS = int(os.environ.get("TCD_HISTORY_IMPORT_MAX_ROWS", "10000"))
# Attachments: scans and documents of a petition.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Lists show "more than N" instead of counting huge tables on every page.
TCD_LIST_COUNT_CAP = 10_000
# A search a type answers by its own rule (a petition by a common name, checked case by
# case in the list's order) counts its matches up to this many, or to the page after
# the one shown.
TCD_SEARCH_COUNT_CAP = 100
# The confidential-access log records the client address from X-Forwarded-For only
# when the site runs behind its own reverse proxy.
TCD_TRUST_X_FORWARDED_FOR = os.environ.get("TCD_TRUST_X_FORWARDED_FOR", "0") == "1"
# Attachments larger than this are refused with a clear message.
TCD_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# The largest PDF the signature check reads (desk, public page, API).
TCD_SIGNATURE_CHECK_MAX_BYTES = int(
    os.environ.get("TCD_SIGNATURE_CHECK_MAX_BYTES", 20 * 1024 * 1024)
)
# Years after a citizen's last case closed before the retention job removes their
# personal data (jobs/retention.py). Decree 154 Art. 24(3) leaves the period to the
# archive rules, which give none for this data here: 10 years, conservatively.
TCD_RETENTION_YEARS = int(os.environ.get("TCD_RETENTION_YEARS", "10"))
# Days after the Board's decision on an online request (converted or declined) before
# the retention job erases the personal data it holds (Personal Data Protection Law
# 91/2025, Decree 356/2025: kept no longer than its purpose needs; a converted
# request's data lives on in the petition and the citizen register).
TCD_REQUEST_RETENTION_DAYS = int(os.environ.get("TCD_REQUEST_RETENTION_DAYS", "365"))

# The hearings' recordings (Decree 154 Art. 24, doctype/hearing_recording): the directory
# on the state's storage they are kept in (a mounted share in production), the largest
# upload taken, how many years each is kept (never deleted before), and how many bytes
# the nightly check re-hashes (the rest is re-hashed on the following nights, oldest
# check first; presence and size are checked every night). Art. 24(3) leaves the period
# to the archive rules, which give none for this data in the texts here: 20 years,
# a floor the province sets from its archive's retention list.
TCD_RECORDING_STORAGE = Path(
    os.environ.get("TCD_RECORDING_STORAGE", str(SITE_DATA_DIR / "recordings"))
)
TCD_RECORDING_MAX_BYTES = int(os.environ.get("TCD_RECORDING_MAX_BYTES", str(8 * 1024**3)))
TCD_RECORDING_RETENTION_YEARS = int(os.environ.get("TCD_RECORDING_RETENTION_YEARS", "20"))
TCD_RECORDING_CHECK_BYTES_PER_NIGHT = int(
    os.environ.get("TCD_RECORDING_CHECK_BYTES_PER_NIGHT", str(200 * 1024**3))
)

from .desk import UNFOLD  # noqa: E402,F401  (theme configuration lives on its own)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # Routine chatter stays out of the console: a job run inline reports each success,
    # the PDF renderer each step, the font library each table it reads.
    "loggers": {
        "celery.app.trace": {"level": "WARNING"},
        # On the embedded folder queue each connection says it has no host name.
        "kombu.connection": {"level": "ERROR"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Each signature that fails its check (anyone may upload one on the public page)
        # would be logged with a traceback: the page and the API report it instead.
        "pyhanko.sign.validation.generic_cms": {"level": "ERROR"},
    },
}

# Reverting from history would bypass the services' validation and the workflow.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Digital signatures on issued documents (print_format/signing/, README "Chữ ký số").
# The signing device: `software` (a key and certificate in TCD_SIGNING_PKI_DIR, the
# demo CA's), `pkcs11` (a USB token) or `csc` (a remote signing service);
# TCD_SIGNING_USER_BACKENDS overrides it per user ("chutich=pkcs11,vanphong=csc").
TCD_SIGNING_BACKEND = os.environ.get("TCD_SIGNING_BACKEND", "software")
TCD_SIGNING_USER_BACKENDS = dict(
    pair.strip().split("=", 1)
    for pair in os.environ.get("TCD_SIGNING_USER_BACKENDS", "").split(",")
    if "=" in pair
)
TCD_SIGNING_PKI_DIR = Path(os.environ.get("TCD_SIGNING_PKI_DIR", SITE_DATA_DIR / "pki"))
# The demo CA issues a certificate to a signer that has none and the demo TSA stamps
# signatures when no TCD_SIGNING_TSA_URL is set: for the demo and the tests only.
TCD_SIGNING_DEMO_PKI = os.environ.get("TCD_SIGNING_DEMO_PKI", "1") == "1"
# PEM files of the roots a signature must chain to (comma-separated); default: the demo
# root.
TCD_SIGNING_TRUST_ROOTS = [
    p.strip() for p in os.environ.get("TCD_SIGNING_TRUST_ROOTS", "").split(",") if p.strip()
] or [str(TCD_SIGNING_PKI_DIR / "root-ca.cert.pem")]
TCD_SIGNING_TSA_URL = os.environ.get("TCD_SIGNING_TSA_URL", "")
# Fetch the revocation data (OCSP, CRL) the certificates name, to check a signer's
# certificate before it signs and embed the answers in the file (PAdES B-LT, still
# verifiable after the certificate expires). Off by default: the demo's CA hands its
# CRL over locally; production turns it on (settings/production.py).
TCD_SIGNING_FETCH_REVOCATION = os.environ.get("TCD_SIGNING_FETCH_REVOCATION", "0") == "1"
# The day issued documents began to be signed digitally: Decree 154/2026 (Art. 24(2),
# the legal value of electronic records) took effect on 01/07/2026. A step dated before
# it (the demo's history, a past record) issued its document on paper and signs nothing.
# Empty: every step signs.
TCD_SIGNING_FROM = (
    datetime.date.fromisoformat(os.environ.get("TCD_SIGNING_FROM", "2026-07-01"))
    if os.environ.get("TCD_SIGNING_FROM", "2026-07-01")
    else None
)
TCD_SIGNING_PKCS11_MODULE = os.environ.get("TCD_SIGNING_PKCS11_MODULE", "")
TCD_SIGNING_PKCS11_TOKEN_LABEL = os.environ.get("TCD_SIGNING_PKCS11_TOKEN_LABEL", "")
TCD_SIGNING_PKCS11_SLOT = os.environ.get("TCD_SIGNING_PKCS11_SLOT", "")
TCD_SIGNING_PKCS11_KEY_LABEL = os.environ.get("TCD_SIGNING_PKCS11_KEY_LABEL", "")
TCD_SIGNING_CSC_URL = os.environ.get("TCD_SIGNING_CSC_URL", "")
TCD_SIGNING_CSC_TOKEN = os.environ.get("TCD_SIGNING_CSC_TOKEN", "")
TCD_SIGNING_CSC_CREDENTIAL = os.environ.get("TCD_SIGNING_CSC_CREDENTIAL", "")
TCD_SIGNING_CSC_TIMEOUT = int(os.environ.get("TCD_SIGNING_CSC_TIMEOUT", "60"))

"""Production: secure by default; every secret comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY, TCD_SITE_URL

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600  # one working day
# Lax, not Strict: a link to the desk in a notification e-mail must open it signed in;
# no cross-site request that changes anything carries the cookies.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Origins allowed to post forms, when the proxy in front does not pass the public Host
# on: comma separated (https://tiepcongdan.langson.gov.vn), default the site's address.
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
] or ([TCD_SITE_URL] if TCD_SITE_URL.startswith("https://") else [])
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only takes effect once the domain's owner submits it to the browsers' preload list.
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A page opened from the desk cannot reach back into it (window.opener).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
STORAGES = {
    "default": {"BACKEND": "tiep_cong_dan.core.files.ProtectedFileStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Static files served by the application itself after `manage.py collectstatic`.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

# No demo CA, no demo TSA, no demo root in production: the roots are the site's own.
TCD_SIGNING_DEMO_PKI = False
TCD_SIGNING_FETCH_REVOCATION = os.environ.get("TCD_SIGNING_FETCH_REVOCATION", "1") == "1"
TCD_SIGNING_TRUST_ROOTS = [
    p.strip() for p in os.environ.get("TCD_SIGNING_TRUST_ROOTS", "").split(",") if p.strip()
]

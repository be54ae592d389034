"""Local development and the `make run` demo on the embedded SQLite default."""

import os

from .base import *  # noqa: F401,F403
from .base import SITE_DATA_DIR

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-change-me"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
SITE_DATA_DIR.mkdir(parents=True, exist_ok=True)
# The demo signs in with passwords alone unless asked (TCD_TOTP_REQUIRED=1); anyone may
# still enrol an authenticator app from the user menu.
TCD_TOTP_REQUIRED = os.environ.get("TCD_TOTP_REQUIRED", "0") == "1"

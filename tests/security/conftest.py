"""Signing in through the desk's real form, as a browser does."""

from django.test import Client
from django.urls import reverse

from ..conftest import PASSWORD


def password_sign_in(client: Client, username: str, password: str = PASSWORD, **extra):
    """POST the sign-in form; `extra` sets request headers (REMOTE_ADDR, forwarded for)."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **extra,
    )

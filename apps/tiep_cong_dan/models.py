"""Every model of the app: each folder's `models.py`, discovered (core/discovery.py)."""

from .core.discovery import discover

discover("models")

"""The site folder's profile (sites/<TCD_SITE>/profile.yaml), read once for the settings."""

import os
from pathlib import Path

import yaml


def read_profile(site_dir: Path) -> dict:
    with open(site_dir / "profile.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


SITE_DIR = Path(__file__).resolve().parent.parent / os.environ.get("TCD_SITE", "langson")
TCD_SITE_PROFILE = read_profile(SITE_DIR)

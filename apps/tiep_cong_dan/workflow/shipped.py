"""The shipped declarations: one YAML file per document type, beside this module. The
loader copies them into the database; the reservations read their labels."""

from pathlib import Path

import yaml

FILES_DIR = Path(__file__).resolve().parent


def file_for(doctype: str) -> Path:
    return FILES_DIR / f"{doctype}.yaml"


def read_file(doctype: str) -> dict:
    with open(file_for(doctype), encoding="utf-8") as fh:
        return yaml.safe_load(fh)

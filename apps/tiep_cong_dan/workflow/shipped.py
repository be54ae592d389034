"""The shipped declarations: each document type's workflow is a YAML file in its own
folder, named after it (doctype/petition/petition.yaml, doctype/result_notice/
assignment.yaml). The loader copies them into the database; the reservations read their
labels."""

from pathlib import Path

import yaml

DOCTYPES_DIR = Path(__file__).resolve().parent.parent / "doctype"


def file_for(doctype: str) -> Path:
    found = sorted(DOCTYPES_DIR.glob(f"*/{doctype}.yaml"))
    if len(found) != 1:
        raise LookupError(f"{doctype}: expected one doctype/*/{doctype}.yaml, found {len(found)}")
    return found[0]


def read_file(doctype: str) -> dict:
    with open(file_for(doctype), encoding="utf-8") as fh:
        return yaml.safe_load(fh)

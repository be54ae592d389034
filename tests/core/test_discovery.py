"""Document types register themselves: what each folder declares is found at start-up,
and nothing outside a folder lists what is in it."""

import re
from pathlib import Path

import pytest
from tiep_cong_dan.access.rules import rule_or_none
from tiep_cong_dan.core.discovery import packages
from tiep_cong_dan.workflow.bindings import BINDINGS
from tiep_cong_dan.workflow.shipped import file_for

APP = Path(__file__).resolve().parents[2] / "apps" / "tiep_cong_dan"
DECLARATIONS = ("binding", "permissions", "workflow_rules", "files", "admin")


def test_every_document_types_folder_is_found():
    folders = {p.parent.name for p in (APP / "doctype").glob("*/models.py")}
    found = {p.split(".")[1] for p in packages() if p.startswith("doctype.") and p.count(".") == 1}
    assert folders and folders <= found


def _desk_models():
    from django.contrib import admin

    return [m for m in admin.site._registry if m._meta.app_label == "tiep_cong_dan"]


@pytest.mark.parametrize("model", _desk_models(), ids=lambda m: m.__name__)
def test_every_desk_pages_rule_registered_itself(model):
    assert rule_or_none(model) is not None, f"{model.__name__} has no permission rule"


@pytest.mark.parametrize("doctype", sorted(BINDINGS))
def test_every_workflow_lives_in_its_types_folder(doctype):
    path = file_for(doctype)
    assert path.parent.parent.name == "doctype"
    assert BINDINGS[doctype].model.__module__.startswith(
        f"tiep_cong_dan.doctype.{path.parent.name}."
    )


def test_no_module_imports_a_declaration_to_register_it():
    """Rules, bindings, workflow rules, stored files and desk pages are imported by the
    discovery alone: an import of one from outside its folder would be a hand-kept list."""
    # A declaration imported as a module ("from ..doctype.petition import permissions").
    names = "|".join(DECLARATIONS)
    pattern = re.compile(rf"^from (?:\.+|tiep_cong_dan\.)[\w.]*?(\w+) import ({names})\b", re.M)
    offenders = []
    for path in APP.rglob("*.py"):
        rel = path.relative_to(APP)
        if rel.parts[0] in ("migrations", "management"):
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            folder = match.group(1)
            if folder not in rel.parts:
                offenders.append(f"{rel}: {match.group(0)}")
    assert offenders == []

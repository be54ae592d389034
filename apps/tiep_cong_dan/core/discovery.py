"""Finds what each package of the app declares, by the file names the conventions fix.

A document type, or a feature, is a folder: its `permissions.py` holds its rule, its
`workflow_rules.py` the conditions and effects its workflow may name, its `files.py`
the folders of stored files it answers for, its `admin.py` its desk pages, its
`binding.py` which model a workflow drives. Nothing lists the folders: importing
`<package>.<name>` for every package that has the file is how they register, the way
Django's admin discovers each application's `admin.py`. Adding a document type is
adding a folder.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from types import ModuleType

_ROOT = Path(__file__).resolve().parent.parent
_PACKAGE = __package__.rpartition(".")[0]  # the app's package
# Folders that hold no declarations: history, commands and bundled data.
_SKIP = frozenset({"migrations", "management", "locale", "static", "templates", "fixtures"})


@cache
def packages() -> tuple[str, ...]:
    """Every package below the app's own, in a stable order."""
    found = []
    for init in sorted(_ROOT.rglob("__init__.py")):
        rel = init.parent.relative_to(_ROOT)
        if rel.parts and not _SKIP.intersection(rel.parts):
            found.append(".".join(rel.parts))
    return tuple(found)


def discover(name: str) -> list[ModuleType]:
    """Imports `<package>.<name>` in every package that has such a file."""
    modules = []
    for package in packages():
        if (_ROOT.joinpath(*package.split(".")) / f"{name}.py").is_file():
            modules.append(importlib.import_module(f"{_PACKAGE}.{package}.{name}"))
    return modules

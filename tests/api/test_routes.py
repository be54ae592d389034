"""The API's resources route themselves: every module of api/resources/ declares its
routes and each is in the URL conf; a module added to the package is found without
naming it anywhere; nothing outside the package declares or registers a route."""

import ast
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import resolve, reverse
from tiep_cong_dan.api.routing import Route, declared_routes, resource_modules
from tiep_cong_dan.api.urls import router

APP = Path(__file__).resolve().parents[2] / "apps" / "tiep_cong_dan"
RESOURCES = APP / "api" / "resources"


def test_every_resource_module_declares_its_routes():
    files = {p.stem for p in RESOURCES.glob("*.py") if not p.stem.startswith("_")}
    modules = resource_modules()
    assert {m.__name__.rpartition(".")[2] for m in modules} == files
    for module in modules:
        assert module.ROUTES and all(isinstance(r, Route) for r in module.ROUTES), module
        for route in module.ROUTES:  # each resource's viewset lives in its own module
            assert route.viewset.__module__ == module.__name__


def test_every_declared_route_is_in_the_url_conf_and_nothing_else_is():
    registered = [(prefix, viewset, basename) for prefix, viewset, basename in router.registry]
    assert registered == [(r.prefix, r.viewset, r.basename) for r in declared_routes()]
    for route in declared_routes():
        url = reverse(f"{route.basename}-list")
        assert url == f"/api/v1/{route.prefix}/"
        assert resolve(url).func.cls is route.viewset


def test_the_resources_and_their_addresses_are_the_ones_published():
    assert {(r.prefix, r.basename) for r in declared_routes()} == {
        ("assignments", "assignment"),
        ("bridge-points", "bridgepoint"),
        ("citizens", "citizen"),
        ("petitions", "petition"),
        ("proposals", "proposal"),
        ("dossiers", "dossier"),
        ("recordings", "recording"),
        ("requests", "receptionrequest"),
        ("result-notices", "resultnotice"),
        ("sessions", "session"),
    }


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package of resources of its own, importable, forgotten afterwards."""
    root = tmp_path / "extra_resources"
    root.mkdir()
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield root
    for name in [n for n in sys.modules if n.split(".")[0] == "extra_resources"]:
        del sys.modules[name]


def _module(package: Path, name: str, body: str) -> None:
    (package / f"{name}.py").write_text(textwrap.dedent(body))


CITIZENS = """
    from tiep_cong_dan.api.resources.citizens import CitizenViewSet
    from tiep_cong_dan.api.routing import Route

    ROUTES = [Route("people", CitizenViewSet, basename="person")]
"""


def test_a_module_added_to_the_package_is_routed_and_a_helper_is_not(package):
    _module(package, "people", CITIZENS)
    _module(package, "_shared", "HELPER = True\n")
    routes = declared_routes("extra_resources")
    assert [(r.prefix, r.basename) for r in routes] == [("people", "person")]


def test_a_module_without_routes_or_with_a_taken_prefix_is_refused(package):
    _module(package, "people", CITIZENS)
    _module(package, "quiet", "X = 1\n")
    with pytest.raises(ImproperlyConfigured, match="quiet declares no ROUTES"):
        declared_routes("extra_resources")
    (package / "quiet.py").unlink()
    _module(package, "twin", CITIZENS.replace('basename="person"', 'basename="twin"'))
    with pytest.raises(ImproperlyConfigured, match="share a prefix"):
        declared_routes("extra_resources")


def _route_declarations(tree: ast.AST) -> list[str]:
    """`ROUTES = …`, `Route(…)`, a router made, or anything registered on a router."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += ["ROUTES =" for t in targets if getattr(t, "id", "") == "ROUTES"]
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            owner = func.value if isinstance(func, ast.Attribute) else None
            if name in ("Route", "DefaultRouter", "SimpleRouter"):
                found.append(f"{name}()")
            elif name == "register" and "router" in (ast.unparse(owner) if owner else "").lower():
                found.append(ast.unparse(node))
    return found


def test_no_module_outside_the_package_declares_or_registers_a_route():
    offenders = []
    for path in APP.rglob("*.py"):
        rel = path.relative_to(APP)
        if rel.parts[:2] == ("api", "resources") or rel == Path("api/routing.py"):
            continue
        found = _route_declarations(ast.parse(path.read_text(encoding="utf-8")))
        offenders += [f"{rel}: {f}" for f in found]
    # The URL conf makes the one router and registers exactly what the package declares.
    assert sorted(offenders) == [
        "api/urls.py: DefaultRouter()",
        "api/urls.py: router.register(route.prefix, route.viewset, basename=route.basename)",
    ]

"""Where the API's resources are found. Each module of `api/resources/` holds one
resource (its serializers and viewset) and declares its routes in `ROUTES`; the router
(urls.py) is built from every module of that package, so adding a resource is adding a
file and no list names the document types. A module whose name starts with "_" is a
helper of the package and declares none."""

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType

from django.core.exceptions import ImproperlyConfigured

RESOURCES = f"{__package__}.resources"


@dataclass(frozen=True)
class Route:
    """`prefix` is the URL's first segment, `basename` names its URLs (`<basename>-list`,
    `<basename>-detail`, `<basename>-<action>`)."""

    prefix: str
    viewset: type
    basename: str


def resource_modules(package: str = RESOURCES) -> list[ModuleType]:
    """Every resource module of `package`, by name."""
    root = importlib.import_module(package)
    names = sorted(
        info.name for info in pkgutil.iter_modules(root.__path__) if not info.name.startswith("_")
    )
    return [importlib.import_module(f"{package}.{name}") for name in names]


def declared_routes(package: str = RESOURCES) -> list[Route]:
    """The routes every resource module declares; a module declaring none, or two
    routes with one prefix or basename, stop the start (a resource silently unrouted
    or shadowed would be found by its users, not its tests)."""
    found: list[Route] = []
    for module in resource_modules(package):
        routes = getattr(module, "ROUTES", None)
        if not routes or not all(isinstance(r, Route) for r in routes):
            raise ImproperlyConfigured(f"{module.__name__} declares no ROUTES of Route.")
        found.extend(routes)
    for attr in ("prefix", "basename"):
        values = [getattr(r, attr) for r in found]
        if len(values) != len(set(values)):
            raise ImproperlyConfigured(f"Two API routes share a {attr}: {sorted(values)}.")
    return found

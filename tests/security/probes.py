"""The security suite's instruments: every route of the site read from the URL
configuration (the desk's admin URLs, the feature pages, the REST API), the record
each route serves, and any response read back as text (HTML, JSON, CSV, PDF, DOCX,
XLSX, zip), so that a probe can look for what must not be there."""

import io
import re
import zipfile
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

# A route's object parameter, under the names the project and its libraries use.
OBJECT_PARAMS = ("object_id", "pk", "id")


@dataclass(frozen=True)
class Route:
    name: str  # the URL name, namespaced ("admin:tiep_cong_dan_petition_change")
    route: str  # the pattern as written
    params: tuple[str, ...]  # named parameters (or "0", "1" for regex groups)
    model: type | None  # the record the object parameter names, when there is one

    @property
    def object_param(self) -> str | None:
        return next((p for p in self.params if p in OBJECT_PARAMS or p == "0"), None)


def _patterns(resolver, prefix="", namespace=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = (
                f"{namespace}:{p.namespace}"
                if namespace and p.namespace
                else (p.namespace or namespace)
            )
            yield from _patterns(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
            yield prefix + str(p.pattern), name, p


def _params(route: str, pattern: URLPattern) -> tuple[str, ...]:
    regex = pattern.pattern.regex
    if regex.groupindex:
        return tuple(regex.groupindex)
    found = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if found:
        return tuple(found)
    return tuple(str(i) for i in range(regex.groups))


def _api_models() -> dict[str, type]:
    from tiep_cong_dan.api.urls import router

    return {basename: viewset.queryset.model for _p, viewset, basename in router.registry}


# Feature pages whose URL name does not say the record: which record they serve.
NAMED_PAGES = {
    "admin:tiep_cong_dan_petition_special_session": "tiep_cong_dan.Petition",
    "admin:tiep_cong_dan_session_invitations": "tiep_cong_dan.ReceptionSession",
    "admin:tiep_cong_dan_printformat_preview": "tiep_cong_dan.PrintFormat",
}


def _admin_model(name: str):
    label = name.removeprefix("admin:")
    if name in NAMED_PAGES:
        return apps.get_model(NAMED_PAGES[name])
    for model in apps.get_models():
        stem = f"{model._meta.app_label}_{model._meta.model_name}_"
        if label.startswith(stem):
            return model
    return None


def site_routes() -> list[Route]:
    """Every named route of the site, with the record its object parameter names."""
    api = _api_models()
    routes = []
    for route, name, pattern in _patterns(get_resolver()):
        params = tuple(p for p in _params(route, pattern) if p != "format")
        model = None
        if name.startswith("admin:"):
            model = _admin_model(name)
        elif "-" in name and name.split("-", 1)[0] in api:
            model = api[name.split("-", 1)[0]]
        routes.append(Route(name, route, params, model))
    return routes


# -- reading a response --------------------------------------------------------------


def body_text(response) -> str:
    """What a reader of the response sees, as text, whatever its format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return bytes_text(content, response.get("Content-Type", ""))


def bytes_text(content: bytes, content_type: str = "") -> str:
    if content.startswith(b"%PDF"):
        return _pdf_text(content)
    if content.startswith(b"PK"):
        return _zip_text(content)
    return content.decode("utf-8", errors="replace")


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    text = [page.extract_text() or "" for page in reader.pages]
    # Files attached to the PDF are what a reader can open too.
    for name, data in (reader.attachments or {}).items():
        text.append(name)
        text.extend(bytes_text(d) for d in data)
    return "\n".join(text)


def _zip_text(content: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    if "word/document.xml" in names:
        return _docx_text(content)
    if "xl/workbook.xml" in names:
        return _xlsx_text(content)
    return "\n".join(bytes_text(archive.read(n)) for n in names)


def _docx_text(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )

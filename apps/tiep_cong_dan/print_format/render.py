"""Templates to HTML to PDF.

Templates are Jinja2 in a sandbox: they see only the plain data their context builder
gives (strings, numbers, lists, dicts), never a model, the database or a file. A broken
template raises PrintFormatError with its line, for the editor to fix.
WeasyPrint is imported only when a PDF is made, so the rest of the site runs on a
machine without Pango.
"""

from pathlib import Path

from jinja2 import DictLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


class PrintFormatError(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def template_sources() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in TEMPLATES_DIR.glob("*.html")}


def render_html(name: str, context: dict, sources: dict[str, str] | None = None) -> str:
    env = SandboxedEnvironment(
        loader=DictLoader(sources or template_sources()),
        autoescape=True,
        undefined=StrictUndefined,
    )
    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        raise PrintFormatError(f"{exc.message} (line {exc.lineno})", exc.lineno) from exc
    except TemplateError as exc:
        raise PrintFormatError(str(exc)) from exc


def render_pdf(html: str) -> bytes:
    import logging

    from weasyprint import HTML

    # WeasyPrint reports each rendering step at INFO; the site log wants only problems.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    return HTML(string=html, base_url=str(TEMPLATES_DIR)).write_pdf()

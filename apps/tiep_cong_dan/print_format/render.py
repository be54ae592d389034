"""Templates to HTML to PDF.

Templates are Jinja2 in a sandbox: they see only the plain data their context builder
gives (strings, numbers, lists, dicts), never a model, the database or a file. Their
text is the PrintFormat rows (edited in the desk), over the shipped files. A broken
template raises PrintFormatError naming the template and the line, for the editor.
WeasyPrint is imported only when a PDF is made, so the rest of the site runs on a
machine without Pango.
"""

import functools
import threading
from pathlib import Path
from types import TracebackType

from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


class PrintFormatError(Exception):
    def __init__(self, message: str, line: int | None = None, template: str | None = None):
        super().__init__(message)
        self.line = line
        self.template = template


@functools.cache
def _shipped() -> tuple[tuple[str, str], ...]:
    # The files change only with a deployment, which restarts the process.
    return tuple((p.name, p.read_text(encoding="utf-8")) for p in TEMPLATES_DIR.glob("*.html"))


def shipped_sources() -> dict[str, str]:
    return dict(_shipped())


_cache = threading.local()


def _environment(sources: dict[str, str]) -> SandboxedEnvironment:
    def load(name: str):
        if name not in sources:
            return None
        # The file name given back is what Jinja puts in a runtime error's traceback.
        return sources[name], name, lambda: True

    return SandboxedEnvironment(
        loader=FunctionLoader(load), autoescape=True, undefined=StrictUndefined
    )


def current_sources() -> dict[str, str]:
    """The shipped templates with the stored (possibly edited) text over them."""
    from .models import PrintFormat

    sources = shipped_sources()
    for code, text in PrintFormat.objects.values_list("code", "template"):
        sources[f"{code}.html"] = text
    return sources


def _current() -> tuple[SandboxedEnvironment, set[str]]:
    """The compiled templates, rebuilt only when their text changed. The text itself is
    the key (one small query per render): however a format was changed, the next
    render uses it."""
    sources = current_sources()
    key = hash(tuple(sorted(sources.items())))
    if getattr(_cache, "key", None) != key:
        _cache.env, _cache.names, _cache.key = _environment(sources), set(sources), key
    return _cache.env, _cache.names


def _template_line(tb: TracebackType | None, names) -> tuple[str | None, int | None]:
    """The innermost template frame of a runtime error (Jinja maps its line numbers)."""
    found = (None, None)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in names:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _syntax_error(exc: TemplateSyntaxError, name: str) -> PrintFormatError:
    where = exc.name or name
    return PrintFormatError(f"{where}, dòng {exc.lineno}: {exc.message}", exc.lineno, where)


def check_syntax(name: str, sources: dict[str, str]) -> None:
    """Compile `name` (and what it extends) from `sources`, without data."""
    try:
        _environment(sources).get_template(name)
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc, name) from exc


def render_html(name: str, context: dict, sources: dict[str, str] | None = None) -> str:
    """`name` ("result_notice.html") rendered with `context`; `sources` replaces the
    stored templates (the editor's preview of unsaved text)."""
    if sources is not None:
        env, names = _environment(sources), set(sources)
    else:
        env, names = _current()
    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc, name) from exc
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        where, line = _template_line(exc.__traceback__, names)
        place = f"{where}, dòng {line}: " if line else ""
        raise PrintFormatError(f"{place}{exc}", line, where) from exc


def render_pdf(html: str) -> bytes:
    import logging

    from weasyprint import HTML

    # WeasyPrint reports each rendering step at INFO; the site log wants only problems.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    document = HTML(string=html, base_url=str(TEMPLATES_DIR))
    return document.write_pdf(font_config=_font_configuration())


def _font_configuration():
    """Fontconfig's set-up is the same for every document: made once per thread."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_cache, "fonts", None) is None:
        _cache.fonts = FontConfiguration()
    return _cache.fonts

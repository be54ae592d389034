"""Templates to HTML to PDF.

Templates are Jinja2 in a sandbox with a budget (sandbox.py): they see only the plain
data their context builder gives (strings, numbers, lists, dicts), never a model, the
database or a file, and a render stops past its characters or seconds. Their text is
the PrintFormat rows (edited in the desk), over the shipped files. A broken template
raises PrintFormatError naming the template, the line and the kind of error, never a
value it rendered (the message reaches the editor's page and the reader's). The PDF
loads nothing but the print formats' assets and embeds no attachment (assets.py).
WeasyPrint is imported only when a PDF is made, so the rest of the site runs on a
machine without Pango. The stylesheets and the font configuration are made once per
process (stylesheets.py).
"""

import functools
import threading
from pathlib import Path
from types import TracebackType

from jinja2 import (
    FunctionLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateRuntimeError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError

from . import assets, stylesheets
from .sandbox import BudgetedEnvironment, BudgetExceeded, budget

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


def _environment(sources: dict[str, str]) -> BudgetedEnvironment:
    def load(name: str):
        if name not in sources:
            return None
        # The file name given back is what Jinja puts in a runtime error's traceback.
        return sources[name], name, lambda: True

    return BudgetedEnvironment(
        loader=FunctionLoader(load), autoescape=True, undefined=StrictUndefined
    )


def current_sources() -> dict[str, str]:
    """The shipped templates with the stored (possibly edited) text over them."""
    from .models import PrintFormat

    sources = shipped_sources()
    for code, text in PrintFormat.objects.values_list("code", "template"):
        sources[f"{code}.html"] = text
    return sources


def _current() -> tuple[BudgetedEnvironment, set[str]]:
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
    # Raised while compiling, before any data is touched: Jinja's words name only the
    # template's own text ("unexpected '}'", "no filter named 'x'").
    where = exc.name or name
    message = f"{where}, dòng {exc.lineno}: lỗi cú pháp ({exc.message})"
    return PrintFormatError(message, exc.lineno, where)


def check_syntax(name: str, sources: dict[str, str]) -> None:
    """Compile `name` (and what it extends) from `sources`, without data."""
    try:
        _environment(sources).get_template(name)
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc, name) from exc


# The kind of a runtime error, as the editor reads it. The exception's own text is
# never shown: it may quote a value the template rendered (a petitioner's name as an
# unknown key, say), and these messages reach pages that are not logged.
_KINDS: list[tuple[type[BaseException], str]] = [
    (UndefinedError, "dùng một tên, thuộc tính hoặc khóa không có trong dữ liệu của mẫu"),
    (SecurityError, "thao tác không được phép trong mẫu in"),
    (TemplateNotFound, "gọi một mẫu in không có"),
    (TemplateRuntimeError, "lỗi khi chạy mẫu"),
    (RecursionError, "gọi lồng nhau quá sâu"),
    (ZeroDivisionError, "chia cho 0"),
    (ArithmeticError, "lỗi tính toán (số quá lớn)"),
    ((KeyError, IndexError), "lấy một khóa hoặc vị trí không có"),
    (AttributeError, "dùng một thuộc tính không có"),
    (TypeError, "sai kiểu dữ liệu trong một phép tính, bộ lọc hoặc lời gọi"),
    (ValueError, "giá trị không hợp lệ"),
]


def _kind(exc: BaseException) -> str:
    if isinstance(exc, BudgetExceeded):
        return str(exc)  # our own words: the limit passed, no value
    for types, kind in _KINDS:
        if isinstance(exc, types):
            return kind
    return "lỗi khi dựng văn bản"


def render_html(name: str, context: dict, sources: dict[str, str] | None = None) -> str:
    """`name` ("result_notice.html") rendered with `context`; `sources` replaces the
    stored templates (the editor's preview of unsaved text)."""
    if sources is not None:
        env, names = _environment(sources), set(sources)
    else:
        env, names = _current()
    try:
        with budget() as limits:
            parts = []
            for chunk in env.get_template(name).generate(**context):
                limits.wrote(len(chunk))
                limits.tick()
                parts.append(chunk)
            return "".join(parts)
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc, name) from exc
    except Exception as exc:  # anything a template's code raised
        where, line = _template_line(exc.__traceback__, names)
        place = f"{where}, dòng {line}: " if line else f"{name}: "
        raise PrintFormatError(f"{place}{_kind(exc)}", line, where) from None


def render_pdf(html: str) -> bytes:
    import logging

    # WeasyPrint reports each rendering step at INFO; the site log wants only problems.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    assets.quiet_refusals()
    fonts = _font_configuration()
    parsed = stylesheets.parse(html, assets.base_url(), assets.fetcher())
    document = parsed.render(font_config=fonts, stylesheets=stylesheets.take_styles(parsed, fonts))
    # <link rel="attachment"> and <a rel="attachment"> would embed files in the PDF: a
    # document carries none, whatever its template says.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return document.write_pdf()


def _font_configuration():
    """Fontconfig's set-up is the same for every document: made once per thread."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_cache, "fonts", None) is None:
        _cache.fonts = FontConfiguration()
    return _cache.fonts

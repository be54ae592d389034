"""The sandbox print formats run in, with a budget.

A print format is code an administrator writes in the desk, run for every reader who
prints. Jinja2's sandbox already keeps Python's internals out of reach; this module adds
what the sandbox leaves open: lists and dicts cannot be changed in place
(ImmutableSandboxedEnvironment), and a render has a budget of characters and seconds,
so that `{{ 'a' * 100000000 }}`, a loop nested three times over a large range or a macro
calling itself twice per level stops with a clear error instead of holding a worker or
filling its memory:

- every operator that can multiply a value (`*`, `**`, `+`, `%`, `~`), every filter and
  string method that pads, repeats, joins or replaces is checked before it runs, and
  every value a template makes (or writes) is measured after: none may exceed the
  budget's characters;
- every loop iteration, call and filter looks at the clock, and the loops together may
  take at most MAX_ITERATIONS steps;
- the document is streamed (`generate()`) and stopped as soon as it passes the budget.

The limits are settings: TCD_PRINT_MAX_CHARS (default 20 million characters, about ten
times the register of a busy year) and TCD_PRINT_MAX_SECONDS (default 30).
"""

import contextlib
import contextvars
import functools
import re
import string
import time
from collections.abc import Iterator

from django.conf import settings
from jinja2 import nodes
from jinja2.filters import make_attrgetter
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg, pass_context

DEFAULT_MAX_CHARS = 20_000_000
DEFAULT_MAX_SECONDS = 30
# Loop steps of one render: the register of a year is a few tens of thousands.
MAX_ITERATIONS = 5_000_000
# A padding, precision or batch size no document needs more of.
MAX_WIDTH = 100_000
# Integers: far beyond any number a document prints (Python itself refuses to print
# an integer of more than 4 300 digits).
MAX_INT_BITS = 100_000
# Names no template can type (they contain a space): the filters the parser wraps
# around every loop's sequence and every `~` concatenation.
LOOP_FILTER = "tcd loop"
SIZE_FILTER = "tcd size"


class BudgetExceeded(Exception):
    """A template went past its budget; the message (Vietnamese) says which limit."""


class Budget:
    def __init__(self, max_chars: int, max_seconds: float):
        self.max_chars = max_chars
        self.max_seconds = max_seconds
        self.deadline = time.monotonic() + max_seconds
        self.written = 0
        self.iterations = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(f"dựng văn bản quá {self.max_seconds:g} giây")

    def step(self) -> None:
        self.iterations += 1
        if self.iterations > MAX_ITERATIONS:
            raise BudgetExceeded(f"các vòng lặp chạy quá {MAX_ITERATIONS:,} lượt".replace(",", "."))
        self.tick()

    def wrote(self, chars: int) -> None:
        self.written += chars
        if self.written > self.max_chars:
            raise BudgetExceeded(too_long(self.max_chars))


def too_long(limit: int) -> str:
    return f"văn bản hoặc một giá trị dài quá {limit:,} ký tự".replace(",", ".")


_current: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "print_budget", default=None
)


def max_chars() -> int:
    return int(getattr(settings, "TCD_PRINT_MAX_CHARS", DEFAULT_MAX_CHARS))


@contextlib.contextmanager
def budget() -> Iterator[Budget]:
    """The budget of one render, seen by every check below while it lasts."""
    current = Budget(
        max_chars(), float(getattr(settings, "TCD_PRINT_MAX_SECONDS", DEFAULT_MAX_SECONDS))
    )
    token = _current.set(current)
    try:
        yield current
    finally:
        _current.reset(token)


def _limit() -> int:
    current = _current.get()
    return current.max_chars if current is not None else max_chars()


def _tick() -> None:
    current = _current.get()
    if current is not None:
        current.tick()


def size_of(value, limit: int | None = None, _seen: dict | None = None) -> int:
    """Characters of a string, items and characters of a container at every level (one
    met again counts again, as its text would, but is not walked again), 1 for anything
    else; stops counting past `limit`."""
    if isinstance(value, str | bytes):
        return len(value)
    if not isinstance(value, list | tuple | set | frozenset | dict):
        return 1
    limit = _limit() if limit is None else limit
    seen = {} if _seen is None else _seen
    if id(value) in seen:
        return seen[id(value)]
    seen[id(value)] = 0
    total = len(value)
    parts = (x for pair in value.items() for x in pair) if isinstance(value, dict) else value
    for part in parts:
        total += size_of(part, limit, seen)
        if total > limit:
            break
    seen[id(value)] = total
    return total


def _refuse_over(size: int) -> None:
    limit = _limit()
    if size > limit:
        raise BudgetExceeded(too_long(limit))


def checked(value):
    _refuse_over(size_of(value))
    return value


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _repeat(seq, times) -> None:
    if _int(times) and isinstance(seq, str | list | tuple):
        _refuse_over(size_of(seq) * max(times, 0))


# printf-style conversions: a width or precision of "*" comes from the data.
_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")


def _printf(fmt: str) -> None:
    for width, precision in _PRINTF.findall(fmt):
        for number in (width, precision):
            if number == "*" or (number and int(number) > MAX_WIDTH):
                raise BudgetExceeded(f"độ rộng định dạng quá {MAX_WIDTH:,}".replace(",", "."))


def _format_specs(fmt: str) -> None:
    """str.format: a width inside a field taken from the data ({:{w}}) or past MAX_WIDTH."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format raises its own error
    for _text, _name, spec, _conversion in fields:
        if spec and ("{" in spec or any(int(n) > MAX_WIDTH for n in re.findall(r"\d+", spec))):
            raise BudgetExceeded(f"độ rộng định dạng quá {MAX_WIDTH:,}".replace(",", "."))


def _replaced(s: str, old: str, new: str, count=None) -> None:
    occurrences = s.count(old) if old else len(s) + 1
    if _int(count) and count >= 0:
        occurrences = min(occurrences, count)
    _refuse_over(len(s) + occurrences * max(len(new) - len(old), 0))


def _joined(separator: str, items: list) -> None:
    _refuse_over(len(separator) * max(len(items) - 1, 0) + sum(size_of(i) for i in items))


# Guards run before a string method: (string, args, kwargs) -> None.
_STR_GUARDS = {
    "center": lambda s, width, *a: _refuse_over(width if _int(width) else 0),
    "ljust": lambda s, width, *a: _refuse_over(width if _int(width) else 0),
    "rjust": lambda s, width, *a: _refuse_over(width if _int(width) else 0),
    "zfill": lambda s, width: _refuse_over(width if _int(width) else 0),
    "expandtabs": lambda s, tabsize=8: _refuse_over(len(s) * (tabsize if _int(tabsize) else 8)),
    "replace": lambda s, old, new, count=-1: _replaced(s, str(old), str(new), count),
}


# -- filters: checked before (where an argument multiplies the value) and after -----
def _center(value, width=80):
    _refuse_over(width if _int(width) else 0)


def _indent(s, width=4, first=False, blank=False):
    prefix = width if _int(width) else len(str(width))
    _refuse_over(len(str(s)) + prefix * (str(s).count("\n") + 1))


def _replace(s, old, new, count=None):
    _replaced(str(s), str(old), str(new), count)


def _format(value, *args, **kwargs):
    _printf(str(value))


def _wordwrap(s, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True):
    s = str(s)
    _refuse_over(len(s) + len(wrapstring or "\n") * (len(s) + 1))


def _sized(name, count):
    if _int(count) and count > MAX_WIDTH:
        raise BudgetExceeded(f"tham số của bộ lọc {name} quá {MAX_WIDTH:,}".replace(",", "."))


_FILTER_GUARDS = {
    "center": _center,
    "indent": _indent,
    "replace": _replace,
    "format": _format,
    "wordwrap": _wordwrap,
    "batch": lambda value, linecount, fill_with=None: _sized("batch", linecount),
    "slice": lambda value, slices, fill_with=None: _sized("slice", slices),
}


def _bounded_filter(name: str, func):
    guard = _FILTER_GUARDS.get(name)
    skip = 1 if _PassArg.from_obj(func) is not None else 0  # the context it is passed

    @functools.wraps(func)
    def run(*args, **kwargs):
        _tick()
        if guard is not None:
            guard(*args[skip:], **kwargs)
        return checked(func(*args, **kwargs))

    return run


def _bounded_join(join):
    """join materialises its items first (with `attribute`, their attribute) to measure
    the result before making it."""

    @functools.wraps(join)
    def run(eval_ctx, value, d="", attribute=None):
        _tick()
        items = list(value)
        if attribute is not None:
            items = list(map(make_attrgetter(eval_ctx.environment, attribute), items))
        _joined(str(d), items)
        return checked(join(eval_ctx, items, d))

    return run


@pass_context
def _loop(context, sequence):
    """Every loop's sequence: each step counted and timed."""
    current = _current.get()
    for item in sequence:
        if current is not None:
            current.step()
        yield item


@pass_context
def _size(context, value):
    return checked(value)


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, finalize=checked, **kwargs)
        # lipsum(n) writes n paragraphs: no document needs it.
        self.globals.pop("lipsum", None)
        filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        filters["join"] = _bounded_join(self.filters["join"])
        filters[LOOP_FILTER], filters[SIZE_FILTER] = _loop, _size
        self.filters = filters

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for loop in list(tree.find_all(nodes.For)):
            loop.iter = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None, lineno=loop.lineno)
        for parent in list(tree.find_all(nodes.Node)):
            for field, child in parent.iter_fields():
                if isinstance(child, nodes.Concat):
                    setattr(parent, field, self._sized(child))
                elif isinstance(child, list):
                    setattr(
                        parent,
                        field,
                        [self._sized(c) if isinstance(c, nodes.Concat) else c for c in child],
                    )
        return tree

    @staticmethod
    def _sized(node: nodes.Concat) -> nodes.Filter:
        return nodes.Filter(node, SIZE_FILTER, [], [], None, None, lineno=node.lineno)

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            if _int(left) and _int(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise BudgetExceeded("một số nguyên quá lớn")
            _repeat(left, right)
            _repeat(right, left)
        elif operator == "**":
            if _int(left) and _int(right) and abs(left) > 1 and right > 0:
                if right * abs(left).bit_length() > MAX_INT_BITS:
                    raise BudgetExceeded("một số nguyên quá lớn")
        elif operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                _refuse_over(size_of(left) + size_of(right))
        elif operator == "%" and isinstance(left, str):
            _printf(left)
        return checked(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own names)
        _tick()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name == "translate":  # a table can turn each letter into a long string
                raise BudgetExceeded("phương thức translate không dùng được trong mẫu in")
            if name == "join" and args:
                items = list(args[0])
                _joined(owner, items)
                args = (items, *args[1:])
            elif name in _STR_GUARDS:
                _STR_GUARDS[name](owner, *args, **kwargs)
        return checked(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _format_specs(value.__self__)
        return wrapped

    def concat(self, parts) -> str:  # the buffers of macros, {% set %} blocks, filter blocks
        parts = list(parts)
        _refuse_over(sum(len(p) for p in parts))
        return "".join(parts)

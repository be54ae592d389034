"""JSON request bodies, refused when nested deeper than any document of the API.
Python's JSON decoder recurses once per level: a body of 100 000 opening brackets
exhausts the interpreter's stack (RecursionError, a server error) before it fails as
JSON, so the depth is counted first, without recursion."""

import codecs
import re

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

# The deepest document the API takes is a result notice with its conclusions and
# assignments (4 levels); 32 leaves room for any client's wrapping.
MAX_DEPTH = 32

class ExplainedParseError(ParseError):
    """A body refused for a reason said in its own (Vietnamese) message."""


# A JSON string (escapes included, written so that it never backtracks), or a bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}"]')


def nesting_depth(text: str, limit: int) -> int:
    """How deep `text`'s arrays and objects nest, counting stops just past `limit`.
    Brackets inside strings do not count; an unterminated string ends the count (the
    decoder refuses the body anyway)."""
    depth = deepest = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif token in "]}":
            depth -= 1
        elif token == '"':  # a quote that opens no complete string
            break
    return deepest


class BoundedJSONParser(parsers.JSONParser):
    """DRF's JSON parser with a depth limit; answers `parse_error` (HTTP 400)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
        except ValueError as exc:  # not in the declared encoding
            raise ExplainedParseError(
                f"Nội dung yêu cầu không đọc được: không đúng bảng mã {encoding}."
            ) from exc
        if nesting_depth(text, MAX_DEPTH) > MAX_DEPTH:
            raise ExplainedParseError(
                f"Nội dung JSON lồng nhau quá {MAX_DEPTH} cấp: không phải dữ liệu của API này."
            )
        try:
            return json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc

"""The Board's plain text as HTML: paragraphs and lists only. Every character typed is
escaped, so no markup, script or link written in the desk reaches a citizen's browser."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def render_plain(text: str) -> SafeString:
    """Blank lines part blocks; within a block, lines starting "- " make a bulleted
    list and "1. " a numbered one; other lines are one paragraph (a lone line break is
    kept)."""
    html: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        html.extend(_block(block.split("\n")))
    return mark_safe("\n".join(html))


def _block(lines: list[str]) -> list[str]:
    out: list[str] = []
    para: list[str] = []
    items: list[str] = []
    kind = ""

    def close_para() -> None:
        if para:
            out.append("<p>" + "<br>".join(escape(p.strip()) for p in para) + "</p>")
            para.clear()

    def close_list() -> None:
        nonlocal kind
        if items:
            tag = "ol" if kind == "ol" else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>")
            items.clear()
        kind = ""

    for line in lines:
        if not line.strip():
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        found = bullet or numbered
        if found:
            close_para()
            this = "ul" if bullet else "ol"
            if kind and kind != this:
                close_list()
            kind = this
            items.append(found.group(1).strip())
        elif items and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()  # an item continued on an indented line
        else:
            close_list()
            para.append(line)
    close_para()
    close_list()
    return out

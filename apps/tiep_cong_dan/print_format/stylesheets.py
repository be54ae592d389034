"""The documents' stylesheets, parsed once per process instead of once per PDF.

WeasyPrint parses every <style> of every document it is given (tinycss2, then a
selector matcher): about 5 ms of a Result Notice's PDF, the same work each time, since
every document carries base.html's stylesheet. Here each <style> text is parsed once
and kept, keyed by the text itself and the URL its relative links resolve against:
an administrator's edit in the desk changes the text, so the next PDF parses the new
text (nothing to invalidate, nothing stale); the shipped files change only with a
deployment.

The parsed sheets go to WeasyPrint as `stylesheets=` (its "user" origin, between the
browser's defaults and the document's own) and the <style> elements are marked so that
it does not parse them again. That is the same cascade as before as long as the
document has no other stylesheet to compete with and no `!important` (a user sheet's
`!important` would outrank a `style` attribute's); a document with a <link>, a
<style media=…>, an `!important` or an `@counter-style` (registered per document) is
left to WeasyPrint whole.

WeasyPrint's own default stylesheet gives every element five pseudo-elements for
footnotes and notes, and a ::marker, whatever the document: about 6 computed styles
per element that nothing uses in a document without footnotes, notes or list items
(a sixth of a Result Notice's styling work). A document that shows none of those is
given the same default stylesheet without these six rules.
"""

import functools
import re
import threading
from collections import OrderedDict

# Distinct style texts seen by one process: the base (portrait and the register's
# landscape), the briefing pack's, an editor's previews. Old ones make room.
MAX_SHEETS = 32
# What find_stylesheets reads to skip an element: a type other than text/css.
PARSED_TYPE = "text/x-parsed-once"
_UNSAFE = ("important", "@counter-style")
_REGISTERED_ONCE = ("@counter-style disc ", "@counter-style decimal ")

_local = threading.local()

# The default stylesheet's rules for pseudo-elements of every element (one a line).
_UNIVERSAL_PSEUDO = ("::marker", "::footnote-", "::note-")
# What in a document could call for one of them: a footnote (float: footnote), a note
# (position: note()), a list item (<li>, <summary>, display: list-item).
_NEEDS_FULL_DEFAULTS = re.compile(r"footnote|note\(|list-item|<li\b|<summary\b", re.IGNORECASE)


def _sheets() -> OrderedDict:
    if getattr(_local, "sheets", None) is None:
        _local.sheets = OrderedDict()
    return _local.sheets


def _parsed(text: str, base_url: str | None, font_config, url_fetcher):
    from weasyprint import CSS

    sheets = _sheets()
    # The font configuration is part of the key: a sheet's @font-face rules are
    # registered in the configuration it was parsed with.
    key = (text, base_url, id(font_config))
    sheet = sheets.get(key)
    if sheet is None:
        sheet = CSS(
            string=text, base_url=base_url, url_fetcher=url_fetcher, font_config=font_config
        )
        sheets[key] = sheet
        if len(sheets) > MAX_SHEETS:
            sheets.popitem(last=False)
    else:
        sheets.move_to_end(key)
    return sheet


def take_styles(document, font_config) -> list:
    """The parsed sheets of `document`'s <style> elements (a weasyprint.HTML not yet
    rendered), in document order, those elements marked as done; [] when the document
    is left to WeasyPrint as it is."""
    styles = []
    for element in document.etree_element.iter():
        if element.tag == "link":
            return []
        if element.tag == "style":
            text = element.text or ""
            if element.attrib or len(element) or any(w in text.lower() for w in _UNSAFE):
                return []
            styles.append((element, text))
    sheets = [
        _parsed(text, document.base_url, font_config, document.url_fetcher)
        for _element, text in styles
    ]
    for element, _text in styles:
        element.set("type", PARSED_TYPE)
    return sheets


def clear() -> None:
    """Forget this thread's parsed sheets (tests)."""
    _local.sheets = None


@functools.cache
def _lean_html_class():
    """A weasyprint.HTML whose default stylesheet lacks the rules for every element's
    ::marker, footnote and note pseudo-elements; None if this version of WeasyPrint
    does not have that stylesheet where and as it is expected (then nothing changes)."""
    from weasyprint import CSS, HTML

    try:
        from weasyprint.html import UA, UA_COUNTER_STYLE, UA_STYLESHEET
    except ImportError:
        return None
    lines = UA.splitlines()
    kept = [line for line in lines if not line.startswith(_UNIVERSAL_PSEUDO)]
    if len(lines) - len(kept) != 6 or not hasattr(HTML, "_ua_stylesheets"):
        return None
    # "disc" and "decimal" may be defined once per counter-style table, and WeasyPrint's
    # own parse of this sheet already put them in UA_COUNTER_STYLE: parsed again they
    # are skipped with a warning on the console, so they are left out here.
    kept = [line for line in kept if not line.startswith(_REGISTERED_ONCE)]
    lean = CSS(string="\n".join(kept), counter_style=UA_COUNTER_STYLE)

    class LeanHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [
                lean if sheet is UA_STYLESHEET else sheet
                for sheet in super()._ua_stylesheets(forms)
            ]

    return LeanHTML


def parse(html: str, base_url: str, url_fetcher):
    """`html` as a weasyprint.HTML, with the lean default stylesheet when the document
    has nothing that needs the full one."""
    from weasyprint import HTML

    lean = None if _NEEDS_FULL_DEFAULTS.search(html) else _lean_html_class()
    return (lean or HTML)(string=html, base_url=base_url, url_fetcher=url_fetcher)

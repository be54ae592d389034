"""Two costs of the desk theme's lists, taken out without changing what is shown.

- It computes every column's header again for each row (its `items_for_result` calls
  `result_headers(cl)` per row, to know each cell's sort state): on a page of 50 rows
  and 10 columns, 500 headers where 10 are needed, about a third of the page's time.
  The headers depend on the list alone, so they are computed once per list and the
  theme's own function answers from that.
- It writes about thirty utility classes on every cell (600 bytes; 300 KB of a 400 KB
  page of 50 rows). Cells carry one class instead, `tcd-cell` (`tcd-check` for the row's
  checkbox), whose rules in static/tiep_cong_dan/css/desk.css are the theme's rules for
  those classes.
- Its result rows: written in one pass for the desk's own lists (access/list_rows.py).
"""

from unfold.templatetags import unfold_list

from . import list_rows

_theme_result_headers = unfold_list.result_headers
CELL_CLASSES = ["tcd-cell"]
CHECKBOX_CELL_CLASSES = ["action-checkbox", "tcd-check"]


def _result_headers_once(cl):
    headers = getattr(cl, "_tcd_result_headers", None)
    if headers is None:
        headers = cl._tcd_result_headers = list(_theme_result_headers(cl))
    return iter(headers)


def install() -> None:
    """Called once at start-up (apps.ready)."""
    unfold_list.result_headers = _result_headers_once
    unfold_list.ROW_CLASSES = CELL_CLASSES
    unfold_list.CHECKBOX_CLASSES = CHECKBOX_CELL_CLASSES
    unfold_list.register.tags["unfold_result_list"] = list_rows.result_list_tag

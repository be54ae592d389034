"""Text likeness of two petitions, Vietnamese with or without accents, word order
ignored. The same two names as the related-cases panel's (doctype/petition), which
will take their place."""

from rapidfuzz import fuzz

from ..core.search import fold

# Fewer words than this say nothing about a matter ("Nội dung.", "Đơn khiếu nại"):
# such a text matches nothing, so it cannot tie unrelated cases together.
MIN_WORDS = 4


def content_key(text: str) -> str:
    """The folded words of `text`, "" when too short to compare."""
    words = fold(text or "").split()
    return " ".join(words) if len(words) >= MIN_WORDS else ""


def content_score(a: str, b: str) -> float:
    """0..100: how alike two keys are (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(a, b)

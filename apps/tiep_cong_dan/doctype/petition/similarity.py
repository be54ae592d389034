"""What "the same content" means between two petitions, shared by the related-cases
panel (related.py) and the crowded-case rule.

`content_key(text)` is the text as compared and indexed: folded like every search of
the app (core/search.fold: lower case, no accents, "đ" as "d", punctuation gone), the
Vietnamese function words and the words every petition uses ("khiếu nại", "đề nghị",
"giải quyết", "UBND", "xã"...) dropped, each remaining word once, sorted. Word order
and repetition do not count: "thu hồi đất dự án Bản Lải" and "dự án hồ Bản Lải thu hồi
đất" have one key. The key of a key is itself, so a stored key may be passed wherever
a text is. Petition.content_key keeps it for each petition (summary and content).

`content_score(a, b)` is 0..100 (texts or keys): 85% the words' overlap (Dice
coefficient of the two word sets, the usual words of petitions weighing a quarter),
15% rapidfuzz's token_sort_ratio of the keys (character based, so a typo costs a
little, not a whole word). 0 when either text has too few distinctive words
(MIN_WORDS): "đề nghị giải quyết" or "khiếu nại thu hồi đất" alone tell nothing of a
matter. On retellings of one matter (other words, order, accents) it gives 75-100;
on two petitions of one kind about other places, projects and people 40-70
(tests/doctype/petition/related_fixture.py).
"""

import re

import numpy as np
from django.db import models
from rapidfuzz import fuzz, process

from ...core.search import fold

# Fewer distinctive words than this (a usual word of land matters counting a third):
# nothing to compare (score 0). "Khiếu nại thu hồi đất" alone says no more than its kind.
MIN_WORDS = 3

# Vietnamese function words (one syllable each, folded), and those of petitions'
# formulae, of addressing and of the province's names of authorities: present in most
# petitions, they would make every two petitions alike.
STOP_WORDS = frozenset(
    """
    ai anh ba bi bo cac cai can cho chu chung co con cua cung da dang day de den deu di
    do doi duoc gi hay het hon khi khong la lam len luc ma minh mot moi mong nay nen neu
    nhu nhung nua ong qua ra rang rat roi sau se ta tai tat theo thi tu tung va vao van
    ve vi viec voi vua xa dinh nguoi toi kinh gui thua trinh bay
    don khieu nai cao kien nghi phan de xem xet giai quyet yeu cau
    uy nhan dan ubnd hdnd huyen phuong thon tinh lang son
    noi dung truong hop vu ngay thang nam quy so to
    """.split()
)
# Words of the usual matters (land, compensation, certificates, pollution, works):
# they count a quarter of a distinctive word, so two land complaints about different
# plots or projects are told apart by what differs (the project, the place, the
# people), not joined by what every land complaint says.
COMMON_WORDS = frozenset(
    """
    dat thu hoi boi thuong ho tro tai gia nong nghiep giay chung su dung quyen cap du an
    thuc hien chinh sach che lai nha nuoc quan ly phuong an dinh cu bo tri thoa dang
    tranh chap ranh gioi lan chiem do dac chong sai muc thap cao dien tich lieu
    moi truong nhiem nguon sinh hoat xa thai xu ly bao ket qua hanh vi trach nhiem
    can bo dia chinh thon ban xom khu dan cu cong trinh duong giao thong xay dung
    cong ty doanh nghiep hop dong tien hua lam gay thiet hai anh huong song
    """.split()
)
COMMON_WEIGHT = 1 / 4
# The score's share of the words' overlap; the rest is rapidfuzz's character-based
# ratio, which forgives a typo but sees the phrasing more than the matter.
DICE_SHARE = 0.85


# A land parcel as petitions name it ("thửa đất số 123, tờ bản đồ số 45"): kept as one
# word ("thua123to45"), the surest sign of one place that two texts can share.
_PARCEL = re.compile(r"\bthua (?:dat )?(?:so )?(\d+) (?:\w+ ){0,4}?to (?:ban do )?(?:so )?(\d+)\b")


def parcels(text: str) -> set[str]:
    """The land parcels `text` names, as words of its key."""
    return {f"thua{n}to{m}" for n, m in _PARCEL.findall(fold(text or ""))}


def _words(text: str) -> list[str]:
    # Bare numbers (an area, a year, a plot number) and single letters ("m" of m²)
    # are dropped: they differ between retellings of one matter more than they tell.
    folded = fold(text or "")
    words = [w for w in folded.split() if len(w) > 1 and not w.isdigit() and w not in STOP_WORDS]
    return words + [f"thua{n}to{m}" for n, m in _PARCEL.findall(folded)]


def _weight(words: set[str]) -> float:
    return sum(COMMON_WEIGHT if w in COMMON_WORDS else 1.0 for w in words)


def content_key(text: str) -> str:
    """The folded, distinctive words of `text`, each once, sorted ('' for none)."""
    return " ".join(sorted(set(_words(text))))


def content_score(a: str, b: str) -> float:
    """How alike the contents of `a` and `b` are, 0..100 (texts or keys, any order of
    words, with or without accents); 0 when either has fewer than MIN_WORDS
    distinctive words."""
    return score_keys(content_key(a), content_key(b))


def score_keys(x: str, y: str) -> float:
    """content_score of two keys (content_key), without computing them again."""
    wx, wy = set(x.split()), set(y.split())
    if _weight(wx) < MIN_WORDS or _weight(wy) < MIN_WORDS:
        return 0.0
    dice = 200 * _weight(wx & wy) / (_weight(wx) + _weight(wy))
    return round(DICE_SHARE * dice + (1 - DICE_SHARE) * fuzz.token_sort_ratio(x, y), 1)


def similar_pairs(keys: list[str], cutoff: float) -> list[tuple[int, int]]:
    """The pairs (a, b), a < b, of `keys` whose score_keys reaches `cutoff`. Every pair
    is measured at once, the words' overlap as one matrix product (only words two keys
    share can overlap) and rapidfuzz's ratio in its C++ bulk form; the few pairs found
    are confirmed by score_keys itself, so the answer is score_keys' to the letter."""
    words = [set(k.split()) for k in keys]
    seen: set[str] = set()
    shared: set[str] = set()
    for ws in words:
        shared |= ws & seen
        seen |= ws
    column = {w: i for i, w in enumerate(sorted(shared))}
    weight = np.array(
        [COMMON_WEIGHT if w in COMMON_WORDS else 1.0 for w in sorted(shared)], dtype=np.float32
    )
    holds = np.zeros((len(keys), len(column)), dtype=np.float32)
    for row, ws in enumerate(words):
        holds[row, [column[w] for w in ws if w in column]] = 1.0
    own = np.array([_weight(ws) for ws in words], dtype=np.float64)
    overlap = (holds * weight) @ holds.T
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.nan_to_num(200 * overlap / (own[:, None] + own[None, :]))
    ratio = process.cdist(keys, keys, scorer=fuzz.token_sort_ratio, dtype=np.float32)
    score = DICE_SHARE * dice + (1 - DICE_SHARE) * ratio
    enough = own >= MIN_WORDS
    # A margin for the float32 sums and the rounding: the confirmation decides.
    found = np.triu(score >= cutoff - 0.5, 1) & enough[:, None] & enough[None, :]
    return [
        (int(a), int(b))
        for a, b in zip(*np.nonzero(found), strict=True)
        if score_keys(keys[a], keys[b]) >= cutoff
    ]


class ContentKeyField(models.TextField):
    """A petition's `content_key` of its summary and content; never edited, never
    shown. Computed on every write of the row as core.search.SearchWordsField is:
    save(), bulk_create() and core/bulk.py all ask the field for its value here."""

    SOURCES = ("summary", "content")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = content_key(
            " ".join(str(getattr(model_instance, n, "") or "") for n in self.SOURCES)
        )
        setattr(model_instance, self.attname, value)
        return value

"""The scan's pairs measured all at once (similarity.similar_pairs) are exactly the
pairs score_keys itself finds, one pair at a time."""

import random

import pytest
from tiep_cong_dan.doctype.petition.similarity import (
    COMMON_WORDS,
    content_key,
    score_keys,
    similar_pairs,
)

WORDS = ["ranh", "gioi", "lan", "chiem", "cau", "treo", "suoi", "tram", "bien", "ap", "xa", "nha"]


def _keys(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    common = sorted(COMMON_WORDS)[:12]
    base = [rnd.sample(WORDS + common, rnd.randrange(2, 10)) for _ in range(n // 3)]
    keys = []
    for _ in range(n):
        words = list(rnd.choice(base))
        if rnd.random() < 0.6:  # a retelling: a word dropped, another added
            words = words[1:] + [rnd.choice(WORDS + common)]
        keys.append(content_key(" ".join(words)))
    return [k for k in dict.fromkeys(keys)]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("cutoff", [60, 75, 90])
def test_the_pairs_found_at_once_are_the_pairs_score_keys_finds(seed, cutoff):
    keys = _keys(seed, 150)
    expected = [
        (a, b)
        for a in range(len(keys))
        for b in range(a + 1, len(keys))
        if score_keys(keys[a], keys[b]) >= cutoff
    ]
    assert expected, "the sample should hold alike pairs"
    assert similar_pairs(keys, cutoff) == expected


def test_keys_too_short_to_judge_pair_with_nothing():
    assert similar_pairs(["ranh gioi", "ranh gioi", ""], 50) == []

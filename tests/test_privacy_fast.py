"""find_nip's shortcut (privacy._could_hold) never changes an answer: on texts made of
digits in every script, separators, invisible characters and pieces of the label, it
finds what the full detector (_spans) finds."""
from __future__ import annotations

import random

from generator.privacy import FEWEST_UNLABELLED, _could_hold, _spans, find_nip

PIECES = ["1", "9", "0", "2", "\uff11", "\u0661", " ", "-", ".", "/", ",", "\u200b", "\u00a0",
          "N", "I", "P", "n", "i", "p", "\uff2e", "\uff29", "\uff30", ":", "a", "x", "\n",
          "197001", "0119", "900310", "01", "123456 ", "12345 ", "1 ", "123", "NIP ", "n\u200bip: ", "1965 ", "0811"]


def corpus(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 14))) for _ in range(n)]


def test_the_shortcut_agrees_with_the_full_detector():
    texts = corpus(20_000)
    skipped = [t for t in texts if not _could_hold(t)]
    assert len(skipped) > 1000 and len(skipped) < len(texts)  # both paths are exercised
    assert sum(bool(_spans(t)) for t in texts) > 100  # and many texts do hold a match
    for t in texts:
        assert (find_nip(t) is None) == (not _spans(t)), t


def test_the_fewest_digits_of_an_unlabelled_nip():
    shape = "123456 12345 1 123"  # the spaced 8-6-1-3 shape at its shortest
    assert sum(c.isdigit() for c in shape) == FEWEST_UNLABELLED
    assert find_nip(shape) is not None
    assert find_nip("N\u200bIP 1965 0811") is not None and find_nip("\uff2e\uff29\uff30 1965 0811") is not None

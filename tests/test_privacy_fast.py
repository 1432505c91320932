"""find_nip's shortcuts never change an answer: on texts made of digits in every script,
separators, invisible characters and pieces of the label, the shortcut (privacy._could_hold)
agrees with the full detector (_spans), and the full detector's own fast paths (only the
runs that can hold 18 digits, only the non-ASCII characters looked at for normalisation)
find what the plain detector below finds, span for span."""
from __future__ import annotations

import random
import re

from generator import privacy
from generator.privacy import ENOUGH_DIGITS, FEWEST_UNLABELLED, _could_hold, _spans, find_nip

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


# The detector as it was written before its fast paths: every run of digits looked at, the
# whole text searched for characters to normalise.
PLAIN_RUN = re.compile(r"\d(?:" + privacy.SEP + r"\d)*", re.ASCII)


def plain_spans(text: str) -> list[tuple[int, int]]:
    norm, where = privacy._normal(text) if privacy.SPECIAL.search(text) else (text, range(len(text)))
    found = []
    for run in PLAIN_RUN.finditer(norm):
        digits = [run.start() + j for j, c in enumerate(run.group(0)) if c.isdigit()]
        if len(digits) < 18:
            continue
        s = "".join(norm[p] for p in digits)
        for k in range(len(digits) - 17):
            starts = k == 0 or digits[k] - digits[k - 1] > 1
            ends = k + 18 == len(digits) or digits[k + 18] - digits[k + 17] > 1
            if starts and ends and privacy.STRUCTURE.fullmatch(s, k, k + 18):
                found.append((digits[k], digits[k + 17] + 1))
    found += [m.span(3) for m in privacy.LABELLED.finditer(norm)]
    found += [m.span() for m in privacy.SHAPE.finditer(norm)]
    merged: list[tuple[int, int]] = []
    for a, b in sorted((where[a], where[b - 1] + 1) for a, b in found if b > a):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


NIPS = ["196501161987031006", "197001192010012001", "200012312020122999"]
SEPARATORS = ["", "", " ", "-", ".", "/", "_", "  ", " - ", "\u200b", "\u00a0", "\n", "--"]


def written(rnd: random.Random, digits: str) -> str:
    """digits with random separators between them, some in fullwidth or Arabic-Indic digits."""
    out = []
    for c in digits:
        if rnd.random() < 0.1:
            c = chr(ord(c) - ord("0") + rnd.choice((0xFF10, 0x0660)))
        out.append(c + (rnd.choice(SEPARATORS) if rnd.random() < 0.3 else ""))
    return "".join(out)


def long_corpus(n: int, seed: int = 11) -> list[str]:
    """Longer texts: words, numbers and NIPs (whole, cut short, run on) with separators."""
    rnd = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 8)):
            kind = rnd.random()
            if kind < 0.4:
                nip = rnd.choice(NIPS)
                nip = nip[rnd.randint(0, 2):] if rnd.random() < 0.3 else nip
                nip += str(rnd.randint(0, 99)) if rnd.random() < 0.2 else ""
                parts.append(written(rnd, nip))
            elif kind < 0.7:
                parts.append(written(rnd, str(rnd.randint(0, 10 ** rnd.randint(1, 20)))))
            else:
                parts.append(rnd.choice(PIECES))
        texts.append("".join(p + rnd.choice(SEPARATORS + ["a", " x "]) for p in parts))
    return texts


def test_the_fast_paths_find_what_the_plain_detector_finds():
    texts = corpus(5_000) + long_corpus(5_000)
    assert sum(bool(plain_spans(t)) for t in texts) > 1500
    assert sum(bool(privacy._structured(privacy._normal(t)[0])) for t in texts) > 1000  # 18-digit NIPs too
    assert sum(t != privacy._normal(t)[0] for t in texts) > 3000  # and normalised texts
    for t in texts:
        assert _spans(t) == plain_spans(t), t


def test_enough_digits_counts_exactly():
    for k in (FEWEST_UNLABELLED - 1, FEWEST_UNLABELLED):
        for text in ("1" * k, "a".join("1" * k), "x" + " -".join("9" * k) + "x"):
            assert bool(ENOUGH_DIGITS.search(text)) == (k >= FEWEST_UNLABELLED), text
    assert ENOUGH_DIGITS.search("\u0661" * FEWEST_UNLABELLED) and not ENOUGH_DIGITS.search("\uff11" * (FEWEST_UNLABELLED - 1))

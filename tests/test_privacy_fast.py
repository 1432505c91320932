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
    texts = corpus(20_000) + long_corpus(5_000) + IDENTIFIERS
    skipped = [t for t in texts if not _could_hold(t)]
    assert len(skipped) > 1000 and len(skipped) < len(texts)  # both paths are exercised
    assert sum(t.isascii() for t in skipped) > 1000 and sum(not t.isascii() for t in skipped) > 1000
    assert sum(bool(_spans(t)) for t in texts) > 100  # and many texts do hold a match
    for t in texts:
        assert (find_nip(t) is None) == (not _spans(t)), t
    assert not any(_could_hold(t) for t in IDENTIFIERS[:3]) and all(_could_hold(t) for t in IDENTIFIERS[3:])


# the project's own identifier shapes (15 digits and more, no NIP), then the same with one
IDENTIFIERS = ["dinas-00012-35-01-iki-2024--jabatan-3--7", "kecamatan-00066-92-06-06-iki-2024--sasaran_iki-12",
               "dinas-00000-11-01-iki-2024--jabatan-41--123456", "dinas-196501161987031006-iki",
               "dinas-00012-35-01--nip-3", "x-123456-12345-1-123"]


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


# --- the prefilter (privacy._may_hold): bytes operations that every form needs -------------------
def test_non_ascii_characters_are_taken_in_order_whatever_the_text():
    pattern = re.compile(r"[^\x00-\x7f]+")  # what _non_ascii replaced, as the specification
    texts = corpus(3_000) + long_corpus(1_000) + ["a\ud800b\udfff\u00e9", "", "ascii only", "\U0001f600x\u200b"]
    for t in texts:
        assert privacy._non_ascii(t) == "".join(pattern.findall(t)), t


def test_each_form_passes_the_prefilter_and_near_misses_do_not():
    may = privacy._may_hold
    # the label in any ASCII case; SHAPE with each separator; 18 digits with the structure
    for text in ("x NIP 1", "nIp", "kata nip:", "123456 12345 1 123", "123456789\t1234567\v1\f123",
                 "123456.12345,1/123", "123456-12345\r1\n123", "197001011990031001", "1970-01-01 1990 03 1 001",
                 "19700101\u00b7199003_1\u00e9001"):
        assert may(text), text
    for text in ("ni p", "n-i-p", "12345 12345 1 123", "123456 1234 1 123", "123456 12345 12 123 x",
                 "123456 12345 1 12", "123456a12345 1 123", "1970010119900310", "1970a0101199003 1 001",
                 "19700101199013 1 001", "19700101199003 3 001", "M12.5 3.4l1.2 0 0 1.5-1.5 0z" * 50):
        assert not may(text), text


def test_the_prefilter_lets_every_nip_through():
    """On texts made of every kind of piece, and long ones with NIPs whole, cut and run on:
    wherever the detector without the prefilter finds something, the prefilter lets it through,
    and it stops most of the others (so it is not a pass-all)."""
    extra = ["\t", "\v", "\f", "\r", "\u00b7", "\u00e9", "_", "NIP", "nip", "123456", "12345", "1", "123"]
    rnd = random.Random(5)
    more = ["".join(rnd.choice(PIECES + extra) for _ in range(rnd.randint(1, 20))) for _ in range(5_000)]
    texts = corpus(5_000) + long_corpus(5_000) + more
    held = [t for t in texts if plain_spans(t)]
    assert len(held) > 2000
    for t in held:
        assert privacy._may_hold(privacy._normal(t)[0]), t
    stopped = [t for t in texts if not privacy._may_hold(privacy._normal(t)[0])]
    assert len(stopped) > 3000 and all(not plain_spans(t) for t in stopped)


def page_like(rnd: random.Random, nip: str) -> str:
    """A page's worth of markup, digits in icon paths, ids and tables, with nip somewhere."""
    parts = ['<svg viewBox="0 0 24 24"><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2z'
             ' 3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3 3 3 0 0 0 3 3"/></svg>',
             '<td id="i-00012-35-01-iki-2024--jabatan-3--7">85,5</td>', "<p>Tahun 2024: 1.234.567 orang</p>",
             "<p>Kecamatan \u00b7 Kabupaten \u2014 2025</p>"]
    body = [rnd.choice(parts) for _ in range(300)]
    body.insert(rnd.randint(0, len(body)), nip)
    return "".join(body)


def test_pages_hold_no_nip_unless_one_is_written_in_them():
    rnd = random.Random(3)
    forms = ["197001011990031001", "1970 0101 1990 03 1 001", "NIP. 1965116 198703 1 006", "nip:\u00a0196501161987",
             "123456 12345 1 123", "\uff11\uff19\uff17\uff10\uff10\uff11\uff10\uff11 199003 1 001",
             "19700101\u200b199003\u200b1\u200b001", "\u0661\u0669\u0667\u0660\u0660\u0661\u0660\u0661 199003 1 001"]
    for form in forms:
        page = page_like(rnd, f"<td>{form}</td>")
        m = find_nip(page)
        assert m is not None and m.group(0) in form, form
    assert find_nip(page_like(rnd, "")) is None and not privacy._may_hold(page_like(rnd, ""))


def test_a_lone_surrogate_beside_an_nip():
    for text in ("NIP 19700101 199003 1 001 \ud800 \u00e9", "\udfff 197001011990031001 \u200b"):
        assert find_nip(text) is not None and "[disensor]" in privacy.redact(text)


def test_texts_searched_together_find_what_each_text_alone_finds():
    """any_nip joins texts with privacy.BETWEEN: no form crosses it, so the answer is
    whether any one of them holds an NIP, and no span of the joined text spans two."""
    rnd = random.Random(13)
    edges = ["NIP", "NIP ", "nip:", "123456", "12345 1 123", "1 123", "19700101", "199003 1 001", "OIl", "x",
             "\u200b", "\uff11", "-", " ", "\n", "l"]
    pool = corpus(3_000) + long_corpus(1_000) + edges + ["".join(rnd.choice(edges) for _ in range(3)) for _ in range(500)]
    groups = [[rnd.choice(pool) for _ in range(rnd.randint(1, 6))] for _ in range(4_000)]
    assert sum(privacy.any_nip(g) for g in groups) > 500 and sum(not privacy.any_nip(g) for g in groups) > 500
    for g in groups:
        assert privacy.any_nip(g) == any(find_nip(t) for t in g), g
        joined, starts, at = privacy.BETWEEN.join(g), [], 0
        for t in g:
            starts.append((at, at + len(t)))
            at += len(t) + len(privacy.BETWEEN)
        for a, b in _spans(joined):
            assert any(s <= a and b <= e for s, e in starts), (g, joined[a:b])
    # cut pieces of one NIP in neighbouring texts are not an NIP
    assert not privacy.any_nip(["NIP", "1965 0811 1987"]) and not privacy.any_nip(["19700101", "199003 1 001"])
    assert not privacy.any_nip(["123456 12345", "1 123"]) and privacy.any_nip(["a", "NIP 1965 0811", "b"])

"""Related indicators across agencies: the same or a similar indicator written in several
decrees, found by similarity of text, not by equality.

An indicator name is normalised to a set of word shingles: its words (lower case,
punctuation, function words and measure words such as "jumlah", "persentase" dropped) and
its pairs of neighbouring words.
Two names are similar when the Jaccard similarity of their shingle sets is at least
THRESHOLD ("Persentase kehadiran pegawai" and "Persentase tingkat kehadiran pegawai ASN"
are; "Persentase realisasi anggaran" is not).

All pairs would be quadratic (6 million indicators nationally), so candidates come from
MinHash signatures and locality-sensitive hashing (BANDS bands of ROWS values each):
names that share a band's values fall into one bucket, and only names sharing a bucket
are compared exactly. The work stays near-linear:
- identical shingle sets are one node (a name written in 20,000 agencies is hashed once);
- a bucket larger than WINDOW is not compared all against all: each node is compared
  with the WINDOW nodes after it in the bucket's sorted order, so a bucket of m nodes
  costs at most m * WINDOW comparisons.
While it is computed, a distinct name is held as one string (its sorted shingles joined),
its list of indicators, a 32-bit hash per shingle and a 64-bit number per band standing for
the band's values; candidate pairs are numbers in numpy arrays, checked in arrays on the
shingles' hashes and then on the strings of the few pairs that pass.
The hash functions come from a fixed seed (SEED) and every ordering is by sorted keys, so
two builds of the same data give the same links, byte for byte.

With a build cache (analyse), each agency's part (its names' keys, hashes and band
numbers) is stored under the digest of its names, and the similar pairs of the index under
its parts' keys. A rebuild after one agency changed makes that agency's part only and
compares only the pairs of the buckets its keys joined or left (pairs_since): a bucket no
key joined or left has the same members in the same order, so the same pairs. The result
is the one computed from nothing (tests/test_related.py).

Nodes joined by similar pairs form clusters; a cluster whose indicators come from at least
THEME_MIN_AGENCIES agencies is a theme (a common indicator), with a page listing which
agencies measure it and their targets.
"""
from __future__ import annotations

import bisect
import gc
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from .cache import Cache, code_fingerprint
from .model import Indicator, Portal

STOPWORDS = {"yang", "dan", "di", "ke", "dari", "dalam", "pada", "untuk", "atau", "dengan", "oleh", "serta",
             "tahun", "setiap", "per", "secara", "terhadap", "sesuai", "the", "of"}
# how a quantity is measured, not what: "Jumlah ..." and "Persentase ..." of the same thing are kin
MEASURES = {"jumlah", "persentase", "prosentase", "tingkat", "nilai", "rasio", "indeks", "angka", "capaian",
            "banyaknya", "presentase"}
THRESHOLD = 0.5  # Jaccard similarity of shingle sets from which two names are related
BANDS, ROWS = 20, 3  # MinHash signature of BANDS * ROWS values; P(candidate) at J=0.5 is 0.93
WINDOW = 32  # nodes compared with each node of a large bucket
SEED = 20240601
CHUNK = 1 << 16  # candidate pairs turned into Python numbers at a time
MAX_LINKS = 3  # related indicators kept per indicator (the page shows them; the theme has all)
THEME_MIN_AGENCIES = 2  # a theme page compares at least two agencies
MAX_THEMES = 2000  # theme pages: the themes measured by the most agencies
MAX_ROWS = 300  # rows on a theme page; the rest are an explorer search
_PRIME = (1 << 61) - 1
_MASK = (1 << 32) - 1


def agency_of(ind: Indicator) -> tuple[str, str]:
    """(id, name) of the agency whose decree holds the indicator ('' when unknown)."""
    agency = ind.document.agency if ind.document is not None else None
    return (agency.id, agency.name or "") if agency is not None else ("", "")


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """An indicator of another agency as a page links to it: what the templates read, the
    same whether it comes from the whole portal (related()) or from a shard's plan."""
    agency_id: str
    agency_name: str
    anchor: str

    @classmethod
    def of(cls, ind: Indicator) -> RelatedLink:
        return cls(*agency_of(ind), ind.anchor)

    def as_list(self) -> list[str]:
        """The plan's JSON form (generator/shards.py)."""
        return [self.agency_id, self.agency_name, self.anchor]


def key(name: str) -> frozenset[str]:
    """The name's words as a set (case, punctuation, order and function words ignored)."""
    return frozenset(w for w in re.findall(r"[a-z0-9]+", (name or "").lower()) if w not in STOPWORDS and len(w) > 1)


def words(name: str) -> list[str]:
    """The words that say what is measured: function words and measure words dropped."""
    return [w for w in re.findall(r"[a-z0-9]+", (name or "").lower())
            if w not in STOPWORDS and w not in MEASURES and len(w) > 1]


def shingles(name: str) -> frozenset[str]:
    """Word shingles of a name: its words and its pairs of neighbouring words."""
    ws = words(name)
    return frozenset(ws) | frozenset(f"{a} {b}" for a, b in zip(ws, ws[1:]))


def _params() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    n = BANDS * ROWS
    return (rng.integers(1, _MASK, size=n, dtype=np.uint64), rng.integers(0, _MASK, size=n, dtype=np.uint64))


def _base(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "little")


SEP = "\x00"  # joins a name's sorted shingles into its key: below every character of a shingle


def node_key(shingle_set: frozenset[str]) -> str:
    """A set of shingles as one string, its shingles sorted and joined by SEP: equal sets
    give equal keys, and keys sort as the sets' sorted shingle lists do (SEP sorts first)."""
    return SEP.join(sorted(shingle_set))


def shingle_hashes(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(number of shingles of each key, the 32-bit hash of every shingle, key after key)."""
    lengths = np.fromiter((k.count(SEP) + 1 for k in keys), dtype=np.int64, count=len(keys))
    hashes = np.fromiter((_base(w) for k in keys for w in k.split(SEP)), dtype=np.uint64, count=int(lengths.sum()))
    return lengths, hashes


def band_signatures(keys: list[str]) -> Iterator[np.ndarray]:
    """The MinHash signature (BANDS * ROWS values) of each key's shingles, one band at a
    time (an array of len(keys) rows and ROWS columns): column c is the least
    (a[c] * base + b[c]) mod 2^61-1 over the shingles' 32-bit hashes (_base)."""
    return _signature_bands(*shingle_hashes(keys))


def _signature_bands(lengths: np.ndarray, hashes: np.ndarray) -> Iterator[np.ndarray]:
    a, b = _params()
    starts = np.r_[0, np.cumsum(lengths)[:-1]].astype(np.intp)
    for band in range(BANDS):
        part = np.empty((len(lengths), ROWS), dtype=np.uint64)
        if len(lengths):
            for r in range(ROWS):
                c = band * ROWS + r  # a, hashes < 2^32: a * hash + b < 2^64, no overflow
                part[:, r] = np.minimum.reduceat((hashes * a[c] + b[c]) % _PRIME, starts)
        yield part


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (a bijection of 64-bit numbers; arithmetic wraps modulo 2^64)."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def band_hashes(lengths: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Per key and band, one 64-bit number standing for the band's ROWS signature values
    (len(keys) rows, BANDS columns): keys whose band values are equal share it, and keys whose
    values differ (pseudo-random MinHash values) share it with a chance of about 2^-64 per
    pair, so buckets are the signature's (tests/test_related.py checks them on data)."""
    out = np.empty((len(lengths), BANDS), dtype=np.uint64)
    for band, part in enumerate(_signature_bands(lengths, hashes)):
        x = _mix(part[:, 0])
        for r in range(1, ROWS):
            x = _mix(x ^ part[:, r])
        out[:, band] = x
    return out


@dataclass
class Stats:
    """What the search cost (the scaling test counts comparisons, not seconds)."""
    indicators: int = 0
    nodes: int = 0
    comparisons: int = 0
    pairs: int = 0


@dataclass
class Theme:
    """A common indicator: a cluster of similar names measured by several agencies."""
    id: str
    title: str
    indicators: list[Indicator] = field(default_factory=list)

    @property
    def agencies(self) -> list:
        seen: dict[str, object] = {}
        for ind in self.indicators:
            doc = ind.document
            if doc is not None and doc.agency is not None:
                seen.setdefault(doc.agency.id, doc.agency)
        return list(seen.values())


@dataclass
class Result:
    links: dict[str, list[Indicator]]  # indicator id -> similar indicators of other agencies
    themes: list[Theme]
    theme_of: dict[str, str]  # indicator id -> theme id
    stats: Stats


@dataclass
class Part:
    """What a group of names (one agency's, cached under their digest) brings to the index:
    each name's node key ('' for a name of fewer than two words), the distinct keys, and
    per distinct key its shingles' 32-bit hashes and its band hashes (band_hashes). A key's
    hashes depend on the key alone, so the same key has the same numbers in every part."""
    keys: list[str]
    nodes: list[str]
    lengths: np.ndarray  # int64, per node
    hashes: np.ndarray  # uint64 (32-bit values), every node's shingles in turn
    bands: np.ndarray  # uint64, len(nodes) x BANDS

    def dump(self) -> tuple:
        return (self.keys, self.nodes, self.lengths.tobytes(), self.hashes.tobytes(), self.bands.tobytes())

    @classmethod
    def load(cls, stored: tuple) -> Part:
        keys, nodes, lengths, hashes, bands = stored
        return cls(keys, nodes, np.frombuffer(lengths, dtype=np.int64), np.frombuffer(hashes, dtype=np.uint64),
                   np.frombuffer(bands, dtype=np.uint64).reshape(len(nodes), BANDS))


def part_of(names: list[str]) -> Part:
    """The Part of these names (in their order)."""
    keys: list[str] = []
    nodes: dict[str, None] = {}
    for name in names:
        ws = words(name)
        if len(ws) < 2:  # one word says too little to relate agencies by
            keys.append("")
            continue
        k = node_key(frozenset(ws) | frozenset(f"{a} {b}" for a, b in zip(ws, ws[1:])))
        keys.append(k)
        nodes.setdefault(k)
    distinct = list(nodes)
    lengths, hashes = shingle_hashes(distinct)
    return Part(keys, distinct, lengths, hashes, band_hashes(lengths, hashes))


@dataclass
class Index:
    """Every distinct key of the portal in sorted order, with its shingles' hashes (flat,
    from starts[i], lengths[i] of them) and band hashes, gathered from the parts."""
    keys: list[str]
    lengths: np.ndarray
    starts: np.ndarray
    hashes: np.ndarray
    bands: np.ndarray
    added: list[str] = field(default_factory=list)  # keys no part of `known` held (gather)

    @classmethod
    def gather(cls, parts: list[Part], known: list[bool] | None = None) -> Index:
        """known[p]: part p was in the previous index too (its keys are not new)."""
        known = known or [True] * len(parts)
        row: dict[str, int] = {}
        base, fresh = 0, []
        bases = []
        for p in sorted(range(len(parts)), key=lambda p: not known[p]):  # known parts first
            bases.append((p, base))
            for r, k in enumerate(parts[p].nodes):
                if k not in row:
                    row[k] = base + r
                    if not known[p]:
                        fresh.append(k)
            base += len(parts[p].nodes)
        ordered = [parts[p] for p, _ in bases]
        lengths = np.concatenate([p.lengths for p in ordered] or [np.empty(0, np.int64)])
        hashes = np.concatenate([p.hashes for p in ordered] or [np.empty(0, np.uint64)])
        bands = np.concatenate([p.bands for p in ordered] or [np.empty((0, BANDS), np.uint64)])
        starts = np.r_[0, np.cumsum(lengths)[:-1]].astype(np.int64) if len(lengths) else lengths
        keys = sorted(row)
        rows = np.fromiter((row[k] for k in keys), dtype=np.int64, count=len(keys))
        return cls(keys, lengths[rows], starts[rows], hashes, bands[rows], sorted(fresh))


def candidates_of(bands: np.ndarray) -> np.ndarray:
    """The pairs to compare, as i * n + j with i < j, ascending, each once: per band, the
    keys whose band hash is equal (a bucket), each compared with the WINDOW keys after it in
    the bucket, in ascending order of index (a stable sort keeps it)."""
    n = len(bands)
    found = np.empty(0, dtype=np.int64)
    for band in range(BANDS):
        col = bands[:, band]
        order = np.argsort(col, kind="stable")
        ranked = col[order]
        bucket = np.cumsum(np.r_[True, ranked[1:] != ranked[:-1]])
        codes = []
        for d in range(1, WINDOW + 1):  # each member and the d-th next member of its bucket
            same = np.flatnonzero(bucket[:-d] == bucket[d:])
            if not len(same):
                break
            codes.append(order[same].astype(np.int64) * n + order[same + d])
        if codes:  # sorted and deduplicated by a sort (np.union1d's hashing is slower here)
            found = np.concatenate([found, *codes])
            found.sort()
            found = found[np.r_[True, found[1:] != found[:-1]]]
    return found


def candidates(keys: list[str]) -> np.ndarray:
    """candidates_of the keys' band hashes."""
    return candidates_of(band_hashes(*shingle_hashes(keys)))


VERIFY_CHUNK = 1 << 16  # candidate pairs checked at a time


def _ragged(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices starts[k] .. starts[k] + lengths[k] - 1 of every k, in turn."""
    total = int(lengths.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths) \
        + np.repeat(starts, lengths)


def verify(index: Index, codes: np.ndarray) -> list[tuple[int, int, float]]:
    """(i, j, similarity) of the pairs i * n + j (ascending) whose shingle sets are similar
    (Jaccard >= THRESHOLD), in that order. Counted on the shingles' 32-bit hashes first, in
    arrays: a hash shared by chance only raises the count, so a pair under the threshold
    there is under it exactly; the pairs over it are compared on their strings."""
    n, out = len(index.keys), []
    for at in range(0, len(codes), VERIFY_CHUNK):
        chunk = codes[at:at + VERIFY_CHUNK]
        i, j = np.divmod(chunk, n)
        li, lj = index.lengths[i], index.lengths[j]
        fit = 2 * np.minimum(li, lj) >= np.maximum(li, lj)  # Jaccard <= smaller / larger set
        i, j, li, lj = i[fit], j[fit], li[fit], lj[fit]
        if not len(i):
            continue
        tag = np.arange(len(i), dtype=np.uint64) << np.uint64(32)
        mine = np.repeat(tag, li) | index.hashes[_ragged(index.starts[i], li)]
        theirs = np.sort(np.repeat(tag, lj) | index.hashes[_ragged(index.starts[j], lj)])
        at_ = np.searchsorted(theirs, mine)
        at_[at_ == len(theirs)] = 0
        common = np.bincount(np.repeat(np.arange(len(i)), li), weights=theirs[at_] == mine, minlength=len(i))
        maybe = np.flatnonzero(common / (li + lj - common) >= THRESHOLD)
        for x, y in zip(i[maybe].tolist(), j[maybe].tolist()):
            a, b = set(index.keys[x].split(SEP)), index.keys[y].split(SEP)
            both = len(a.intersection(b))
            sim = both / (len(a) + len(b) - both)
            if sim >= THRESHOLD:
                out.append((x, y, sim))
    return out


def similar_pairs(keys: list[str], stats: Stats | None = None) -> list[tuple[int, int, float]]:
    """(i, j, similarity) with i < j, in that order, for every pair of the given distinct
    sorted keys (node_key) whose shingle sets are similar (Jaccard >= THRESHOLD), among the
    LSH candidates."""
    stats = stats or Stats()
    index = Index.gather([part_of_keys(keys)])
    pairs = candidates_of(index.bands)
    stats.comparisons = len(pairs)
    out = verify(index, pairs)
    stats.pairs = len(out)
    return out


def part_of_keys(keys: list[str]) -> Part:
    """The Part of node keys themselves (one name each)."""
    lengths, hashes = shingle_hashes(keys)
    return Part(list(keys), list(keys), lengths, hashes, band_hashes(lengths, hashes))


@dataclass
class Previous:
    """What the last index was: its parts' cache keys and its similar pairs, as key strings
    (the pairs are exact for those parts, so any previous index will do)."""
    parts: list[str]
    pairs: list[tuple[str, str, float]]


def pairs_since(index: Index, removed: list[str], removed_bands: np.ndarray,
                previous: list[tuple[str, str, float]], stats: Stats) -> list[tuple[int, int, float]]:
    """The similar pairs of index, from those of a previous index that differs by (at most)
    the keys index.added and `removed` (with their band hashes). In a band, a pair of keys
    both in the previous index, with no removed key between them in their bucket, is no
    nearer now than it was: if it is a candidate now it was then, and if it was similar it is
    among the previous pairs. So only the pairs of a bucket that hold an added key or span a
    removed one are compared; a previous pair stays if it is still a candidate (same bucket,
    within WINDOW) in some band."""
    n = len(index.keys)
    where = {k: i for i, k in enumerate(index.keys)}
    is_added = np.zeros(n + 1, dtype=bool)
    is_added[[where[k] for k in index.added]] = True
    added = np.flatnonzero(is_added)
    # where each removed key would sit among the keys (before the key at that index)
    slots = np.fromiter((bisect.bisect_left(index.keys, k) for k in removed), dtype=np.int64, count=len(removed))
    kept = [(where[a], where[b], s) for a, b, s in previous if a in where and b in where]
    del where
    ki = np.array([p[0] for p in kept], dtype=np.int64)
    kj = np.array([p[1] for p in kept], dtype=np.int64)
    still = np.zeros(len(kept), dtype=bool)
    codes: list[np.ndarray] = []
    for band in range(BANDS):
        col = index.bands[:, band]
        order = np.argsort(col, kind="stable")
        ranked = col[order]
        if len(kept):
            pos = np.empty(n, dtype=np.int64)
            pos[order] = np.arange(n)
            still |= (col[ki] == col[kj]) & (pos[kj] - pos[ki] <= WINDOW)
        gone = removed_bands[:, band] if len(removed) else np.empty(0, dtype=np.uint64)
        touched = np.unique(np.concatenate([col[added], gone]))
        lo, hi = np.searchsorted(ranked, touched, "left"), np.searchsorted(ranked, touched, "right")
        for h, a, b in zip(touched.tolist(), lo.tolist(), hi.tolist()):
            if b - a < 2:
                continue
            members = order[a:b]  # ascending indices
            # removed keys of this bucket before each member (0..len: after the last)
            before = np.bincount(np.searchsorted(members, slots[gone == h]), minlength=len(members) + 1)
            spans = np.cumsum(before)
            new = is_added[members]
            for d in range(1, min(WINDOW, len(members) - 1) + 1):
                # pair (x, x + d) spans a removed key when one was before member x + 1 .. x + d
                take = new[:-d] | new[d:] | (spans[d:len(members)] - spans[:len(members) - d] > 0)
                x = np.flatnonzero(take)
                if len(x):
                    codes.append(members[x].astype(np.int64) * n + members[x + d])
    todo = np.unique(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)
    stats.comparisons = len(todo)
    found = {i * n + j: (i, j, s) for (i, j, s), ok in zip(kept, still.tolist()) if ok}
    for i, j, s in verify(index, todo):
        found[i * n + j] = (i, j, s)
    return [found[c] for c in sorted(found)]


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "tema"


def compute(indicators: list[Indicator], max_links: int = MAX_LINKS) -> Result:
    """Links and themes of the indicators (anything with id, name, order and
    document.agency). While it is computed, a distinct name costs its key (one string),
    the indicators' list, a hash per shingle and its band hashes: no set of strings per
    name is held."""
    return compute_parts([(indicators, part_of([i.name for i in indicators]))], max_links)[0]


def compute_parts(groups: list[tuple[list[Indicator], Part]], max_links: int = MAX_LINKS,
                  previous: tuple[list[bool], list[Part], list[tuple[str, str, float]]] | None = None
                  ) -> tuple[Result, list[tuple[str, str, float]]]:
    """compute() of groups of indicators with their Part (made from their names, in order),
    and the similar pairs as key strings (what the next build starts from). previous, when
    a previous index is known: (whether it had each of these parts, the parts it had that
    these lack, its similar pairs); then only the buckets that changed are compared again
    (pairs_since), with the same result."""
    with _collector_paused():
        return _compute_parts(groups, max_links, previous)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the index is made: it makes a list per key and
    tuples per pair, no cycles, and each collection would walk the whole model (the
    portal's millions of objects): at --nation 0.01 that was a third of the index's time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _compute_parts(groups: list[tuple[list[Indicator], Part]], max_links: int,
                   previous: tuple[list[bool], list[Part], list[tuple[str, str, float]]] | None
                   ) -> tuple[Result, list[tuple[str, str, float]]]:
    stats = Stats(indicators=sum(len(inds) for inds, _ in groups))
    parts = [part for _, part in groups]
    index = Index.gather(parts, previous[0] if previous is not None else None)
    keys = index.keys
    stats.nodes = len(keys)
    position = {k: i for i, k in enumerate(keys)}
    members: list[list[Indicator]] = [[] for _ in keys]
    for inds, part in groups:  # nodes in sorted order of their keys: the result does not depend on input order
        for ind, k in zip(inds, part.keys):
            if k:
                members[position[k]].append(ind)
    if previous is not None:
        gone = {k: p.bands[r] for p in previous[1] for r, k in enumerate(p.nodes) if k not in position}
        removed_bands = np.array(list(gone.values()), dtype=np.uint64).reshape(len(gone), BANDS)
        del position
        pairs = pairs_since(index, list(gone), removed_bands, previous[2], stats)
    else:
        codes = candidates_of(index.bands)
        stats.comparisons = len(codes)
        pairs = verify(index, codes)
    stats.pairs = len(pairs)
    found = [(keys[i], keys[j], s) for i, j, s in pairs]
    return _result(keys, members, pairs, stats, max_links), found


def _result(keys: list[str], members: list[list[Indicator]], pairs: list[tuple[int, int, float]], stats: Stats,
            max_links: int) -> Result:
    neighbours: dict[int, list[tuple[float, int]]] = defaultdict(list)
    parent = list(range(len(keys)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for i, j, score in pairs:
        neighbours[i].append((score, j))
        neighbours[j].append((score, i))
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    agency = lambda ind: ind.document.agency.id
    for m in members:
        if len(m) > 1:
            m.sort(key=lambda ind: (agency(ind), ind.order, ind.id))
    links: dict[str, list[Indicator]] = {}
    for n, m in enumerate(members):
        if len(m) < 2 and n not in neighbours:  # a name of one indicator, like no other: no link
            continue
        near = [(1.0, n)] + sorted(neighbours.get(n, []), key=lambda t: (-t[0], t[1]))
        for ind in m:
            own, out, used = agency(ind), [], set()
            for _, k in near:  # the same name first, then the most similar: one indicator per agency
                for other in members[k]:
                    a = agency(other)
                    if a != own and a not in used:
                        used.add(a)
                        out.append(other)
                        if len(out) >= max_links:
                            break
                if len(out) >= max_links:
                    break
            if out:
                links[ind.id] = out

    clusters: dict[int, list[int]] = defaultdict(list)
    for n in range(len(keys)):  # a name alone, in one indicator, is never a theme: not gathered
        if n in neighbours or len(members[n]) > 1:
            clusters[find(n)].append(n)
    themes, theme_of, used_ids = [], {}, set()
    for root in sorted(clusters):
        inds = [ind for n in clusters[root] for ind in members[n]]
        if len({agency(i) for i in inds}) < THEME_MIN_AGENCIES:
            continue
        counts = Counter(" ".join(i.name.split()) for i in inds)
        title = min(counts, key=lambda name: (-counts[name], name))
        base = _slug(title)
        tid = base + "-" + hashlib.sha1(keys[root].replace(SEP, " ").encode()).hexdigest()[:6]
        while tid in used_ids:
            tid += "x"
        used_ids.add(tid)
        inds.sort(key=lambda x: (_place(x), agency(x), x.order, x.id))
        themes.append(Theme(tid, title, inds))
        for x in inds:
            theme_of[x.id] = tid
    themes.sort(key=lambda t: (-len(t.agencies), t.id))
    return Result(links, themes, theme_of, stats)


def _place(ind: Indicator) -> tuple:
    a = ind.document.agency if ind.document is not None else None
    if a is None:
        return ("~", "~", "~")
    return (a.province.code if a.province else "~", a.kabupaten.code if a.kabupaten else "~", a.name or "~")


def analyse(portal: Portal, cache: Cache | None = None) -> Result:
    """Related links and themes of a portal, computed once (every renderer shares it).
    With a build cache, each agency's Part is kept under the digest of its names, and the
    similar pairs of the last index under its parts' keys: a rebuild after one agency
    changed makes that agency's Part and compares only the buckets its keys left or joined
    (compute_parts), with the same result."""
    memo = portal.__dict__
    if "_related_result" not in memo:
        if cache is None or not cache.enabled:
            memo["_related_result"] = compute([i for a in portal.agencies for i in a.current.indicators])
        else:
            memo["_related_result"] = _cached(portal, cache)
    return memo["_related_result"]


LAST = "related-last"  # file in the cache folder: the key of the last index's pairs (any one will do)


def _cached(portal: Portal, cache: Cache) -> Result:
    groups, entries = [], []
    for a in portal.agencies:
        inds = a.current.indicators
        names = [i.name for i in inds]
        key = cache.key("related-names", names)
        stored = cache.get("related-names", key)
        part = Part.load(stored) if stored is not None else part_of(names)
        if stored is None:
            cache.put("related-names", key, part.dump())
        groups.append((inds, part))
        entries.append(key)
    result, pairs = compute_parts(groups, previous=_previous(cache, entries))
    state = cache.key("related-pairs", entries)
    cache.put("related-pairs", state, (entries, pairs))
    cache.write_file(LAST, f"{code_fingerprint()} {state}".encode())
    return result


def _previous(cache: Cache, entries: list[str]) -> tuple[list[bool], list[Part], list] | None:
    """What compute_parts needs of the last index, when the cache still holds it."""
    try:
        code, last = (cache.folder / LAST).read_text().split()
    except (OSError, ValueError):
        return None
    if code != code_fingerprint():  # another version's parts may not be read as this one's
        return None
    stored = cache.get("related-pairs", last)
    if stored is None:
        return None
    old_entries, pairs = stored
    had, now = set(old_entries), set(entries)
    if had.isdisjoint(now):  # nothing in common: computed from nothing, which is cheaper
        return None
    removed = []
    for key in sorted(had - now):
        part = cache.get("related-names", key)
        if part is None:
            return None
        removed.append(Part.load(part))
    return [e in had for e in entries], removed, [tuple(p) for p in pairs]


class Links(dict[str, list[RelatedLink]]):
    """indicator id -> up to MAX_LINKS similar indicators of *other* agencies, and
    .theme_of: indicator id -> the id of its theme page (the "Compare" link)."""

    def __init__(self, links: dict[str, list[RelatedLink]], theme_of: dict[str, str]):
        super().__init__(links)
        self.theme_of = theme_of


def related(portal: Portal) -> Links:
    """The links of a portal, made once (both languages' renderers read the same)."""
    memo = portal.__dict__
    if "_related_links" not in memo:
        result = analyse(portal)
        memo["_related_links"] = Links({i: [RelatedLink.of(o) for o in others] for i, others in result.links.items()},
                                       result.theme_of)
    links: Links = memo["_related_links"]
    return links


def themes(portal: Portal) -> list[Theme]:
    return analyse(portal).themes

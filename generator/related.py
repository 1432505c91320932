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
its list of indicators and a 32-bit hash per shingle; signatures are made one band at a
time and candidate pairs are numbers in numpy arrays (~450 bytes per indicator at the peak,
where a set of strings per name and a Python set of the pairs compared cost ~1,700).
The hash functions come from a fixed seed (SEED) and every ordering is by sorted keys, so
two builds of the same data give the same links, byte for byte.

Nodes joined by similar pairs form clusters; a cluster whose indicators come from at least
THEME_MIN_AGENCIES agencies is a theme (a common indicator), with a page listing which
agencies measure it and their targets.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

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


def band_signatures(keys: list[str]) -> Iterator[np.ndarray]:
    """The MinHash signature (BANDS * ROWS values) of each key's shingles, one band at a
    time (an array of len(keys) rows and ROWS columns): column c is the least
    (a[c] * base + b[c]) mod 2^61-1 over the shingles' 32-bit hashes (_base)."""
    a, b = _params()
    lengths = np.fromiter((k.count(SEP) + 1 for k in keys), dtype=np.intp, count=len(keys))
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    hashes = np.fromiter((_base(w) for k in keys for w in k.split(SEP)), dtype=np.uint64, count=int(lengths.sum()))
    for band in range(BANDS):
        part = np.empty((len(keys), ROWS), dtype=np.uint64)
        for r in range(ROWS):
            c = band * ROWS + r  # a, hashes < 2^32: a * hash + b < 2^64, no overflow
            part[:, r] = np.minimum.reduceat((hashes * a[c] + b[c]) % _PRIME, starts)
        yield part


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


def candidates(keys: list[str]) -> np.ndarray:
    """The pairs of keys to compare, as i * n + j with i < j, ascending, each once: per
    band, the keys whose band values are equal (a bucket), each compared with the WINDOW
    keys after it in the bucket, in ascending order of index (a stable sort keeps it)."""
    n = len(keys)
    found = np.empty(0, dtype=np.int64)
    for part in band_signatures(keys):
        order = np.lexsort(part.T[::-1])
        ranked = part[order]
        bucket = np.cumsum(np.r_[True, (ranked[1:] != ranked[:-1]).any(axis=1)])
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


def similar_pairs(keys: list[str], stats: Stats | None = None) -> list[tuple[int, int, float]]:
    """(i, j, similarity) with i < j, in that order, for every pair of the given distinct
    keys (node_key) whose shingle sets are similar (Jaccard >= THRESHOLD), among the LSH
    candidates."""
    stats = stats or Stats()
    if not keys:
        return []
    n = len(keys)
    pairs = candidates(keys)
    stats.comparisons = len(pairs)
    out, index, last, a = [], list(range(n)), -1, set()
    for code in (c for start in range(0, len(pairs), CHUNK) for c in pairs[start:start + CHUNK].tolist()):
        i, j = divmod(code, n)
        if i != last:  # pairs come in order of i: each key's set is made once
            last, a = i, set(keys[i].split(SEP))
        b = keys[j].split(SEP)
        common = len(a.intersection(b))
        sim = common / (len(a) + len(b) - common)
        if sim >= THRESHOLD:
            out.append((index[i], index[j], sim))  # one number object per key, however many pairs
    stats.pairs = len(out)
    return out


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-") or "tema"


def compute(indicators: list[Indicator], max_links: int = MAX_LINKS) -> Result:
    """Links and themes of the indicators (anything with id, name, order and
    document.agency). While it is computed, a distinct name costs its key (one string),
    the indicators' list and a hash per shingle: no set of strings per name is held."""
    stats = Stats(indicators=len(indicators))
    node_of: dict[str, int] = {}
    grouped: list[list[Indicator]] = []
    for ind in indicators:
        if len(words(ind.name)) < 2:  # one word says too little to relate agencies by
            continue
        n = node_of.setdefault(node_key(shingles(ind.name)), len(grouped))
        if n == len(grouped):
            grouped.append([])
        grouped[n].append(ind)
    # nodes in sorted order of their shingles: the result does not depend on input order
    keys = sorted(node_of)
    members = [grouped[node_of[k]] for k in keys]
    del node_of, grouped
    stats.nodes = len(keys)
    pairs = similar_pairs(keys, stats)

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
        m.sort(key=lambda ind: (agency(ind), ind.order, ind.id))
    links: dict[str, list[Indicator]] = {}
    for n, m in enumerate(members):
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


def analyse(portal: Portal) -> Result:
    """Related links and themes of a portal, computed once (every renderer shares it)."""
    memo = portal.__dict__
    if "_related_result" not in memo:
        memo["_related_result"] = compute([i for a in portal.agencies for i in a.current.indicators])
    return memo["_related_result"]


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

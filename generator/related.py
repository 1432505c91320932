"""Related indicators across agencies: the same indicator written in several decrees.

Names are compared as sets of normalised words (case, punctuation, word order and common
function words ignored), so "Persentase kehadiran pegawai" and "Persentase Kehadiran
Pegawai." fall together. Grouping by that key is linear in the number of indicators, so
it scales to a national portal; only groups spanning two or more agencies are kept.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .model import Indicator, Portal

STOPWORDS = {"yang", "dan", "di", "ke", "dari", "dalam", "pada", "untuk", "atau", "dengan", "oleh", "serta",
             "tahun", "setiap", "per", "secara", "terhadap", "sesuai", "the", "of"}


def key(name: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", name.lower())
    return frozenset(w for w in words if w not in STOPWORDS and len(w) > 1)


def related(portal: Portal, min_words: int = 2) -> dict[str, list[Indicator]]:
    """indicator id -> the near-identical indicators of *other* agencies (document order).
    Computed once per portal (both languages' renderers share it)."""
    memo = portal.__dict__.setdefault("_related", {})
    if min_words not in memo:
        memo[min_words] = _related(portal, min_words)
    return memo[min_words]


def agency_of(ind: Indicator) -> tuple[str, str]:
    """(id, name) of the agency whose decree holds the indicator ('' when unknown)."""
    agency = ind.document.agency if ind.document is not None else None
    return (agency.id, agency.name or "") if agency is not None else ("", "")


def _related(portal: Portal, min_words: int) -> dict[str, list[Indicator]]:
    groups: dict[frozenset, list[Indicator]] = defaultdict(list)
    for ind in portal.indicators:
        k = key(ind.name)
        if len(k) >= min_words:
            groups[k].append(ind)
    out: dict[str, list[Indicator]] = {}
    for members in groups.values():
        agencies = {agency_of(m)[0] for m in members}
        if len(agencies) < 2:
            continue
        for m in members:
            out[m.id] = [o for o in members if agency_of(o)[0] != agency_of(m)[0]]
    return out

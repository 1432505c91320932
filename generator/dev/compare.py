"""Field-by-field comparison of one decree: the hand count (tests/importer/expected/<stem>.yaml)
against what a package holds, both read into the same plain shape first.

Shape of a decree (`Decree`): metadata dict + groups; a group is the agency-level IKU, one
position, or an orphan table; each holds indicators (dicts with name, goal, formula, unit,
data_source, responsible, targets, and agency where given)."""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

from .normalise import casefold_key, formula_key, target_key, text_key, words_key

INDICATOR_FIELDS = ("goal", "formula", "unit", "data_source", "responsible")
METADATA_FIELDS = ("agencies", "instrument", "number", "title", "signed_on", "signed_at", "signer_title",
                   "signer_name", "period_start", "period_end", "amends")
FIELD_KEY = {"name": text_key, "goal": text_key, "formula": formula_key, "unit": casefold_key,
             "data_source": words_key, "responsible": words_key, "agency": casefold_key}
# the rows of the report, in print order
REPORT_FIELDS = (("positions", "position titles"), ("name", "indicator names"), ("goal", "goals"),
                 ("formula", "formulas"), ("unit", "units"), ("data_source", "data sources"),
                 ("responsible", "responsible"), ("targets", "targets per year"),
                 ("baselines", "baselines"), ("targets_exact", "indicators, all targets right"),
                 ("agency", "indicator agency")) + tuple((f"metadata.{k}", f"metadata: {k}")
                                                        for k in METADATA_FIELDS)
MATCH_RATIO = 0.6


@dataclass
class Group:
    kind: str                       # "iku", "position" or "orphan"
    title: str | None
    indicators: list[dict] = field(default_factory=list)


@dataclass
class Decree:
    metadata: dict
    groups: list[Group]


@dataclass
class Tally:
    """expected = items in the hand count (null included); found = items the package holds with
    a value; right = equal after normalisation (null = null counts); valued / valued_right = the
    same restricted to the items the decree gives a value."""
    expected: int = 0
    found: int = 0
    right: int = 0
    valued: int = 0
    valued_right: int = 0

    def add(self, other: Tally) -> None:
        self.expected += other.expected
        self.found += other.found
        self.right += other.right
        self.valued += other.valued
        self.valued_right += other.valued_right

    @property
    def valued_pct(self) -> float:
        return round(100 * self.valued_right / self.valued, 1) if self.valued else 0.0

    @property
    def pct(self) -> float:
        return round(100 * self.right / self.expected, 1) if self.expected else 0.0


def expected_decree(data: dict) -> Decree:
    """The hand count's YAML -> Decree (orphans placed after their position)."""
    def ind(i: dict) -> dict:
        out = {k: i[k] for k in INDICATOR_FIELDS + ("agency",) if k in i}   # a key left out is not measured
        out["name"] = i.get("name")
        out["lines"] = i.get("lines")
        out["targets"] = [dict(t) for t in i.get("targets") or []]
        return out
    groups = []
    if data.get("iku"):
        groups.append(Group("iku", None, [ind(i) for i in data["iku"]]))
    positions = [Group("position", p.get("title"), [ind(i) for i in p.get("indicators") or []])
                 for p in data.get("positions") or []]
    orphans = sorted(data.get("orphans") or [], key=lambda o: int(o.get("after_position") or 0))
    placed: dict[int, list[Group]] = {}
    for o in orphans:
        placed.setdefault(int(o.get("after_position") or 0), []).append(
            Group("orphan", None, [ind(i) for i in o.get("indicators") or []]))
    groups += placed.get(0, [])
    for n, p in enumerate(positions, 1):
        groups.append(p)
        groups += placed.get(n, [])
    return Decree(dict(data.get("metadata") or {}), groups)


def similarity(a, b) -> float:
    a, b = text_key(a) or "", text_key(b) or ""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def align(left: list, right: list, score, threshold: float) -> list[tuple[int, int]]:
    """Order-preserving pairs (i, j) that maximise the summed score (pairs below the threshold
    are never made): matching by order first, similarity deciding where the order is ambiguous."""
    n, m = len(left), len(right)
    s = [[score(left[i], right[j]) for j in range(m)] for i in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + s[i][j] if s[i][j] >= threshold else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if s[i][j] >= threshold and best[i][j] == best[i + 1][j + 1] + s[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _group_score(a: Group, b: Group) -> float:
    if (a.kind == "iku") != (b.kind == "iku"):
        return 0.0
    names_a = Counter(text_key(i["name"]) for i in a.indicators)
    names_b = Counter(text_key(i["name"]) for i in b.indicators)
    total = max(sum(names_a.values()), sum(names_b.values()))
    overlap = sum((names_a & names_b).values()) / total if total else 0.0
    if a.kind == "orphan" or b.title is None:
        return overlap
    return 0.5 * similarity(a.title, b.title) + 0.5 * overlap + 0.01


def match_indicators(exp: Decree, got: Decree) -> tuple[list[tuple[dict, dict | None]], dict]:
    """Every expected indicator with its match (or None), and the group pairs."""
    group_pairs = dict(align(exp.groups, got.groups, _group_score, 0.3))
    pairs: dict[tuple[int, int], dict] = {}
    used: set[tuple[int, int]] = set()

    def name_score(a, b):
        return similarity(a["name"], b["name"])
    for gi, gj in group_pairs.items():
        for i, j in align(exp.groups[gi].indicators, got.groups[gj].indicators, name_score, MATCH_RATIO):
            pairs[(gi, i)] = got.groups[gj].indicators[j]
            used.add((gj, j))
    # what is left (an orphan table folded into a position, a position the importer lost):
    # the most similar unused indicator of the decree
    left_over = [(gj, j, ind) for gj, g in enumerate(got.groups) for j, ind in enumerate(g.indicators)
                 if (gj, j) not in used]
    for gi, g in enumerate(exp.groups):
        for i, ind in enumerate(g.indicators):
            if (gi, i) in pairs or not left_over:
                continue
            k, r = max(((k, similarity(ind["name"], c[2]["name"])) for k, c in enumerate(left_over)),
                       key=lambda kr: kr[1])
            if r >= MATCH_RATIO:
                pairs[(gi, i)] = left_over.pop(k)[2]
    out = [(ind, pairs.get((gi, i))) for gi, g in enumerate(exp.groups) for i, ind in enumerate(g.indicators)]
    return out, group_pairs


def _has(v) -> bool:
    return v is not None and str(v).strip() != "" and v != []


def differences(exp: Decree, got: Decree) -> list[tuple[str, str, object, object]]:
    """(field, expected indicator's lines, expected, found) for every indicator field that is wrong."""
    out: list[tuple[str, str, object, object]] = []
    pairs, _ = match_indicators(exp, got)
    for e, g in pairs:
        where = str(e.get("lines") or e.get("name"))
        if g is None:
            out.append(("name", where, e["name"], None))
            continue
        for f in ("name",) + INDICATOR_FIELDS + ("agency",):
            if f in e and FIELD_KEY[f](e.get(f)) != FIELD_KEY[f](g.get(f)):
                out.append((f, where, e.get(f), g.get(f)))
        year = _single_year(exp.metadata)
        want = sorted(map(str, (target_key(x.get("year") or year, x.get("kind"), x.get("text")) for x in e["targets"])))
        have = sorted(map(str, (target_key(x.get("year") or year, x.get("kind"), x.get("text"))
                                for x in g.get("targets") or [])))
        if want != have:
            out.append(("targets", where, want, have))
    for k in METADATA_FIELDS:
        if k in exp.metadata and metadata_key(k, exp.metadata[k]) != metadata_key(k, got.metadata.get(k)):
            out.append((f"metadata.{k}", "-", exp.metadata[k], got.metadata.get(k)))
    return out


def compare(exp: Decree, got: Decree) -> dict[str, Tally]:
    """Per field: expected / found / right (see Tally)."""
    t = {key: Tally() for key, _ in REPORT_FIELDS}
    pairs, group_pairs = match_indicators(exp, got)

    positions = [(gi, g) for gi, g in enumerate(exp.groups) if g.kind == "position"]
    t["positions"].expected = len(positions)
    t["positions"].found = sum(1 for g in got.groups if g.kind == "position")
    t["positions"].right = t["positions"].valued_right = sum(
        1 for gi, g in positions if gi in group_pairs and text_key(g.title) == text_key(got.groups[group_pairs[gi]].title))
    t["positions"].valued = len(positions)

    got_all = [i for g in got.groups for i in g.indicators]
    t["name"].expected = len(pairs)
    t["name"].found = len(got_all)
    t["name"].right = t["name"].valued_right = sum(1 for e, g in pairs if g is not None
                                                  and text_key(e["name"]) == text_key(g["name"]))
    t["name"].valued = len(pairs)
    for f in INDICATOR_FIELDS + ("agency",):
        key = FIELD_KEY[f]
        rows = [(e, g) for e, g in pairs if f in e]
        t[f].expected = len(rows)
        t[f].found = sum(1 for i in got_all if _has(i.get(f))) if rows else 0
        right = [g is not None and key(e.get(f)) == key(g.get(f)) for e, g in rows]
        t[f].right = sum(right)
        t[f].valued = sum(1 for e, _ in rows if key(e.get(f)) is not None)
        t[f].valued_right = sum(1 for (e, _), ok in zip(rows, right) if ok and key(e.get(f)) is not None)

    decree_year = _single_year(exp.metadata)

    def keys(targets, kind=None) -> Counter:
        return Counter(target_key(x.get("year") or decree_year, x.get("kind"), x.get("text")) for x in targets
                       if kind is None or (x.get("kind") or "target") == kind)
    for kind, name in (("target", "targets"), ("baseline", "baselines")):
        t[name].found = sum(1 for i in got_all for x in i.get("targets") or [] if (x.get("kind") or "target") == kind)
        for e, g in pairs:
            want, have = keys(e["targets"], kind), keys((g or {}).get("targets") or [])
            t[name].expected += sum(want.values())
            t[name].right += sum((want & have).values())
        t[name].valued, t[name].valued_right = t[name].expected, t[name].right
    t["targets_exact"].expected = len(pairs)
    t["targets_exact"].found = sum(1 for i in got_all if i.get("targets"))
    exact = [g is not None and keys(e["targets"]) == keys(g.get("targets") or []) for e, g in pairs]
    t["targets_exact"].right = sum(exact)
    t["targets_exact"].valued = sum(1 for e, _ in pairs if e["targets"])
    t["targets_exact"].valued_right = sum(1 for (e, _), ok in zip(pairs, exact) if ok and e["targets"])

    for k in METADATA_FIELDS:
        tally = t[f"metadata.{k}"]
        if k not in exp.metadata:
            continue
        tally.expected = 1
        want_v, have_v = exp.metadata.get(k), got.metadata.get(k)
        tally.found = int(_has(have_v))
        tally.right = int(metadata_key(k, want_v) == metadata_key(k, have_v))
        tally.valued = int(metadata_key(k, want_v) is not None)
        tally.valued_right = tally.right * tally.valued
    return t


def _single_year(metadata: dict) -> int | None:
    """The decree's one year (period_start = period_end): a target written without a year is for it,
    so either side may leave the year out."""
    start, end = metadata_key("period_start", metadata.get("period_start")), metadata_key(
        "period_end", metadata.get("period_end"))
    return start if isinstance(start, int) and start == end else None


def metadata_key(name: str, value):
    if name == "agencies":
        items = value if isinstance(value, (list, tuple, set)) else ([value] if _has(value) else [])
        keys = frozenset(filter(None, (casefold_key(v) for v in items)))
        return keys or None
    if name in ("period_start", "period_end"):
        s = str(value).strip() if value is not None else ""
        try:
            return int(float(s)) if s else None
        except ValueError:
            return casefold_key(s)
    if name == "signed_on":
        return str(value).strip()[:10] if _has(value) else None
    key = casefold_key(value)
    return key.rstrip(",;:. ") or None if key else None

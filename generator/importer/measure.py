"""How good is the raw importer? Its output without corrections, per decree, against the
reviewed package (datapackages/<id>/) and the independent hand count
(tests/importer/expected/<stem>.yaml) where one exists."""
from __future__ import annotations

import csv
import re
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from . import corrections as corr

ROOT = Path(__file__).resolve().parents[2]


def norm_name(s: str) -> str:
    """The hand counts' rule: whitespace collapsed; case, spelling and punctuation kept."""
    return re.sub(r"\s+", " ", s or "").strip()


def overlap(a: list[str], b: list[str]) -> int:
    """Matches between two lists of names, counting repeats (a multiset intersection)."""
    return sum((Counter(a) & Counter(b)).values())


def hand_count(path: Path) -> dict | None:
    if not path.is_file():
        return None
    h = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names = [norm_name(i["name"]) for i in h.get("iku") or []]
    for p in h.get("positions") or []:
        names += [norm_name(i["name"]) for i in p.get("indicators") or []]
    for o in h.get("orphans") or []:
        names += [norm_name(i["name"]) for i in o.get("indicators") or []]
    return {"positions": [norm_name(p.get("title") or "") for p in h.get("positions") or []], "indicators": names}


def _csv_column(path: Path, column: str) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [norm_name(r[column]) for r in csv.DictReader(fh)]


def pct(n: int, d: int) -> float:
    return round(100 * n / d, 1) if d else 0.0


def measure(decrees_dir: Path, packages_dir: Path, expected_dir: Path | None = None) -> list[dict]:
    from . import import_decree
    expected_dir = expected_dir or ROOT / "tests" / "importer" / "expected"
    rows = []
    for text in sorted(decrees_dir.glob("*.txt")):
        c = corr.load(decrees_dir / f"{text.stem}.corrections.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            raw = import_decree(text, Path(tmp) / "raw", None, packages_ref=packages_dir)
        got_ind = [norm_name(r["name"]) for r in raw.tables["indicators"]]
        got_pos = [norm_name(r["title"]) for r in raw.tables["positions"]]
        row = {"decree": text.name, "positions_found": len(got_pos), "indicators_found": len(got_ind)}
        reviewed = packages_dir / (c.get("document_id") or raw.document_id)
        if (reviewed / "indicators.csv").is_file():
            exp_ind = _csv_column(reviewed / "indicators.csv", "name")
            exp_pos = _csv_column(reviewed / "positions.csv", "title")
            exact = overlap(got_ind, exp_ind)
            row.update(positions_expected=len(exp_pos), positions_exact=overlap(got_pos, exp_pos),
                       indicators_expected=len(exp_ind), indicators_exact=exact,
                       exact_pct=pct(exact, len(exp_ind)))
        hand = hand_count(expected_dir / f"{text.stem}.yaml")
        if hand is not None:
            exact = overlap(got_ind, hand["indicators"])
            row.update(hand_positions=len(hand["positions"]), hand_positions_exact=overlap(got_pos, hand["positions"]),
                       hand_indicators=len(hand["indicators"]), hand_exact=exact,
                       hand_pct=pct(exact, len(hand["indicators"])))
        rows.append(row)
    print(report(rows))
    return rows


def report(rows: list[dict]) -> str:
    head = f"{'decree':<26} {'positions':>15} {'indicators vs reviewed':>28} {'indicators vs hand count':>28}"
    out = [head, "-" * len(head)]
    for r in rows:
        pos = f"{r['positions_found']}/{r.get('hand_positions', r.get('positions_expected', '?'))}"
        rev = (f"{r['indicators_found']}/{r['indicators_expected']} {r['indicators_exact']} "
               f"({r['exact_pct']}%)") if "indicators_expected" in r else "-"
        hand = (f"{r['indicators_found']}/{r['hand_indicators']} {r['hand_exact']} ({r['hand_pct']}%)"
                if "hand_indicators" in r else "-")
        out.append(f"{r['decree']:<26} {pos:>15} {rev:>28} {hand:>28}")
    out.append("columns: found/expected, then exact-name matches (exact_pct); "
               "positions expected from the hand count where one exists")
    return "\n".join(out)

"""The blind test set (tests/importer/unseen/): decrees in layouts the seeds and the new-layout
fixtures do not show, hand-counted from their text without reading the importer. The fixtures
are checked for sanity, the raw importer never publishes the NIPs they hold, and the issue-11
thresholds are asserted on the raw importer's packages aggregated over the set (fields still
below are expected failures tracked by helper `parse`; `make measure-unseen` prints the figures
per decree and per field)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.dev.compare import INDICATOR_FIELDS, METADATA_FIELDS, compare
from generator.dev.measure import (
    ROOT,
    UNSEEN_DIR,
    load_expected,
    package_folders,
    raw_import,
    read_packages,
    totals,
)
from generator.privacy import find_nip

FIXTURES = sorted(UNSEEN_DIR.glob("*.yaml"))
# issue 11, "Done when": raw importer on decrees of new layouts
THRESHOLDS = {"positions": 98.0, "name": 98.0, "goal": 95.0, "unit": 95.0, "data_source": 95.0,
              "targets": 95.0, "baselines": 95.0, "formula": 90.0, "agency": 95.0, "metadata": 90.0}
# fields measured below their threshold when the set was written (before any parser fix)
# u01-u18 met every threshold after helper parse's fixes (issue 11); the second blind set
# (u19-u30: HTML, markdown pipe and OCR-bar tables, fixed-width columns, key-value cards, years as
# rows, positions named by captions or table rows, an IKU list in a dictum) brought these below
# again; each fixture's .yaml header names its traits. Helper parse's front stage (syntax.py) and
# rules brought every field back over its threshold. The third blind set (u31-u42: targets before
# Satuan with merged "setiap tahun" cells, captions holding the sasaran and penanggung jawab,
# lettered IKI rows, one table per year, units inside names, escaped markdown, nested numbering,
# rotated one-cell-per-line tables, English headers, Semula/Menjadi amendments, footnote
# formulas, Tabula CSV, a wide table split into column parts, grid tables) brought these below
# again (raw figures in the corpus helper's NOTE-corpus3.md); helper corpus fixes them by format
# (V75-V82 brought every field back over its threshold). The fourth blind set (u43-u54: OCR digit
# confusions and hyphenated wraps, Word "save as HTML" tables, pipe tables repeating or blanking
# merged cells, running page headers and e-signature footers inside tables, responsible units as
# group rows and units in headers, pandoc multiline tables, semicolon CSV, Roman-numbered year
# columns, vertically centred merged cells, signature blocks as table rows, kecamatan captions and
# code columns) brought these below again (raw figures in the corpus helper's NOTE-corpus4.md).
# V88-V95 (helper corpus) brought every field back over its threshold. The fifth blind set (u55-u66:
# LibreOffice HTML export, letter-spaced headings with numeric dates and weight/total rows, Excel
# CSV with byte order marks, bold sasaran rows with qualitative and negative targets, target/budget
# column pairs, Satuan-first/Sasaran-last columns, footnote markers beside superscript units,
# no-break spaces and ligature glyphs, kelurahan grouped under kecamatan headings, LaTeX variants and
# fractions over three rows, a transposed IKU matrix, full-width rows repeated in every column)
# brought these below again (raw figures in the corpus helper's NOTE-corpus5.md).
TRACKED_BY_PARSE: set[str] = {"positions", "name", "baselines", "agency"}


def _data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _indicators(data: dict) -> list[dict]:
    return list(data.get("iku") or []) + [i for p in data.get("positions") or [] for i in p.get("indicators") or []]


def _line_span(lines: str) -> range:
    first, _, last = str(lines).partition("-")
    return range(int(first), int(last or first) + 1)


def test_the_set_covers_the_layout_families():
    assert len(FIXTURES) >= 12
    kinds = {"iku_only": 0, "iki_only": 0, "both": 0, "multi_agency": 0}
    for path in FIXTURES:
        data = _data(path)
        iku, positions = bool(data.get("iku")), bool(data.get("positions"))
        kinds["both" if iku and positions else "iku_only" if iku else "iki_only"] += 1
        kinds["multi_agency"] += len(data["metadata"]["agencies"] or []) > 1
    assert all(n >= 2 for n in kinds.values()), kinds


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_is_sane(path):
    data = _data(path)
    text_path = path.with_suffix(".txt")
    assert data["source_file"] == text_path.name and text_path.is_file()
    text = text_path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert 80 <= len(lines) <= 300
    assert "\t" in text    # the converter's TABs: in tables, or at least in the decree body
    # the seeds never hold a markdown pipe table; a fixture that does (another converter) says so
    if any(line.startswith("|") and line.rstrip().endswith("|") for line in lines):
        assert "pipe table" in text_path.with_suffix(".yaml").read_text(encoding="utf-8").partition("source_file")[0].lower()
    assert set(data["metadata"]) == set(METADATA_FIELDS)
    agencies = data["metadata"]["agencies"]
    assert agencies and all(isinstance(a, str) and a.strip() for a in agencies)
    for position in data.get("positions") or []:
        assert isinstance(position["title"], str) and position["title"].strip()
        assert position["indicators"], position["title"]
    indicators = _indicators(data)
    assert indicators
    for ind in indicators:
        assert set(INDICATOR_FIELDS) | {"name", "lines", "targets"} <= set(ind), ind
        for key in ("name", "goal") + INDICATOR_FIELDS:
            assert ind.get(key) is None or isinstance(ind[key], str), (key, ind)
        # the row the count points at holds the start of the indicator's name
        rows = " ".join(lines[n - 1] for n in _line_span(ind["lines"]))
        assert ind["name"].split()[0].strip("<>i/") in rows, ind
        if len(agencies) > 1:
            assert ind.get("agency") in agencies, ind
        for t in ind["targets"]:
            assert t["kind"] in ("target", "baseline"), t
            assert t["year"] is None or isinstance(t["year"], int), t
            assert isinstance(t["text"], str) and t["text"].strip() and t["text"] != "-", t  # quoted in YAML
    assert find_nip(path.read_text(encoding="utf-8")) is None, "an NIP must never reach a hand count"


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    """The raw importer's package for every fixture, read into the measure's shape, and the
    text of every file it wrote."""
    work = tmp_path_factory.mktemp("unseen")
    out = {}
    for path in FIXTURES:
        text = path.with_suffix(".txt")
        folder = raw_import(text, ROOT / "datapackages", work)
        written = "\n".join(f.read_text(encoding="utf-8", errors="replace")
                            for f in sorted(folder.rglob("*")) if f.is_file())
        out[path.stem] = (read_packages(package_folders(folder, text.name)), written)
    return out


def test_nips_in_the_texts_are_never_published(raw):
    with_nip = [p for p in FIXTURES if find_nip(p.with_suffix(".txt").read_text(encoding="utf-8"))]
    assert len(with_nip) >= 2
    for path in with_nip:
        assert find_nip(raw[path.stem][1]) is None, path.stem


@pytest.fixture(scope="module")
def total(raw):
    return totals({p.stem: compare(load_expected(p), raw[p.stem][0]) for p in FIXTURES})


@pytest.mark.parametrize("field", [
    pytest.param(f, marks=pytest.mark.xfail(strict=False, reason="tracked by helper parse"))
    if f in TRACKED_BY_PARSE else f for f in THRESHOLDS])
def test_raw_importer_meets_the_issue_11_threshold(total, field):
    if field == "metadata":
        right = sum(total[f"metadata.{k}"].right for k in METADATA_FIELDS)
        expected = sum(total[f"metadata.{k}"].expected for k in METADATA_FIELDS)
        pct = 100 * right / expected
    else:
        pct = total[field].pct
        if total[field].valued:      # an empty cell left empty is not enough: values must be right too
            pct = min(pct, total[field].valued_pct)
    assert pct >= THRESHOLDS[field], (field, round(pct, 1))

"""The published packages are exactly importer output + reviewed corrections, and carry no
residue of the conversion in any text field."""
import csv
import filecmp
import re
import shutil
from pathlib import Path

import pytest

from generator.importer import rebuild_all
from generator.importer.warnings import FLAG_FOR_CODE

ROOT = Path(__file__).resolve().parents[2]


def stale(rebuilt: Path, committed: Path) -> list[str]:
    """Files of a committed package that differ from its rebuild (or exist on one side only)."""
    names = sorted(p.name for p in rebuilt.iterdir())
    out = sorted(set(names) ^ {p.name for p in committed.iterdir()})
    out += [n for n in names if (committed / n).is_file() and not filecmp.cmp(rebuilt / n, committed / n, shallow=False)]
    return out


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    packages = tmp_path_factory.mktemp("rebuild") / "datapackages"
    shutil.copytree(ROOT / "datapackages" / "schemas", packages / "schemas")
    shutil.copytree(ROOT / "datapackages" / "reference", packages / "reference")
    return rebuild_all(ROOT / "decrees", packages)


def test_committed_packages_equal_a_rebuild(rebuilt):
    """Every package, none exempt: a stale one fails (run `make packages` and review the diff)."""
    assert len(rebuilt) == 5
    for res in rebuilt:
        assert stale(res.package_dir, ROOT / "datapackages" / res.document_id) == [], res.document_id


def test_a_stale_package_is_seen(rebuilt, tmp_path):
    res = rebuilt[0]
    copy = tmp_path / res.document_id
    shutil.copytree(ROOT / "datapackages" / res.document_id, copy)
    path = copy / "goals.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";", 1), encoding="utf-8")
    (copy / "targets.csv").unlink()
    assert stale(res.package_dir, copy) == ["targets.csv", "goals.csv"]


def test_every_warning_is_a_flag_or_a_correction():
    """Warnings of the raw importer either became flags in the data or were corrected."""
    import csv
    import json
    for folder in sorted((ROOT / "datapackages").glob("*/import-warnings.json")):
        warnings = json.loads(folder.read_text())
        flags = set()
        for res in ("documents", "positions", "indicators", "targets"):
            with open(folder.parent / f"{res}.csv", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    flags.update(filter(None, row["flags"].split(";")))
        for w in warnings:
            needed = FLAG_FOR_CODE.get(w["code"])
            if needed:
                assert needed in flags, (folder.parent.name, w)


# ---------------------------------------------------------------- no residue in published fields
# What the conversion and a careless importer leave in a cell, by format (never by seed): a
# column-number row '(2)', a table rule '|', HTML or (outside formula fields) LaTeX left over,
# OCR junk, the space an inline tag leaves inside brackets, a lower-case split tail published as
# a goal or an indicator, a wrapped tail repeated, a list letter that lost its dot.
FORMULA_FIELDS = {"formula", "numerator", "denominator", "multiplier"}
NOT_TEXT = {"id", "source_lines", "flags", "field_flags", "source_sha256", "source_file", "order", "kind",
            "level", "year", "value", "value_max", "comparator", "signed_on", "period_start", "period_end",
            "region_code", "code", "parent_code"}
RESIDUE = {
    "column number": re.compile(r"^\(\d{1,2}\)(\s|$)|^(\(\d{1,2}\)\s*)+$"),
    "table rule '|'": re.compile(r"\|"),
    "HTML": re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?/?>|&(nbsp|amp|lt|gt|quot|#\d+);"),
    "OCR junk": re.compile(r"\ufffd|[\x00-\x08\x0b-\x1f]|[A-Za-z]\?(\s|$)|[¦§¤]"),
    "list letter without its dot": re.compile(r"^[a-z]\s+[A-Za-z]{3,}"),
}
LATEX = re.compile(r"\\[a-zA-Z]+|\$")
BRACKET_SPACE = re.compile(r"\(\s+[^()]*\)|\([^()]*\s+\)")
REPEATED_TAIL = re.compile(r"\b(\w{3,}(?:\s+\w{3,}){0,2})\s+\1$", re.I)


def _as_written(snippet: str, source: str) -> bool:
    """The decree itself writes the snippet so (then it is not residue)."""
    return " ".join(snippet.split()) in source


def residue(field: str, value: str, source: str, resource: str) -> list[str]:
    """What is wrong with one published text value ([] when clean); source: the decree text
    with whitespace collapsed."""
    found = [what for what, rx in RESIDUE.items() if rx.search(value)]
    if field not in FORMULA_FIELDS and LATEX.search(value):
        found.append("LaTeX outside a formula field")
    for m in BRACKET_SPACE.finditer(value):
        if not _as_written(m.group(0), source):
            found.append(f"space inside brackets not in the decree: {m.group(0)!r}")
    m = REPEATED_TAIL.search(value)
    if m and not _as_written(m.group(0), source):
        found.append(f"repeated tail {m.group(0)!r}")
    if (resource, field) in {("goals", "text"), ("indicators", "name")} and value[:1].islower() \
            and len(value.split()) < 4:
        found.append("lower-case split tail as a goal or indicator")
    return found


def published_residue(packages: Path, decrees: Path) -> list[str]:
    problems = []
    for desc in sorted(packages.glob("*/datapackage.json")):
        folder = desc.parent
        if folder.name in ("reference", "schemas"):
            continue
        with open(folder / "documents.csv", encoding="utf-8", newline="") as fh:
            source_file = next(csv.DictReader(fh))["source_file"]
        source = " ".join((decrees / source_file).read_text(encoding="utf-8").split())
        for path in sorted(folder.glob("*.csv")):
            if path.stem == "regions":
                continue
            with open(path, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    for field, value in row.items():
                        if not value or field in NOT_TEXT or field.endswith("_id"):
                            continue
                        for what in residue(field, value, source, path.stem):
                            problems.append(f"{folder.name}/{path.name} {row.get('id', '')} {field}: {what}: "
                                            f"{value[:100]!r}")
    return problems


def test_no_residue_in_any_published_field():
    problems = published_residue(ROOT / "datapackages", ROOT / "decrees")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("field,value,resource", [
    ("name", "(2) Persentase kepemilikan dokumen", "indicators"),
    ("text", "(2)", "goals"),
    ("data_source", "Laporan | SIAK", "indicators"),
    ("name", "Persentase <i>trained</i> pegawai", "indicators"),
    ("data_source", "Laporan &nbsp; SIAK", "indicators"),
    ("name", "Persentase pegawai Trained?", "indicators"),
    ("name", r"Persentase $\frac{a}{b}$", "indicators"),
    ("name", "Jumlah pegawai dengan IDP ( individual development plan )", "indicators"),
    ("text", "akurat", "goals"),
    ("text", "waktu dan optimal", "goals"),
    ("name", "Persentase kepemilikan dokumen penduduk penduduk", "indicators"),
    ("text", "a merencanakan, mengatur dan membina", "duties"),
])
def test_residue_is_seen(field, value, resource):
    assert residue(field, value, "Jumlah pegawai dengan IDP (individual development plan)", resource)


@pytest.mark.parametrize("field,value,resource", [
    ("name", "Persentase kepemilikan dokumen pendaftaran penduduk", "indicators"),
    ("formula", r"$\frac{A}{B} \times 100\%$", "indicators"),
    ("text", "Pasal 5 ayat (2) huruf a", "duties"),
    ("data_source", "Laporan realisasi anggaran belanja ( LRA )", "indicators"),  # as the decree writes it
    ("name", "laporan keuangan yang benar", "indicators"),  # a name as written, not a tail
    ("name", "Persentase penyediaan barang barang cetakan", "indicators"),
])
def test_clean_values_pass(field, value, resource):
    assert residue(field, value, "Laporan realisasi anggaran belanja ( LRA )", resource) == []

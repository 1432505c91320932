import csv
import io
import zipfile

import pytest

from generator.build import Options, build
from generator.export import xlsx_bytes
from generator.zipfiles import stable_zip
from generator.load import RESOURCES, load_shared_schemas

from kt_testing import BASIC, BASIC_DOC, FIXTURE_DECREES, ROOT


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    out = tmp_path_factory.mktemp("exp") / "docs"
    build(Options(packages=BASIC, decrees=FIXTURE_DECREES, out=out, mkdocs=False))
    return out / "id" / "unduh"


def test_csv_downloads_equal_canonical_files(docs):
    for r in RESOURCES:
        assert (docs / BASIC_DOC / f"{r}.csv").read_bytes() == (BASIC / BASIC_DOC / f"{r}.csv").read_bytes()


def test_zip_is_a_complete_package(docs, tmp_path):
    with zipfile.ZipFile(docs / BASIC_DOC / f"{BASIC_DOC}.zip") as zf:
        names = set(zf.namelist())
        assert names == {"datapackage.json"} | {f"{r}.csv" for r in RESOURCES}  # at the root
        zf.extractall(tmp_path)
    from frictionless import Package
    assert Package(str(tmp_path / "datapackage.json")).validate().valid


def test_xlsx_sheets_and_text_safety():
    from openpyxl import load_workbook
    schemas = load_shared_schemas(ROOT / "datapackages")
    tables = {"indicators": [{"id": "x", "name": "=1+1", "data_source": "@SUM(A1)", "order": "3",
                              "formula": "-2+3"}],
              "targets": [{"id": "x--target-2024", "indicator_id": "x", "year": "2024", "value": "12.5", "text": "12,5"}]}
    wb = load_workbook(io.BytesIO(xlsx_bytes(tables, schemas, "t")))
    assert wb.sheetnames == ["keterangan", *RESOURCES]
    ws = wb["indicators"]
    header = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(header, ws[2])}
    assert row["name"].value == "=1+1" and row["name"].data_type == "s"
    assert row["data_source"].data_type == "s" and row["formula"].data_type == "s"
    assert row["order"].value == 3  # numbers stay numbers
    target = {h.value: c for h, c in zip(wb["targets"][1], wb["targets"][2])}
    assert target["value"].value == 12.5 and target["year"].value == 2024 and target["text"].data_type == "s"
    assert any(c.value == "name" for c in wb["keterangan"]["B"])


def test_xlsx_and_zip_are_reproducible():
    schemas = load_shared_schemas(ROOT / "datapackages")
    assert xlsx_bytes({}, schemas, "t") == xlsx_bytes({}, schemas, "t")
    assert stable_zip([("b", b"2"), ("a", b"1")]) == stable_zip([("a", b"1"), ("b", b"2")])


def test_sha256sums_cover_every_file(docs):
    import hashlib
    lines = (docs / "SHA256SUMS").read_text().splitlines()
    files = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} - {"SHA256SUMS", "index.md"}
    assert sorted(line.split("  ")[1] for line in lines) == sorted(files)  # every download, once
    assert {f.split("/")[0] for f in files} == {"semua", BASIC_DOC}
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((docs / name).read_bytes()).hexdigest() == digest


def test_merged_csv_has_no_duplicate_regions(docs):
    rows = list(csv.DictReader(io.StringIO((docs / "semua" / "regions.csv").read_text())))
    assert len(rows) == len({r["code"] for r in rows})

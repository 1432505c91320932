"""The "reading the data" page's Python recipes (pandas, DuckDB, frictionless to_pandas), run
as written on the page, keep region codes as text ("11.10", "32"); the typed downloads
(SQLite, Parquet, flat CSV) of a real build read back the same way."""
import json
import re
import shutil
import sqlite3

import pytest
from kt_testing import ROOT

from generator.export import csv_bytes
from generator.load import load_shared_schemas
from generator.typed import datasette_metadata, parquet_bytes, sqlite_bytes

PAGES = [ROOT / "content" / "en" / "reading-data" / "index.md", ROOT / "content" / "id" / "membaca-data" / "index.md"]
CODES = ["11", "11.10", "32"]


def recipes(page):
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """regions with codes pandas would turn into 11.1 and 32.0, as CSV, Parquet and a package."""
    schemas = load_shared_schemas(ROOT / "datapackages")
    rows = [{"code": "11", "name": "ACEH", "level": "provinsi", "parent_code": ""},
            {"code": "11.10", "name": "KABUPATEN ACEH SINGKIL", "level": "kabupaten", "parent_code": "11"},
            {"code": "32", "name": "JAWA BARAT", "level": "provinsi", "parent_code": ""}]
    header = [f["name"] for f in schemas["regions"]["fields"]]
    (tmp_path / "regions.csv").write_bytes(csv_bytes(header, rows))
    (tmp_path / "regions.parquet").write_bytes(parquet_bytes(rows, schemas["regions"]))
    desc = {"name": "t", "resources": [{"name": "regions", "path": "regions.csv", "schema": schemas["regions"]}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(desc))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.parent.name)
def test_page_recipes_keep_codes_as_text(folder, page):
    blocks = recipes(page)
    assert len(blocks) == 3  # pandas, DuckDB, frictionless
    for code in blocks:
        scope: dict = {}
        exec(compile(code, str(page), "exec"), scope)  # noqa: S102 - the page's own recipe, on purpose
        for var in ("regions", "regions_csv"):
            if var in scope:
                codes = list(scope[var]["code"])
                assert codes == CODES, (var, codes, code)
                assert all(isinstance(c, str) for c in codes)


def test_page_has_every_reader():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for reader in ("pandas", "DuckDB", "R", "Excel", "datasette"):
            assert f"## {reader}" in text, (page, reader)


@pytest.fixture(scope="module")
def site(basic_site):
    return basic_site  # built once per worker (tests/conftest.py)


def test_typed_downloads_of_a_build(site, tmp_path, monkeypatch):
    import duckdb
    import pandas as pd

    semua = site / "unduh" / "semua"
    con = sqlite3.connect(semua / "kinerja-terbuka.sqlite")
    assert con.execute("SELECT typeof(code) FROM regions").fetchall() == [("text",), ("text",)]
    assert con.execute("SELECT code FROM regions ORDER BY code").fetchall() == [("35",), ("35.23",)]
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] > 0
    assert pd.read_sql("SELECT code FROM regions", con)["code"].tolist() == ["35", "35.23"]
    meta = json.loads((semua / "datasette-metadata.json").read_text())
    tables = meta["databases"]["kinerja-terbuka"]["tables"]
    assert tables["regions"]["license"] == "ODbL-1.0" and tables["indicators"]["license"] == "CC-BY-4.0"
    assert tables["indicators"]["columns"]["name"]
    shutil.copy(semua / "parquet" / "regions.parquet", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert duckdb.sql("SELECT code FROM 'regions.parquet' ORDER BY code").df()["code"].tolist() == ["35", "35.23"]
    flat = pd.read_csv(semua / "indikator-flat.csv", dtype=str, keep_default_na=False)
    assert set(flat["region_code"]) == {"35.23"} and set(flat["province_code"]) == {"35"}
    assert flat["position"].str.len().min() > 0 and flat["agency"].iloc[0] == "Kecamatan Contoh"
    excel = (semua / "indikator-flat-excel.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf") and b"\r\n" in excel
    doc = next(p for p in (site / "unduh").iterdir() if p.name != "semua" and p.is_dir())
    assert not list(doc.glob("indikator-flat*.csv"))  # a decree's flat table is its CSVs and workbook


def test_typed_writers_are_reproducible():
    schemas = load_shared_schemas(ROOT / "datapackages")
    rows = {"regions": [{"code": "11.10", "name": "X", "level": "kabupaten", "parent_code": "11"}]}
    assert sqlite_bytes(rows, schemas) == sqlite_bytes(rows, schemas)
    assert parquet_bytes(rows["regions"], schemas["regions"]) == parquet_bytes(rows["regions"], schemas["regions"])
    assert datasette_metadata(schemas, "d", "t")["license"] == "CC-BY-4.0"

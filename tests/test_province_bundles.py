"""A national-size portal: each province's bundle (zip and workbook) in
unduh/provinsi/<code>/, the whole portal only in the formats that hold millions of rows, the
zipped package and Parquet (issue 14: size per indicator)."""
import csv
import hashlib
import io
import shutil
import zipfile

import frictionless
import openpyxl
import pytest
from kt_testing import ROOT

from generator import export
from generator.build import Options, build
from generator.datapackage import RESOURCES
from generator.load import load_all
from generator.model import build_model


def load_portal(folder):
    return build_model(load_all(folder)[0])


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    out = tmp_path_factory.mktemp("national") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(export, "NATIONAL_INDICATORS", 0)  # the seeds are a few thousand indicators
        build(Options(packages=ROOT / "datapackages", decrees=ROOT / "decrees", out=out,
                      releases=out.parent / "none"))
    return out


def test_whole_portal_keeps_only_the_national_formats(national):
    whole = sorted(p.relative_to(national / "unduh/semua").as_posix()
                   for p in (national / "unduh/semua").rglob("*") if p.is_file())
    assert "kinerja-terbuka.zip" in whole and any(p.startswith("parquet/") for p in whole)
    kinds = {p.rsplit(".", 1)[-1] for p in whole}
    assert kinds == {"zip", "parquet"}, whole  # no SQLite (8x Parquet's bytes), XLSX or CSV
    assert "kinerja-terbuka.json" not in whole and "datapackage.json" not in whole


def test_each_province_has_its_bundle(national):
    portal = load_portal(ROOT / "datapackages")
    expected = {}
    for doc in portal.documents:
        code = portal.region_code(doc.agency.province)
        expected[code] = expected.get(code, 0) + len(doc.tables["indicators"])
    assert len(expected) > 1
    for code, n in expected.items():
        folder = national / "unduh/provinsi" / code
        zipped = str(folder / f"kinerja-terbuka-{code}.zip")
        assert frictionless.Package(zipped).get_resource("indicators").read_rows()
        report = frictionless.validate(zipped)
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
        with zipfile.ZipFile(folder / f"kinerja-terbuka-{code}.zip") as z:
            rows = list(csv.DictReader(io.TextIOWrapper(z.open("indicators.csv"), "utf-8")))
        assert len(rows) == n
        book = openpyxl.load_workbook(folder / f"kinerja-terbuka-{code}.xlsx", read_only=True)
        assert sum(sum(1 for _ in ws.iter_rows(min_row=2)) for ws in book.worksheets
                   if ws.title.startswith("indicators")) == n
        assert sorted(p.name for p in folder.iterdir()) == [f"kinerja-terbuka-{code}.xlsx", f"kinerja-terbuka-{code}.zip"]


def test_sha256sums_list_the_province_files(national):
    sums = (national / "unduh/SHA256SUMS").read_text().splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in sums}
    province = [p for p in listed if p.startswith("provinsi/")]
    assert province
    for rel, sha in listed.items():
        assert hashlib.sha256((national / "unduh" / rel).read_bytes()).hexdigest() == sha, rel
    page = (national / "unduh/index.html").read_text(encoding="utf-8")
    assert all(f'href="provinsi/{p.split("/", 1)[1]}"' in page or p.split("/")[-1] in page for p in province)


def test_a_decree_keeps_its_csvs_descriptor_and_workbook_not_a_zip_of_them(national):
    portal = load_portal(ROOT / "datapackages")
    for doc in portal.documents:
        folder = national / "unduh" / doc.id
        names = sorted(p.name for p in folder.iterdir())
        assert names == sorted([f"{doc.id}.xlsx", "datapackage.json", *(f"{r}.csv" for r in RESOURCES)])
        package = frictionless.Package(str(folder / "datapackage.json"))  # loadable as served
        assert len(package.get_resource("indicators").read_rows()) == len(doc.tables["indicators"])
        page = (national / "lembaga" / doc.agency.id / "index.html").read_text(encoding="utf-8")
        assert f"{doc.id}.zip" not in page and f"unduh/{doc.id}/datapackage.json" in page


def test_a_large_portal_of_one_province_is_its_province_bundle(tmp_path):
    """A large province's own portal: no decree zips, no plain whole-portal files, and the
    whole portal (the province) in the province's formats as well as Parquet."""
    portal = load_portal(ROOT / "datapackages")
    one = next(d for d in portal.documents if d.agency is not None and d.agency.province is not None)
    code = portal.region_code(one.agency.province)
    src = tmp_path / "packages"
    shutil.copytree(ROOT / "datapackages", src)
    for doc in portal.documents:
        if doc.agency is None or portal.region_code(doc.agency.province) != code:
            shutil.rmtree(src / doc.package)
    out = tmp_path / "docs" / "id"  # the downloads are made before mkdocs runs
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(export, "NATIONAL_INDICATORS", 0)
        build(Options(packages=src, decrees=ROOT / "decrees", out=out.parent, releases=tmp_path / "none",
                      mkdocs=False))
    whole = sorted(p.relative_to(out / "unduh/semua").as_posix() for p in (out / "unduh/semua").rglob("*") if p.is_file())
    assert {p.rsplit(".", 1)[-1] for p in whole} == {"zip", "xlsx", "parquet"}, whole
    assert not (out / "unduh/provinsi").exists()
    assert not list((out / "unduh").glob(f"{one.id}/*.zip"))


def test_a_small_portal_keeps_every_whole_portal_format(national):
    portal = load_portal(ROOT / "datapackages")
    assert sum(len(d.tables["indicators"]) for d in portal.documents) < export.NATIONAL_INDICATORS

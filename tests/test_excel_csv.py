"""The Excel round trip: a package CSV saved by Excel ("CSV UTF-8": BOM, CRLF) validates as
the same rows with an `excel-csv` warning, `python -m generator normalise` writes it back
as the convention wants, and what Excel really breaks still fails with file, row and field."""
import shutil
import subprocess
import sys

import pytest

from generator.excelcsv import excel_marks, normalise, normalise_packages
from generator.load import load_all
from generator.validate import check
from kt_testing import BASIC, BASIC_DOC, FIXTURE_DECREES, ROOT, edit_cell


def excel_save(path):
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))


@pytest.fixture
def packages(tmp_path):
    out = tmp_path / "packages"
    shutil.copytree(BASIC, out)
    return out


def test_an_excel_saved_csv_is_read_as_the_same_rows_with_a_warning(packages):
    before, _ = load_all(packages)
    for name in ("indicators", "goals", "regions"):
        excel_save(packages / BASIC_DOC / f"{name}.csv")
    report, after = check(packages, FIXTURE_DECREES)
    assert [s.tables for s in after] == [s.tables for s in before]
    assert not report.errors, report.format()
    warnings = [p for p in report.warnings if p.code == "excel-csv"]
    assert sorted(p.file.rsplit("/", 1)[-1] for p in warnings) == ["goals.csv", "indicators.csv", "regions.csv"]
    assert all(p.row == 1 and "byte-order mark and CRLF" in p.message and "normalise" in p.message for p in warnings)
    assert report.ok() and not report.ok(strict=True)  # --strict (CI) asks for the normalised file


def test_normalise_writes_the_file_back_as_it_was(packages):
    path = packages / BASIC_DOC / "indicators.csv"
    original = path.read_bytes()
    excel_save(path)
    assert excel_marks(path.read_bytes()) == (True, True)
    proc = subprocess.run([sys.executable, "-m", "generator", "normalise", "--packages", str(packages)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "indicators.csv: BOM removed, CRLF -> LF" in proc.stdout and "1 file(s) normalised" in proc.stdout
    assert path.read_bytes() == original
    report, _ = check(packages, FIXTURE_DECREES)
    assert report.ok(strict=True), report.format()
    assert normalise_packages(packages) == []  # nothing left to do


def test_normalise_leaves_a_lone_carriage_return_for_validation():
    assert normalise(b"\xef\xbb\xbfa,b\r\n1,2\r3\r\n") == b"a,b\n1,2\r3\n"


def test_what_excel_breaks_still_fails_with_file_row_and_field(packages):
    """Excel shows a date as 02/01/2024 and turns a region code such as 35.10 into the number 35.1."""
    doc = packages / BASIC_DOC
    edit_cell(doc, "documents", 0, "signed_on", "02/01/2024")
    edit_cell(doc, "agencies", 0, "region_code", "35.2")
    edit_cell(doc, "regions", 1, "code", "35.2")
    for name in ("documents", "agencies", "regions"):
        excel_save(doc / f"{name}.csv")
    report, _ = check(packages, FIXTURE_DECREES)
    assert not report.ok()
    date = [p for p in report.errors if p.field == "signed_on"]
    assert date and date[0].row == 2 and date[0].file.endswith("documents.csv"), report.format()
    code = [p for p in report.errors if p.field in ("code", "region_code")]
    assert code and all(p.row is not None for p in code), report.format()


def test_the_site_builds_from_excel_saved_files(packages, tmp_path):
    from generator.build import Options, build
    excel_save(packages / BASIC_DOC / "indicators.csv")
    out = tmp_path / "docs"  # the downloads are made before mkdocs runs
    result = build(Options(packages=packages, decrees=FIXTURE_DECREES, out=out, releases=tmp_path / "none",
                           mkdocs=False))
    assert [p.code for p in result.report.warnings] == ["excel-csv"]
    published = (out / f"id/unduh/{BASIC_DOC}/indicators.csv").read_bytes()
    assert not published.startswith(b"\xef\xbb\xbf") and b"\r" not in published  # the downloads follow the convention

"""Spreadsheets run no formula from our downloads: headless LibreOffice Calc opens every CSV
and XLSX of the hostile site and of a workbook full of formula-like text; re-saved as XLSX,
no cell has become a formula. A control shows the same check catches a CSV that would.

Needs `soffice` (Debian: apt-get install -y --no-install-recommends libreoffice-calc-nogui;
`make test-office` does it); skipped without it. openpyxl checks run in any case."""
import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.export import xlsx_bytes
from generator.load import load_shared_schemas

from kt_testing import ROOT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: make test-office")
FORMULA_CELL = re.compile(r"<(?:[a-z]+:)?f[\s>/]")
FORMULA_LIKE = ["=1+1", "+2+2", "-3+3", "@SUM(4;4)", '=HYPERLINK("https://evil.example";"klik")',
                "=WEBSERVICE(\"https://evil.example\")", "\t=5+5", "=cmd|' /C calc'!A0"]


def convert(files: list[Path], to: str, outdir: Path, profile: Path) -> None:
    subprocess.run([SOFFICE, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=180)


def formula_cells(xlsx: Path) -> list[str]:
    with zipfile.ZipFile(xlsx) as zf:
        return [n for n in zf.namelist() if n.startswith("xl/worksheets/") and FORMULA_CELL.search(zf.read(n).decode())]


def crafted_workbook(path: Path) -> Path:
    """Formula-like text written by our XLSX writer, as if validation had let it through."""
    schemas = load_shared_schemas(ROOT / "datapackages")
    rows = [{"id": f"x{i}", "name": v, "data_source": v, "order": str(i + 1)} for i, v in enumerate(FORMULA_LIKE)]
    path.write_bytes(xlsx_bytes({"indicators": rows}, schemas, "t"))
    return path


def test_our_xlsx_writes_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook
    ws = load_workbook(crafted_workbook(tmp_path / "c.xlsx"))["indicators"]
    header = [c.value for c in ws[1]]
    names = [row[header.index("name")] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in names] == FORMULA_LIKE and {c.data_type for c in names} == {"s"}
    assert formula_cells(tmp_path / "c.xlsx") == []


@needs_office
def test_libreoffice_runs_no_formula_from_our_downloads(hostile_site, tmp_path):
    flat = tmp_path / "in"
    flat.mkdir()
    files = []
    for i, f in enumerate(sorted(hostile_site.rglob("*.csv")) + sorted(hostile_site.rglob("*.xlsx"))):
        files.append(shutil.copy(f, flat / f"{i:02d}-{f.name}"))
    files.append(crafted_workbook(flat / "crafted.xlsx"))
    control = flat / "control.csv"  # what the validator refuses to publish
    control.write_text("name\n" + "\n".join(v for v in FORMULA_LIKE if not v.startswith("\t")) + "\n")
    files.append(control)
    convert(files, "xlsx:Calc MS Excel 2007 XML", tmp_path / "out", tmp_path / "profile")
    results = {f.name: formula_cells(tmp_path / "out" / (Path(f).stem + ".xlsx")) for f in files}
    assert results.pop("control.csv"), "control: LibreOffice should have turned '=1+1' into a formula"
    assert len(results) >= 17
    assert {name: cells for name, cells in results.items() if cells} == {}


@needs_office
def test_libreoffice_shows_the_crafted_text_literally(tmp_path):
    src = crafted_workbook(tmp_path / "crafted.xlsx")
    # all sheets, one CSV each (sheet -1); the indicators sheet is the 8th (after 'keterangan')
    convert([src], 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
            tmp_path / "out", tmp_path / "profile")
    [sheet] = list((tmp_path / "out").glob("crafted-indicators.csv"))
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert [r["name"] for r in rows] == FORMULA_LIKE

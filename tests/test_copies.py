"""generator/dev/copies.py: every site file counted under one copy, as the deploy stores it."""
import gzip

from generator.dev.copies import copies, copy_of


def test_each_path_has_its_copy():
    assert copy_of("unduh/d-1/indicators.csv") == "decree csv+descriptor"
    assert copy_of("unduh/d-1/datapackage.json") == "decree csv+descriptor"
    assert copy_of("unduh/d-1/d-1.xlsx") == "decree xlsx"
    assert copy_of("unduh/provinsi/35/kinerja-terbuka-35.zip") == "province zip"
    assert copy_of("unduh/semua/parquet/indicators.parquet") == "portal parquet"
    assert copy_of("unduh/semua/kinerja-terbuka.sqlite") == "portal sqlite"
    assert copy_of("unduh/semua/indikator-flat-excel.csv") == "portal indikator-flat-excel"
    assert copy_of("lembaga/dinas-1/index.html") == "agency pages id"
    assert copy_of("en/agencies/dinas-1~2/index.html") == "agency pages en"
    assert copy_of("lembaga/index.html") == "other pages, assets"
    assert copy_of("pagefind/kt/rows-1.json") == "explorer rows"
    assert copy_of("pagefind/p35/pagefind-entry.json") == "search bundles"


def test_pages_gzip_downloads_as_they_are_identical_files_once(tmp_path):
    page = b"<p>" + b"indikator " * 500 + b"</p>"
    for rel in ("lembaga/a/index.html", "lembaga/b/index.html"):  # the same bytes: stored once
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_bytes(page)
    (tmp_path / "unduh/d").mkdir(parents=True)
    (tmp_path / "unduh/d/indicators.csv").write_bytes(page)
    out = copies(tmp_path)
    assert out["agency pages id"] == len(gzip.compress(page, compresslevel=9, mtime=0))
    assert out["decree csv+descriptor"] == len(page)

"""A decree that supersedes an earlier one: history, status and indicator-level diff."""
import shutil

import pytest

from generator.build import Options, build
from generator.validate import check
from generator.model import build_model
from generator.revisions import diff

from kt_testing import BASIC, BASIC_DOC, FIXTURE_DECREES, read_rows, write_rows

NEW = "kec-contoh-kab-tuban-iku-iki-2025"


@pytest.fixture
def revision(tmp_path):
    """The basic decree plus a 2025 revision: one target changed, one indicator reworded,
    one added, one removed."""
    packages = tmp_path / "packages"
    shutil.copytree(BASIC, packages)
    new = packages / NEW
    shutil.copytree(packages / BASIC_DOC, new)
    for f in new.iterdir():
        f.write_text(f.read_text().replace(BASIC_DOC, NEW))
    docs = read_rows(new / "documents.csv")
    docs[0].update(supersedes=BASIC_DOC, signed_on="2025-01-02", number="2/2025")
    write_rows(new / "documents.csv", docs)
    targets = read_rows(new / "targets.csv")
    targets[1]["text"], targets[1]["value"] = "≥ 98%", "98"       # target changed
    write_rows(new / "targets.csv", [t for t in targets if not t["indicator_id"].endswith("pemerintahan--1")])
    rows = read_rows(new / "indicators.csv")
    rows[1]["name"] = "Persentase dokumen yang tepat waktu disusun"  # reworded (same place)
    removed = rows.pop(2)                                       # removed
    added = dict(removed, id=removed["id"][:-1] + "9", name="Jumlah musyawarah desa", order="9")
    write_rows(new / "indicators.csv", rows + [added])
    return packages


def test_diff(revision):
    report, sources = check(revision, FIXTURE_DECREES)
    assert not report.errors, report.format()
    agency = build_model(sources).agencies[0]
    assert agency.current.id == NEW
    d = diff(*agency.documents)
    assert [i.name for i in d.added] == ["Jumlah musyawarah desa"]
    assert [i.name for i in d.removed] == ["Jumlah desa yang dibina"]
    assert [(a.name, b.name) for a, b in d.reworded] == [("Persentase dokumen tepat waktu",
                                                          "Persentase dokumen yang tepat waktu disusun")]
    assert [(a.target, b.target) for a, b in d.target_changed] == [("≥ 95%", "≥ 98%")]


def test_agency_page_shows_history_and_status(revision, tmp_path):
    out = tmp_path / "site"
    build(Options(packages=revision, decrees=FIXTURE_DECREES, out=out))
    page = (out / "lembaga/kec-contoh-kab-tuban/index.html").read_text()
    assert "Riwayat keputusan" in page and "1/2024 → 2/2025" in page
    assert "target berubah" in page and "98%" in page and "Berlaku" in page
    assert "Mengganti <code>kec-contoh-kab-tuban-iku-iki-2024</code>" in page

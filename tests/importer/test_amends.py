"""An amending decree ('Perubahan [Kedua] atas ...') says so in documents.csv (`amends`), and
a decree that amends nothing leaves it empty."""
import csv

import pytest
import yaml

from generator.dev.measure import NEW_LAYOUTS_DIR
from generator.importer import import_decree


@pytest.mark.parametrize("stem", ["nl05_camat_perubahan_kedua_years", "nl03_kepkadis_jabatan_column"])
def test_amends_is_written(stem, tmp_path):
    expected = yaml.safe_load((NEW_LAYOUTS_DIR / f"{stem}.yaml").read_text(encoding="utf-8"))["metadata"]["amends"]
    import_decree(NEW_LAYOUTS_DIR / f"{stem}.txt", tmp_path / "pkg")
    with open(tmp_path / "pkg" / "documents.csv", encoding="utf-8", newline="") as fh:
        (doc,) = list(csv.DictReader(fh))
    assert (doc["amends"] or None) == expected


def test_a_correction_can_set_amends(tmp_path):
    src = NEW_LAYOUTS_DIR / "nl03_kepkadis_jabatan_column.txt"
    corrections = tmp_path / "c.yaml"
    corrections.write_text("document: {amends: Keputusan Kepala Dinas Nomor 1 Tahun 2020}\nreason: test\n",
                           encoding="utf-8")
    import_decree(src, tmp_path / "pkg", corrections)
    with open(tmp_path / "pkg" / "documents.csv", encoding="utf-8", newline="") as fh:
        (doc,) = list(csv.DictReader(fh))
    assert doc["amends"] == "Keputusan Kepala Dinas Nomor 1 Tahun 2020"

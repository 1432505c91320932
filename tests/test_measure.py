"""The field-by-field measure: normalisation rules, matching, tallies, and one real run."""
import csv
import shutil
from pathlib import Path

import yaml

from generator.dev.compare import compare, differences, expected_decree
from generator.dev.measure import measure, read_package
from generator.dev.normalise import clean, formula_key, target_key, words_key

ROOT = Path(__file__).resolve().parents[1]

HAND = {
    "source_file": "x.txt",
    "metadata": {"agencies": ["Kecamatan Contoh"], "instrument": "Keputusan Camat Contoh", "number": "1/2024",
                 "title": "PENETAPAN IKU", "signed_on": "2024-01-02", "signed_at": "Contoh",
                 "signer_title": "CAMAT CONTOH", "signer_name": "BUDI", "period_start": 2024, "period_end": 2026,
                 "amends": None},
    "iku": [{"name": "Nilai IKM", "lines": "10", "goal": "Meningkatnya pelayanan", "formula": None, "unit": "Indeks",
             "data_source": "Seksi A; Seksi B", "responsible": "Camat",
             "targets": [{"year": 2024, "kind": "target", "text": "80"}, {"year": 2025, "kind": "target", "text": "85"},
                         {"year": 2023, "kind": "baseline", "text": "78"}]}],
    "positions": [{"title": "Sekretaris Camat", "lines": "20", "indicators": [
        {"name": "Persentase A", "lines": "21", "goal": "Tertib A", "formula": "Jumlah A / Jumlah B x 100%",
         "unit": "%", "data_source": "Laporan", "responsible": None, "targets": []},
        {"name": "Persentase C", "lines": "22", "goal": "Tertib A", "formula": "Hasil survei", "unit": "%",
         "data_source": None, "responsible": None, "targets": [{"year": None, "kind": "target", "text": "100 %"}]},
    ]}],
}


def write_package(folder: Path, *, goal_c="Tertib A", formula_a=r"$\frac{\text{Jumlah A}}{\text{Jumlah B}} \times 100\%$",
                  target_2025="85", period_start="2024", extra_indicator=False):
    """A package in the CSV shape the importer writes (with the targets resource)."""
    folder.mkdir(parents=True)

    def put(name, rows):
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    put("documents", [{"id": "d", "agency_id": "a", "instrument": "KEPUTUSAN CAMAT CONTOH", "number": "1/2024",
                       "title": "Penetapan IKU", "signed_on": "2024-01-02", "signed_at": "Contoh",
                       "signer_title": "Camat Contoh", "signer_name": "BUDI", "period_start": period_start,
                       "period_end": "2026", "source_file": "x.txt"}])
    put("agencies", [{"id": "a", "name": "Kecamatan Contoh"}])
    put("positions", [{"id": "p1", "order": "1", "title": "Sekretaris  Camat"}])
    put("goals", [{"id": "g1", "text": "Meningkatnya pelayanan"}, {"id": "g2", "text": "Tertib A"},
                  {"id": "g3", "text": goal_c}])
    rows = [{"id": "i1", "position_id": "", "goal_id": "g1", "order": "1", "name": "Nilai IKM", "formula": "",
             "unit": "indeks", "data_source": "Seksi A, Seksi B", "responsible": "Camat"},
            {"id": "i2", "position_id": "p1", "goal_id": "g2", "order": "2", "name": "- Persentase A",
             "formula": formula_a, "unit": "%", "data_source": "Laporan", "responsible": ""},
            {"id": "i3", "position_id": "p1", "goal_id": "g3", "order": "4", "name": "Persentase <i>C</i>",
             "formula": "Hasil survei", "unit": "%", "data_source": "", "responsible": ""}]
    if extra_indicator:
        rows.insert(2, {"id": "i9", "position_id": "p1", "goal_id": "g2", "order": "3", "name": "Provinsi dan Pemkab",
                        "formula": "", "unit": "", "data_source": "", "responsible": ""})
    put("indicators", rows)
    put("targets", [{"indicator_id": "i1", "year": "2024", "kind": "target", "text": "80"},
                    {"indicator_id": "i1", "year": "2025", "kind": "target", "text": target_2025},
                    {"indicator_id": "i1", "year": "2023", "kind": "baseline", "text": "78"},
                    {"indicator_id": "i3", "year": "", "kind": "target", "text": "100%"}])
    return folder


def test_formula_forms_compare_equal():
    plain = formula_key("Jumlah A / Jumlah B x 100%")
    assert formula_key(r"$\frac{\text{Jumlah A}}{\text{Jumlah B}} \times 100\%$") == plain
    assert formula_key("Jumlah A ----- x 100% Jumlah B") == plain
    assert formula_key("<p>Jumlah A</p> <p style='text-align: right;'>----- X 100%</p> <p>Jumlah B</p>") == plain
    assert formula_key("1. Jumlah A ..... x 100% Jumlah B 2. Jumlah C ..... x 100% Jumlah D") == \
        formula_key("Jumlah A / Jumlah B x 100%; Jumlah C / Jumlah D x 100%")
    assert formula_key("Jumlah A / Jumlah C x 100%") != plain
    assert formula_key(r"$\frac{\sum \text{P} \times (\sum \text{h} - \sum \text{t})}{\sum \text{P}} \times 100\%$") == \
        formula_key("∑ P x (∑ h - ∑ t) / ∑ P x 100%")


def test_text_rules():
    assert clean("- a) Jumlah <i>individual</i>  development<br>plan") == "Jumlah individual development plan"
    assert clean("**Kasi** Kesejahteraan") == "Kasi Kesejahteraan"
    assert clean("   ") is None
    assert words_key("Seksi A; Seksi B") == words_key("Seksi A, Seksi B") == "Seksi A Seksi B"
    assert target_key("2024", "target", "100 %") == (2024, "target", "100%")
    assert target_key("", "baseline", "78") == (None, "baseline", "78")


def test_all_right_when_the_package_matches(tmp_path):
    t = compare(expected_decree(HAND), read_package(write_package(tmp_path / "p")))
    for key, tally in t.items():
        assert tally.right == tally.expected, (key, tally)
    assert t["name"].expected == 3 and t["targets"].expected == 3 and t["baselines"].expected == 1
    assert t["metadata.period_start"].expected == 1


def test_a_wrong_field_is_counted_wrong_and_only_that_field(tmp_path):
    got = read_package(write_package(tmp_path / "p", goal_c="akurat", formula_a="Jumlah A / Jumlah C x 100%",
                                     target_2025="90", period_start="2016"))
    t = compare(expected_decree(HAND), got)
    assert (t["goal"].right, t["goal"].expected) == (2, 3)
    assert (t["formula"].right, t["formula"].expected) == (2, 3)
    assert (t["targets"].right, t["targets"].expected) == (2, 3)
    assert t["targets_exact"].right == 2
    assert t["metadata.period_start"].right == 0
    assert t["name"].right == 3 and t["data_source"].right == 3 and t["unit"].right == 3
    fields = {d[0] for d in differences(expected_decree(HAND), got)}
    assert fields == {"goal", "formula", "targets", "metadata.period_start"}


def test_an_extra_indicator_does_not_shift_the_rest(tmp_path):
    t = compare(expected_decree(HAND), read_package(write_package(tmp_path / "p", extra_indicator=True)))
    assert t["name"].right == 3 and t["name"].found == 4
    assert t["goal"].right == 3 and t["formula"].right == 3


def test_a_value_where_the_decree_has_none_is_wrong(tmp_path):
    hand = yaml.safe_load(yaml.safe_dump(HAND))
    hand["positions"][0]["indicators"][0]["data_source"] = None
    t = compare(expected_decree(hand), read_package(write_package(tmp_path / "p")))
    assert t["data_source"].right == 2


def test_measure_runs_the_raw_importer_and_reads_the_published_package(tmp_path):
    stem = "004_491362b84e30a85b"
    expected = tmp_path / "expected"
    expected.mkdir()
    shutil.copy(ROOT / "tests" / "importer" / "expected" / f"{stem}.yaml", expected)
    printed = []
    res = measure(ROOT / "decrees", ROOT / "datapackages", expected, out=printed.append)
    assert set(res["raw"]) == {stem} and set(res["published"]) == {stem}
    raw = res["raw"][stem]
    assert raw["name"].expected == 21 and 0 < raw["name"].right <= 21
    assert raw["positions"].expected == 8
    text = "\n".join(printed)
    assert "RAW importer" in text and "PUBLISHED" in text and "metadata: signer_name" in text
    table = text.split(f"-- {stem}")[1].split("-- TOTAL")[0]      # one table per decree, both outputs side by side
    row = next(line for line in table.splitlines() if line.startswith("indicator names"))
    cells = row.split("|")
    assert len(cells) == 3 and cells[0].split()[-1] == "21"
    assert f"{raw['name'].right:>6} {raw['name'].pct:>5.1f}%" in cells[1]
    pub = res["published"][stem]["name"]
    assert f"{pub.right:>6} {pub.pct:>5.1f}%" in cells[2]


def test_a_decree_published_as_one_package_per_agency_is_read_as_one(tmp_path):
    from generator.dev.measure import package_folders, read_packages
    write_package(tmp_path / "pkgs" / "a")
    second = write_package(tmp_path / "pkgs" / "b")
    with open(second / "agencies.csv", "w", encoding="utf-8") as fh:
        fh.write("id,name\na,Dinas Lain\n")
    folders = package_folders(tmp_path / "pkgs", "x.txt")
    assert [f.name for f in folders] == ["a", "b"]
    decree = read_packages(folders)
    assert decree.metadata["agencies"] == ["Kecamatan Contoh", "Dinas Lain"]
    assert sum(len(g.indicators) for g in decree.groups) == 6
    assert package_folders(tmp_path / "pkgs", "other.txt") == []


def test_position_differences_name_a_wrong_title_a_lost_position_and_an_unmatched_group():
    from generator.dev.compare import Decree, Group
    from generator.dev.measure import position_differences
    exp = Decree({}, [Group("position", "Camat", [{"name": "Indeks Kepuasan"}]),
                      Group("position", "Sekretaris Camat", [{"name": "Persentase SPJ tepat waktu"}])])
    got = Decree({}, [Group("position", "CAMAT", [{"name": "Indeks Kepuasan"}]),
                      Group("iku", None, [{"name": "Jumlah patroli wilayah"}])])
    assert position_differences(exp, got) == [
        "position 'Camat': found 'CAMAT' (position, 1 indicators)",
        "position 'Sekretaris Camat': found None",
        "unmatched iku group None (1 indicators: 'Jumlah patroli wilayah')"]
    assert position_differences(exp, exp) == []


def test_only_measures_the_stems_its_globs_match(tmp_path):
    from generator.dev.measure import UNSEEN_DIR, measure_new_layouts
    stems = ["u21_kepkadis_damkar_depok_triwulan_pic", "u22_kepsekda_kuburaya_bagian_org_perubahan_kedua_ocr",
             "u29_kepwali_batu_iku_kecamatan_group_rows"]
    for stem in stems:
        for ext in (".txt", ".yaml"):
            shutil.copy(UNSEEN_DIR / f"{stem}{ext}", tmp_path)
    printed = []
    res = measure_new_layouts(tmp_path, only="u21*, u29*", out=printed.append, label="x")
    assert set(res["raw"]) == {stems[0], stems[2]}
    assert f"-- {stems[1]}" not in "\n".join(printed)

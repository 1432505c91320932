"""Importer rules on small synthetic snippets, one per format variant of
shared/docs/source-formats.md (V-numbers). Rules are about formats, not about the seeds."""
import json
from pathlib import Path

import pytest

from generator.importer import ImportError_, import_decree
from generator.importer.formulas import parse_formula, parse_target
from generator.importer.rows import table_records
from generator.importer.sections import header_role, is_header, parse
from generator.importer.cells import split_items, strip_html

T = "\t"


def records(text: str):
    doc = parse(text)
    tables = [t for p in doc.positions for t in p.tables] + doc.agency_tables
    return [r for t in tables for r in table_records(t, doc.warn)], doc


def names(text: str) -> list[str]:
    return [r.name for r in records(text)[0]]


HEAD = T.join(["Sasaran", "Indikator Kinerja", "Formulasi", "Sumber Data"])


@pytest.mark.parametrize("cell,expected", [
    ('<ol style="list-style-type: none"> <li>1. Rencana Operasional</li> <li>2. Jadwal Tugas</li></ol>',
     ["Rencana Operasional", "Jadwal Tugas"]),                                            # V3
    ("<p>Jumlah laporan</p> <p>Jumlah dokumen</p>", ["Jumlah laporan", "Jumlah dokumen"]),  # V5
    ("Persentase alat tulis  Persentase jasa komunikasi", ["Persentase alat tulis", "Persentase jasa komunikasi"]),  # V6
    ("- Jumlah dokumen A  - Jumlah hasil B", ["Jumlah dokumen A", "Jumlah hasil B"]),      # V6
    ("1. Persentase rekomendasi.  2. Peningkatan BUMDes", ["Persentase rekomendasi.", "Peningkatan BUMDes"]),
    ("<ul> <li>Jumlah pegawai</li> <li>Jumlah data</li> </ul>", ["Jumlah pegawai", "Jumlah data"]),  # V7
    ("- Persentase kehadiran", ["Persentase kehadiran"]),
])
def test_cell_splitting(cell, expected):
    assert split_items(cell) == expected


def test_page_break_fragment_splits_on_a_single_number():  # V4
    assert split_items("barang/jasa 9. Hasil evaluasi", allow_single=True) == ["barang/jasa", "Hasil evaluasi"]


@pytest.mark.parametrize("header,roles", [
    ("<b>SASARAN/KINERJA UTAMA</b>\t<b>INDIKATOR KINERJA</b>\t<b>PENJELASAN/FORMULASI PENGHITUNGAN</b>\t<b>SUMBER DATA</b>",
     ["sasaran", "indicator", "formula", "data_source"]),                                   # V2
    ("SASARAN/KINERJA UTAM\tINDIKATOR KINERJA UTAM\tPENJELASAN/FORMULASI PENGHITUNGA\tSUMBER DATA",
     ["sasaran", "indicator", "formula", "data_source"]),                                   # V23 truncation
    ("No\tSasaranKinerj a\tIndikator Kinerja\tRUMUS\tSumberD ata\tPenanggung jawab",
     ["no", "sasaran", "indicator", "formula", "data_source", "responsible"]),              # V23 glued
    ("NO.\tSASARAN KINERJA INDIVIDU\tINDIKATOR KINERJA\tTARGET\tPenjelasan/Formulasi\tSUMBER DATA",
     ["no", "sasaran", "indicator", "target", "formula", "data_source"]),
])
def test_header_synonyms(header, roles):
    cells = header.split("\t")
    assert is_header(cells) and [header_role(c) for c in cells] == roles


@pytest.mark.parametrize("block", [
    "1. Jabatan : **Sekretaris Kecamatan**", "**Jabatan :Kepala Seksi Ketentraman**",
    "Jabatan\t: Kepala Seksi Ketentraman", "#### Jabatan : Kepala Seksi Ketentraman",
    "- 1 Jabatan : Kepala Seksi Ketentraman.", "1 Jabatan\n\n: Kepala Seksi Ketentraman",
])
def test_position_header_styles(block):  # V24
    doc = parse(block + "\n" + HEAD + "\nMeningkatnya A\tPersentase B\tJumlah C\tLaporan\n")
    assert len(doc.positions) == 1 and doc.positions[0].title.startswith(("Sekretaris Kecamatan", "Kepala Seksi"))
    assert names(block + "\n" + HEAD + "\nMeningkatnya A\tPersentase B\tJumlah C\tLaporan\n") == ["Persentase B"]


def test_duty_lists():  # V25
    text = ("Jabatan : Kasi A\nTugas : Menyiapkan bahan.\nFungsi :\n - a) Penyusunan rencana;\n"
            " - b) Pengelolaan keuangan\n   yang tertib;\n\n" + HEAD + "\nX\tJumlah Y\t-\tZ\n")
    pos = parse(text).positions[0]
    assert [d.text for d in pos.tugas] == ["Menyiapkan bahan."]
    assert [d.text for d in pos.fungsi] == ["Penyusunan rencana;", "Pengelolaan keuangan yang tertib;"]


def test_ol_without_li_function_list():  # V3 (003 style)
    text = ("Jabatan\t: Kepala Badan\nFungsi\t: <ol style=\"list-style-type: none\">1. Pengoordinasian A;"
            "2. Pengoordinasian B;3. Pelaksanaan C\n")
    assert [d.text for d in parse(text).positions[0].fungsi] == ["Pengoordinasian A;", "Pengoordinasian B;", "Pelaksanaan C"]


def test_empty_cell_is_same_as_above_and_repeated_header_is_skipped():  # V15, V16
    text = ("Jabatan : Kasi A\n" + HEAD + "\nMeningkatnya A\tPersentase B\tJumlah C\tLaporan\n"
            "\tPersentase D\tJumlah E\t\n" + HEAD + "\n\tPersentase F\tJumlah G\t\n")
    recs, _ = records(text)
    assert [r.name for r in recs] == ["Persentase B", "Persentase D", "Persentase F"]
    # the sasaran is carried down (it is what the indicators serve); an empty source stays empty
    assert {r.sasaran for r in recs} == {"Meningkatnya A"}
    assert [r.data_source for r in recs] == ["Laporan", "", ""]


def test_wrapped_cells_and_two_row_ratio():  # V13, V14
    head = T.join(["No", "Sasaran Kinerja", "Indikator Kinerja", "Formula", "", "Sumber Data"])
    text = ("Jabatan : Kepala Dinas\n" + head + "\n(1)\t(2)\t(3)\t(4)\t\t(5)\n"
            "1\tMeningkatnya layanan\tPersentase cakupan layanan\tJumlah layanan terlaksana\tX100%\tLaporan\n"
            "\tprogram penunjang.\turusan pemerintah daerah.\tJumlah layanan tersedia\t\t\n")
    [rec], _ = records(text)
    assert rec.name == "Persentase cakupan layanan urusan pemerintah daerah."
    assert rec.sasaran == "Meningkatnya layanan program penunjang."
    f = rec.fields()
    assert (f["numerator"], f["denominator"], f["multiplier"]) == ("Jumlah layanan terlaksana", "Jumlah layanan tersedia", "100%")
    assert (rec.first, rec.last) == (4, 5)


def test_lost_leading_cells_are_placed_by_content():  # V17
    head = T.join(["NO.", "SASARAN", "INDIKATOR KINERJA", "TARGET", "PENJELASAN/FORMULASI", "SUMBER DATA"])
    text = ("Jabatan : Sekretaris\n" + head + "\n"
            "1\tTersedianya dokumen\tJumlah dokumen\t4 dokumen\tDokumen renja\tSubbag\n"
            "\tPersentase ketersediaan BMD\t100%\t$= \\frac{A}{B} \\times 100\\%$\t\n")
    recs, _ = records(text)
    assert [(r.name, parse_target(r.target)[0]) for r in recs] == [("Jumlah dokumen", "4 dokumen"),
                                                                    ("Persentase ketersediaan BMD", "100%")]
    assert recs[1].fields()["formula_kind"] == "latex"


def test_target_merged_into_formula_cell():  # V18
    head = T.join(["NO.", "SASARAN", "INDIKATOR KINERJA", "TARGET", "PENJELASAN/FORMULASI", "SUMBER DATA"])
    text = ("Jabatan : Kepala Badan\n" + head + "\n"
            "\t\tPersentase pejabat ASN terlatih\t<p>85%</p> <p><i>Formulasi Pengukuran :</i> Jumlah ASN dibagi jumlah pegawai</p>\tSIMPADU\n")
    [rec], _ = records(text)
    f = rec.fields()
    assert f["target"] == "85%" and f["target_value"] == "85" and "Jumlah ASN" in f["formula"]


def test_separator_and_column_number_rows_are_skipped():  # V19, V21
    text = ("Jabatan : A\n" + HEAD + "\n(1)\t(2)\t(3)\t(4)\n--\t--\t---\t--\nX\tJumlah Y\t-\tZ\n")
    assert names(text) == ["Jumlah Y"]


@pytest.mark.parametrize("cell,kind,num,den", [
    (r"$\frac{\text{Jumlah A}}{\text{Jumlah B}} \times 100\%$", "latex", "Jumlah A", "Jumlah B"),   # V10
    ("Jumlah A yang dilaksanakan  ----- x 100% Jumlah A", "fraction", "Jumlah A yang dilaksanakan", "Jumlah A"),  # V12
    ('<p>Jumlah A</p> <p style="text-align: right;">----- X 100%</p> <p>Jumlah B</p>', "fraction", "Jumlah A", "Jumlah B"),
    ("Jumlah koordinasi dibagi jumlah rapat x 100%", "prose", "Jumlah koordinasi", "jumlah rapat"),
    ("<p>-</p>", "none", "", ""),
])
def test_formula_kinds(cell, kind, num, den):
    f = parse_formula(cell)
    assert (f["formula_kind"], f["numerator"], f["denominator"]) == (kind, num, den)


def test_labelled_subfields_in_formula_cell():  # V8
    f = parse_formula("<p><i>Formulasi Pengukuran :</i> Nilai SAKIP</p> $x = \\sum_i s_i$ "
                      "<p><i>Tipe Penghitungan :</i> Non kumulatif <i>Sumber data:</i> Inspektorat</p>")
    assert f["calculation_type"] == "non-kumulatif" and f["data_source"] == "Inspektorat"
    assert f["formula"].startswith("Nilai SAKIP $x") and "Tipe" not in f["formula"]


@pytest.mark.parametrize("raw,value,unit", [("4 dokumen", "4", "dokumen"), ("75%", "75", "%"), ("B (65)", "65", "B"),
                                            ("-", "", ""), ("", "", "")])
def test_targets(raw, value, unit):
    assert parse_target(raw)[1:] == (value, unit)


def test_latex_is_kept_when_html_is_stripped():
    assert strip_html(r"<p>A</p> $\frac{<b>x</b>}{y}$") == r"A $\frac{<b>x</b>}{y}$"


def test_lost_page_fragment_is_dropped_and_flagged(tmp_path):  # V4, V26
    text = ("Jabatan : Asisten\nTugas :\n- a. Mengevaluasi dengan cara\n\n" + HEAD + "\n"
            "\trakyat 9. Hasil evaluasi 10. Laporan tugas\t\t\n")
    src = tmp_path / "x.txt"
    src.write_text(text)
    res = import_decree(src, tmp_path / "out")
    assert [r["name"] for r in res.tables["indicators"]] == ["Hasil evaluasi", "Laporan tugas"]
    codes = {w["code"] for w in res.warnings}
    assert {"lost-page-fragment", "lost-page"} <= codes
    assert "lost_page" in res.tables["positions"][0]["flags"]
    assert "lost_page" in res.tables["documents"][0]["flags"]


def test_unknown_agency_and_missing_metadata_are_flagged(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("Jabatan : Kasi A\n" + HEAD + "\nX\tJumlah Y\t-\tZ\n")
    res = import_decree(src, tmp_path / "out")
    doc = res.tables["documents"][0]
    assert "unknown_agency" in doc["flags"] and "metadata_missing" in doc["flags"]
    assert res.tables["agencies"][0]["kind"] == "tidak_diketahui"
    summary = json.loads((tmp_path / "out" / "import-warnings.json").read_text())
    assert {w["code"] for w in summary} >= {"unknown-agency", "metadata-missing"}


def test_nip_never_reaches_the_package(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("CAMAT X\nNIP. 19740226 199311 1 001\nJabatan : Kasi A\n" + HEAD + "\nX\tJumlah Y\t-\tZ\n")
    res = import_decree(src, tmp_path / "out")
    assert any(w["code"] == "nip-redacted" for w in res.warnings)
    for f in (tmp_path / "out").iterdir():
        assert "19740226" not in f.read_text()


@pytest.mark.parametrize("content,message", [(b"", "empty"), (b"\x00\x01\x02binary", "binary"),
                                             (b"Jabatan : A\n\xff\xfe", "invalid UTF-8")])
def test_unreadable_texts_are_refused(tmp_path, content, message):
    src = tmp_path / "x.txt"
    src.write_bytes(content)
    with pytest.raises(ImportError_, match=message):
        import_decree(src, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_import_is_deterministic(tmp_path):
    src = Path(__file__).resolve().parents[2] / "decrees" / "004_491362b84e30a85b.txt"
    a, b = tmp_path / "a", tmp_path / "b"
    import_decree(src, a)
    import_decree(src, b)
    for f in sorted(a.iterdir()):
        assert f.read_bytes() == (b / f.name).read_bytes(), f.name


def test_stale_correction_is_an_error(tmp_path):
    from generator.importer import rebuild_all
    from generator.importer.corrections import CorrectionError
    decrees = tmp_path / "decrees"
    decrees.mkdir()
    (decrees / "x.txt").write_text("Jabatan : Kasi A\n" + HEAD + "\nX\tJumlah Y\t-\tZ\n")
    (decrees / "x.corrections.yaml").write_text(
        "rows:\n  - {resource: indicators, id: no-such-row, drop: true, reason: test}\n")
    root = Path(__file__).resolve().parents[2]
    import shutil
    shutil.copytree(root / "datapackages" / "schemas", tmp_path / "p" / "schemas")
    shutil.copytree(root / "datapackages" / "reference", tmp_path / "p" / "reference")
    with pytest.raises(CorrectionError, match="no-such-row"):
        rebuild_all(decrees, tmp_path / "p")


def test_correction_without_reason_is_refused(tmp_path):
    from generator.importer.corrections import CorrectionError, load
    p = tmp_path / "c.yaml"
    p.write_text("rows:\n  - {resource: indicators, id: a, drop: true}\n")
    with pytest.raises(CorrectionError, match="reason"):
        load(p)


@pytest.mark.parametrize("label", ["Nama Jabatan : Kepala Seksi Umum", "JABATAN : Kepala Seksi Umum"])
def test_label_synonyms(label):
    text = label + "\nTugas Pokok : Menyiapkan bahan.\nUraian Fungsi :\n1. Penyiapan A;\n" + HEAD + "\nX\tJumlah Y\t-\tZ\n"
    [pos] = parse(text).positions
    assert pos.title == "Kepala Seksi Umum"
    assert [d.text for d in pos.tugas] == ["Menyiapkan bahan."] and [d.text for d in pos.fungsi] == ["Penyiapan A;"]


def test_unit_column_and_measurement_header():
    head = T.join(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Cara Pengukuran", "Sumber Data"])
    text = "Jabatan : Kasi A\n" + head + "\n1\tMeningkatnya A\tJumlah dokumen B\tdokumen\t4\tJumlah B tersusun\tLaporan\n"
    [rec], _ = records(text)
    f = rec.fields()
    assert (f["target"], f["target_value"], f["target_unit"], f["formula"]) == ("4", "4", "dokumen", "Jumlah B tersusun")


def test_provincial_agency_letterhead(tmp_path):
    src = tmp_path / "prov.txt"
    src.write_text("**PEMERINTAH PROVINSI JAWA TIMUR**\n**DINAS KOMUNIKASI DAN INFORMATIKA**\n\n"
                   "Jabatan : Kepala Dinas\n" + HEAD + "\nMeningkatnya A\tJumlah B\t-\tC\n")
    res = import_decree(src, tmp_path / "out")
    agency = res.tables["agencies"][0]
    assert agency["region_code"] == "35" and agency["kind"] == "dinas"
    assert [r["code"] for r in res.tables["regions"]] == ["35"]


def test_table_without_header_row_is_read_by_layout():
    text = "Jabatan : Kasi A\nTugas : Menyiapkan.\n\nMeningkatnya A\tJumlah B\tJumlah B tersusun\tLaporan\tKasi A\n"
    recs, doc = records(text)
    assert [(r.name, r.data_source, r.responsible) for r in recs] == [("Jumlah B", "Laporan", "Kasi A")]
    assert [w["code"] for w in doc.warnings] == ["header-inferred"]
    flags = recs[0].fields()["flags"]  # every field read from a guessed column says so
    assert set(flags) == {"name", "goal", "formula", "data_source", "responsible"}
    assert all(v == ["column-guessed"] for v in flags.values())


def test_duplicated_table_is_flagged_not_removed(tmp_path):  # V27
    rows = "Meningkatnya A\tJumlah B\t-\tC\n\tJumlah D\t-\t\n\tJumlah E\t-\t\n"
    text = ("Jabatan : Kasi A\nTugas : Menyiapkan.\n" + HEAD + "\n" + rows
            + "Jabatan : Kasi F\nTugas : Menyiapkan.\n" + HEAD + "\nMeningkatnya G\tJumlah H\t-\tC\n"
            + "Jabatan : Pengelola I\nTugas : Menyiapkan.\n" + HEAD + "\n" + rows)
    src = tmp_path / "x.txt"
    src.write_text(text)
    res = import_decree(src, tmp_path / "out")
    inds = res.tables["indicators"]
    assert len(inds) == 7  # both copies published
    assert [("duplicated_table" in r["flags"]) for r in inds] == [False] * 4 + [True] * 3
    [w] = [w for w in res.warnings if w["code"] == "duplicated-table"]
    assert "Kasi A" in w["message"] and w["line"] == 13


CASCADE = (
    "### TUGAS CAMAT :\n\n1. Menyelenggarakan urusan A;\n2. Pelaksanaan fungsi lain.\n\n"
    "**Visi : Kabupaten X yang Maju**\n\n"
    + T.join(["Misi Kabupaten X", "Tujuan RPJMD", "Sasaran RPJMD", "Tujuan SKPD", "Sasaran SKPD",
              "Indikator Sasaran SKPD (IKU SKPD)"]) + "\n"
    + T.join(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]) + "\n"
    + T.join(["Misi 2 RPJMD:  Peningkatan A", "Tujuan 1 :  Peningkatan B", "Sasaran 3 :  Meningkatnya C",
              "Tujuan 1 :  Meningkatnya D", "Sasaran 1 :  Meningkatnya E", "Nilai IKM"]) + "\n"
    + T.join(["", "", "", "Sasaran 2 :  Meningkatnya F", "1. Persentase G.  2. Jumlah H", ""]) + "\n\n"
    "## INDIKATOR KINERJA UTAMA (IKU)\n\n"
    + T.join(["KinerjaUtama/ SasaranStrategis", "IndikatorKinerjaUtama (Satuan)", "Penjelasan / Formulasi",
              "Sumber Data", "Penanggungjawab"]) + "\n"
    + T.join(["Meningkatnya pelayanan", "Nilai IKM", "Hasil survei", "Seksi A", "Camat"]) + "\n"
    + T.join(["Meningkatnya f", "Persentase G.", "-", "Seksi B", "Camat"]) + "\n")


def test_goal_cascade_with_shifted_row_links_the_iku_table(tmp_path):  # V17 in a cascade, goal hierarchy
    src = tmp_path / "x.txt"
    src.write_text(CASCADE)
    res = import_decree(src, tmp_path / "out")
    goals = {g["id"].split("--")[-1]: g for g in res.tables["goals"]}
    parent = {k: g["parent_id"].split("--")[-1] for k, g in goals.items()}
    assert goals["sasaran_renstra-2"]["text"] == "Meningkatnya F" and goals["sasaran_renstra-2"]["label"] == "Sasaran 2"
    assert parent["sasaran_renstra-2"] == "tujuan_renstra-1" and "tujuan_renstra-2" not in goals
    assert parent["misi-1"] == "visi-1" and parent["tujuan_renstra-1"] == "sasaran_rpjmd-1"
    # the cascade's indicator column links IKU rows to their Sasaran SKPD; it adds no indicators
    assert [parent["sasaran_iku-1"], parent["sasaran_iku-2"]] == ["sasaran_renstra-1", "sasaran_renstra-2"]
    assert [(i["kind"], i["position_id"]) for i in res.tables["indicators"]] == [("IKU", ""), ("IKU", "")]
    # the agency's own tugas list ends before the Visi line
    duties = res.tables["duties"]
    assert [d["id"].split("--", 1)[1] for d in duties] == ["lembaga--tugas-1", "lembaga--tugas-2"]
    assert duties[-1]["text"] == "Pelaksanaan fungsi lain."


def test_agency_tujuan_from_its_identity_list(tmp_path):
    head = T.join(["No.", "Sasaran Strategis", "", "IKU", "Penjelasan/Formulasi", "Unit PD Penanggung Jawab"])
    sub = T.join(["", "Sasaran RPJMD", "Sasaran Renstra PD", "", "", ""])
    text = ("1. INSTANSI : BADAN X\n2. TUJUAN : Terwujudnya ASN Profesional\n3. TUGAS : Membantu Bupati.\n\n"
            + head + "\n" + sub + "\n" + T.join(["1", "Meningkatnya A", "Meningkatnya B", "Nilai C", "-", "Sekretariat"]) + "\n")
    src = tmp_path / "x.txt"
    src.write_text(text)
    res = import_decree(src, tmp_path / "out")
    goals = {g["id"].split("--")[-1]: g for g in res.tables["goals"]}
    assert goals["tujuan_renstra-1"]["text"] == "Terwujudnya ASN Profesional"
    assert goals["tujuan_renstra-1"]["parent_id"].endswith("sasaran_rpjmd-1")
    assert goals["sasaran_renstra-1"]["parent_id"].endswith("tujuan_renstra-1")
    [ind] = res.tables["indicators"]
    # an IKU row hangs on a sasaran_iku goal (the Sasaran Strategis), linked to the Renstra sasaran
    assert ind["kind"] == "IKU" and ind["position_id"] == "" and ind["goal_id"].endswith("sasaran_iku-1")
    assert goals["sasaran_iku-1"]["parent_id"].endswith("sasaran_renstra-1")


def test_lists_out_of_phase_across_rows():  # V4/V14/V17: formulas and sources of listed items
    head = T.join(["No.", "Sasaran Kinerja", "Indikator Kinerja", "Penjelasan/ Formulasi", "Sumber Data", "Ket."])
    text = ("Jabatan : Pengadministrasi A\n" + head + "\n"
            + T.join(["1.", "Terwujudnya A", "- Jumlah dokumen B", "- Jumlah dokumen B ke", "Dokumen A", ""]) + "\n\n"
            # a new page: leading cells lost; the first formula piece ends the previous formula
            + T.join(["- Jumlah dokumen C  - Jumlah hasil D", "dalam 1 tahun  - Jumlah dokumen C setahun  - Jumlah hasil D setahun",
                      "Dokumen A Dokumen E"]) + "\n"
            # three items, two formulas: the third formula opens the next row
            + T.join(["<ul> <li>Jumlah F</li> <li>Jumlah G</li> <li>Jumlah H</li> </ul>",
                      "<ul> <li>Jumlah F setahun</li> <li>Jumlah G setahun</li> </ul>", "Dokumen A Dokumen A"]) + "\n"
            + T.join(["- Jumlah I", "<ul> <li>Jumlah H setahun</li> <li>Jumlah I setahun</li> </ul>", "Dokumen A"]) + "\n")
    recs, _ = records(text)
    got = [(r.name, r.fields()["formula"], r.fields()["data_source"]) for r in recs]
    assert got == [("Jumlah dokumen B", "Jumlah dokumen B ke dalam 1 tahun", "Dokumen A"),
                   ("Jumlah dokumen C", "Jumlah dokumen C setahun", "Dokumen A"),
                   ("Jumlah hasil D", "Jumlah hasil D setahun", "Dokumen E"),
                   ("Jumlah F", "Jumlah F setahun", "Dokumen A"),
                   ("Jumlah G", "Jumlah G setahun", "Dokumen A"),
                   ("Jumlah H", "Jumlah H setahun", "Dokumen A"),
                   ("Jumlah I", "Jumlah I setahun", "Dokumen A")]


def test_page_without_the_multiplier_column_and_ocr_garbage():  # V13, V22
    head = T.join(["No", "Sasaran Kinerja", "Indikator Kinerja", "Formulasi", "", "Sumber Data"])
    text = ("Jabatan : Analis A\n" + head + "\n"
            + T.join(["1", "Terlaksananya A", "Persentase B", "Jumlah B terbit", "X 100%", "Buku register"]) + "\n"
            + T.join(["", "", "", "Jumlah B dilaporkan", "", "Database"]) + "\n\n"
            + T.join(["", "", "T 11 .", "Jumlah penetapan", "Dutuggy -13"]) + "\n"
            + T.join(["", "", "Jumlah penetapan C", "C yang dibuat", "Putusan sidang"]) + "\n")
    recs, doc = records(text)
    assert [(r.name, r.fields()["data_source"]) for r in recs] == [
        ("Persentase B", "Buku register; Database"), ("Jumlah penetapan C", "Putusan sidang")]
    # the page without the multiplier column: its rows' cells were placed by their contents
    assert [w["code"] for w in doc.warnings] == ["cells-shifted", "ocr-garbage", "cells-shifted"]


def test_correction_expectation_guards_ordinal_ids(tmp_path):
    from generator.importer.corrections import apply_rows
    tables = {"indicators": [{"id": "d--p--1", "name": "Jumlah A"}, {"id": "d--p--2", "name": "Jumlah B"}]}
    c = {"rows": [{"resource": "indicators", "id": "d--p--2", "expect": {"name": "Kelaini ali"}, "drop": True,
                   "reason": "t"}]}
    [w] = apply_rows(tables, c, "x.txt")
    assert w["code"] == "stale-correction" and len(tables["indicators"]) == 2


def test_catatan_inside_a_cell_is_a_note_and_bare_latex_is_latex():
    text = ("Jabatan : Kasi A\n" + HEAD + "\n"
            + T.join(["Disiplin", "- Persentase Kehadiran", r"$\frac{a}{b} \times 100\%$", "Subag Umum Catatan : 240 hari"]) + "\n"
            + T.join(["", "Jumlah B", r"Jumlah Pegawai x (\sum hari kerja - \sum hari tidak masuk)", "Subag"]) + "\n")
    recs, _ = records(text)
    a, b = (r.fields() for r in recs)
    assert (a["data_source"], a["note"], a["formula_kind"]) == ("Subag Umum", "Catatan : 240 hari", "latex")
    assert b["formula_kind"] == "latex" and b["note"] == ""


def test_target_in_the_formula_column_of_a_table_without_targets():  # V17/V18
    recs, doc = records("Jabatan : Bendahara\n" + HEAD + "\nMeningkatnya A\tJumlah dokumen laporan\t4 Dokumen\tSetda\n")
    f = recs[0].fields()
    assert (f["formula"], f["formula_kind"], f["target"], f["target_value"], f["target_unit"]) == (
        "", "none", "4 Dokumen", "4", "Dokumen")
    assert [w["code"] for w in doc.warnings] == ["target-in-formula-column"]

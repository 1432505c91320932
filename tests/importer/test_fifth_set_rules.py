"""Snippet tests of the rules the fifth blind set (u55-u66) showed were missing (V98-V10x in
docs/import-formats.md): each a few lines of text in the layout, the fields out, and the
negative case that must stay as it was."""
from generator.importer.blocks import plain_characters, read_text
from generator.importer.syntax import normalise
from tests.importer.test_import_rules import records, rows


def test_typesetting_characters_are_read_as_what_they_stand_for(tmp_path):  # V98
    assert plain_characters("\ufeffNo,Sasaran\nterveri\ufb01kasi in\ufb02asi Rp\u00a0612,5\u00a0M Perse\u00adntase") == \
        "No,Sasaran\nterverifikasi inflasi Rp 612,5 M Persentase"
    path = tmp_path / "d.txt"
    path.write_bytes("\ufeffKEPUTUSAN\nA\u00a0:\u00a0B\n".encode())
    assert read_text(path) == "KEPUTUSAN\nA : B\n"          # lines unchanged in number
    assert plain_characters("m² km² ≥ 80 “kutip”") == "m² km² ≥ 80 “kutip”"   # other characters stay


def test_excel_comma_csv_quoting_only_where_needed_with_a_label_row():  # V98
    text = ("LAMPIRAN\n"
            "No,Sasaran,Indikator Kinerja,Satuan,Kondisi Awal 2024,Target 2025,Formulasi,Sumber Data\n"
            '1,Meningkatnya A,Indeks B,indeks,"82,45","83,00","Jumlah C, dibagi\n'
            'jumlah D x 100%",Laporan E\n'
            '2,,"Jumlah desa ""Tangguh""",desa,3,5,,Laporan F\n'
            ",,,,,,,\n"
            "\n"
            'Jabatan :,"Kepala Bidang G, H dan I",,,,\n'
            "No,Sasaran,Indikator Kinerja,Satuan,Target,Sumber Data\n"
            "1,Meningkatnya J,Jumlah K,dokumen,4,Laporan L\n"
            "2,,Jumlah M,kali,12,Laporan L\n")
    recs, doc = records(text)
    got = [(r.name, r.sasaran, r.fields()["formula"] or None, [t["text"] for t in r.fields()["targets"]]) for r in recs]
    assert got == [("Indeks B", "Meningkatnya A", "Jumlah C, dibagi jumlah D x 100%", ["82,45", "83,00"]),
                   ('Jumlah desa "Tangguh"', "Meningkatnya A", None, ["3", "5"]),
                   ("Jumlah K", "Meningkatnya J", None, ["4"]), ("Jumlah M", "Meningkatnya J", None, ["12"])]
    assert [p.title for p in doc.positions] == ["Kepala Bidang G, H dan I"]


def test_commas_in_prose_and_names_are_no_csv():  # V98
    lines = ["Jumlah A, B, dan C yang dibina", "RAHMAT HIDAYAT, S.STP., M.Si", "1,2,3", "Menimbang,Mengingat,dan"]
    out = normalise("\n".join(lines))
    assert [e.text for e in out.entries] == lines


def test_a_full_width_row_repeated_in_every_column_is_one_cell():  # V98
    text = ("## LAMPIRAN II\n"
            "| No | Sasaran | Indikator Kinerja Individu | Satuan | Target 2025 | Sumber Data |\n"
            "|---|---|---|---|---|---|\n"
            "| Jabatan: Kepala Dinas | Jabatan: Kepala Dinas | Jabatan: Kepala Dinas | Jabatan: Kepala Dinas "
            "| Jabatan: Kepala Dinas | Jabatan: Kepala Dinas |\n"
            "| 1 | Meningkatnya A | Angka B | kejadian | 4,5 | Data C |\n"
            "| Jabatan: Kepala Bidang D | Jabatan: Kepala Bidang D | Jabatan: Kepala Bidang D "
            "| Jabatan: Kepala Bidang D | Jabatan: Kepala Bidang D | Jabatan: Kepala Bidang D |\n"
            "| 1 | Meningkatnya A | Jumlah E | unit | 240 | Seksi F |\n")
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["Kepala Dinas", "Kepala Bidang D"]
    assert [(r.name, r.fields()["unit"], r.fields()["targets"][0]["text"]) for r in recs] == \
        [("Angka B", "kejadian", "4,5"), ("Jumlah E", "unit", "240")]


def test_a_row_of_equal_figures_is_no_full_width_row():  # V98
    text = ("## INDIKATOR KINERJA UTAMA\n"
            "| No | Indikator Kinerja | Target 2025 | Target 2026 | Target 2027 |\n"
            "|---|---|---|---|---|\n"
            "| 1 | Opini BPK | WTP | WTP | WTP |\n"
            "| 2 | Nilai SAKIP | BB | BB | BB |\n")
    recs, _ = records(text)
    assert [[t["text"] for t in r.fields()["targets"]] for r in recs] == [["WTP"] * 3, ["BB"] * 3]


def test_superscript_and_asterisk_footnote_markers():  # V98
    text = ("## INDIKATOR KINERJA UTAMA\n"
            "| No | Indikator Kinerja | Satuan | Target 2025 | Formulasi |\n"
            "|---|---|---|---|---|\n"
            "| 1 | Luas genangan banjir¹ | ha | 1.250 | Luas wilayah tergenang |\n"
            "| 2 | Kapasitas tampungan air baku | m³/detik | 2,45 | Jumlah kapasitas tampungan |\n"
            "| 3 | Persentase jalan mantap² | % | 78,5* | Panjang jalan mantap dibagi panjang jalan x 100% |\n"
            "| 4 | Luas ruang terbuka hijau per m² | m² | 12.500 | Jumlah luas RTH |\n"
            "\n"
            "¹ Genangan dihitung pada 38 titik pantau.\n"
            "² Kondisi mantap adalah kondisi baik dan sedang.\n"
            "\\* Target 2025 menyesuaikan survei 2024.\n")
    recs, _ = records(text)
    got = [(r.name, r.fields()["unit"], r.fields()["targets"][0]["text"], r.fields()["note"]) for r in recs]
    assert got[0] == ("Luas genangan banjir", "ha", "1.250", "Genangan dihitung pada 38 titik pantau.")
    assert got[1][:3] == ("Kapasitas tampungan air baku", "m³/detik", "2,45")
    assert got[2] == ("Persentase jalan mantap", "%", "78,5",
                      "Kondisi mantap adalah kondisi baik dan sedang.; Target 2025 menyesuaikan survei 2024.")
    assert got[3][:2] == ("Luas ruang terbuka hijau per m²", "m²")   # a unit's power, though a footnote ² exists


def test_a_footnote_referring_elsewhere_is_no_formula():  # V98 (V82 kept for formula footnotes)
    text = ("Jabatan : Kepala Dinas\n"
            + rows(["No", "Indikator Kinerja", "Satuan", "Target"],
                   ["1", "Luas genangan banjir¹", "ha", "1.250"],
                   ["2", "Persentase jalan mantap²", "%", "80"])
            + "\n¹ Lihat catatan Lampiran I.\n² Panjang jalan mantap dibagi panjang jalan x 100%\n")
    recs, _ = records(text)
    assert [(r.name, r.fields()["formula"] or None) for r in recs] == [
        ("Luas genangan banjir", None), ("Persentase jalan mantap", "Panjang jalan mantap dibagi panjang jalan x 100%")]
    assert recs[0].fields()["note"] == "Lihat catatan Lampiran I."


def test_a_markdown_bullet_after_a_table_is_no_footnote():  # V98
    text = ("Jabatan : Kepala Dinas\n"
            + rows(["No", "Indikator Kinerja", "Satuan", "Target"], ["1", "Jumlah A*", "dokumen", "4"])
            + "\n* Bupati B;\n")
    recs, _ = records(text)
    assert recs[0].name == "Jumlah A*"


def test_cara_menghitung_heads_the_formula_and_a_multiplier_row_between_the_terms():  # V99
    text = ("Jabatan : Kepala Bidang A\n"
            + rows(["No", "Satuan", "Indikator Kinerja", "Target 2025", "Cara Menghitung", "Sumber Data"],
                   ["1", "%", "Persentase B", "85", "Jumlah C", "Laporan D"],
                   ["", "", "", "", "x 100%", ""],
                   ["", "", "", "", "Jumlah E", ""],
                   ["2", "dokumen", "Jumlah F", "2", "Jumlah F yang disusun", "Laporan D"]))
    recs, _ = records(text)
    assert [(r.name, r.fields()["formula"]) for r in recs] == [
        ("Persentase B", "Jumlah C / Jumlah E x 100%"), ("Jumlah F", "Jumlah F yang disusun")]


def test_a_total_row_of_the_weights_is_no_indicator():  # V99
    head = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Bobot (%)", "Sumber Data"]
    text = ("Jabatan : Kepala Bagian A\n"
            + rows(head, ["1", "Meningkatnya B", "Persentase C", "%", "80", "60", "Laporan D"],
                   ["2", "Meningkatnya E", "Jumlah F", "dokumen", "4", "40", "Laporan D"],
                   ["", "JUMLAH", "", "", "", "100", ""]))
    recs, doc = records(text)
    assert [(r.name, r.sasaran) for r in recs] == [("Persentase C", "Meningkatnya B"), ("Jumlah F", "Meningkatnya E")]
    assert "total-row" in [w["code"] for w in doc.warnings]
    # a row named 'Jumlah ...' with words is an indicator
    text2 = ("Jabatan : Kepala Bagian A\n" + rows(head, ["1", "Meningkatnya B", "Jumlah kegiatan", "kali", "4", "100", "X"]))
    assert [r.name for r in records(text2)[0]] == ["Jumlah kegiatan"]


def test_a_numeric_date_on_the_tanggal_line():  # V99
    from generator.importer.metadata import extract
    meta = extract("KEPUTUSAN CAMAT A\nNOMOR 1/2025\n\nDitetapkan di\t: Kotabaru\nPada tanggal\t: 06-01-2025\n"
                   "CAMAT A,\n\nttd\n\nB\n")
    assert meta["signed_on"] == "2025-01-06"
    meta = extract("KEPUTUSAN CAMAT A\n\nDitetapkan di Kotabaru\nNomor 06-13-2025\nCAMAT A,\n\nB\n")
    assert meta["signed_on"] == ""     # no 'tanggal' line, a month 13: no date


def test_a_caption_over_positions_and_agency_headings_between_them():  # V99
    head = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target 2025"]
    text = ("LAMPIRAN I\n\n1. KELURAHAN TAWANG\n\n"
            + rows(head, ["1", "Meningkatnya B", "Indeks C", "indeks", "84"])
            + "\n2. KELURAHAN KELUN\n\n" + rows(head, ["1", "Meningkatnya B", "Indeks C", "indeks", "83"])
            + "\nII. INDIKATOR KINERJA INDIVIDU LURAH\n\n1. KELURAHAN TAWANG\nJabatan : Lurah A\n"
            + rows(head, ["1", "Meningkatnya B", "Indeks C", "indeks", "84"])
            + "\n2. KELURAHAN KELUN\nJabatan : Lurah D\n" + rows(head, ["1", "Meningkatnya B", "Jumlah E", "kali", "12"]))
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["Lurah A", "Lurah D"]
    assert [r.fields()["agency"] for r in recs] == ["KELURAHAN TAWANG", "KELURAHAN KELUN", "KELURAHAN TAWANG", "KELURAHAN KELUN"]


def test_a_caption_position_with_its_own_table_stays():  # V68/V94 kept
    text = ("INDIKATOR KINERJA INDIVIDU SEKRETARIS CAMAT\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Target"], ["1", "Meningkatnya A", "Jumlah B", "4"]))
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["SEKRETARIS CAMAT"] and [r.name for r in recs] == ["Jumlah B"]


def test_bold_rows_are_the_sasaran_in_one_sasaran_indikator_column():  # V100
    text = ("LAMPIRAN\n"
            + rows(["No", "Sasaran Strategis / Indikator Kinerja", "Satuan", "Target 2025", "Sumber Data"],
                   ["1", "**Meningkatnya A**", "", "", ""],
                   ["", "- Persentase B", "%", "95", "Laporan C"],
                   ["", "- Indeks D", "indeks", "-0,25", "BPS"],
                   ["2", "**Menurunnya E**", "", "", ""],
                   ["", "- Angka F", "poin", "Menurun", "BPS"]))
    recs, _ = records(text)
    assert [(r.name, r.sasaran, r.fields()["targets"][0]["text"]) for r in recs] == [
        ("Persentase B", "Meningkatnya A", "95"), ("Indeks D", "Meningkatnya A", "-0,25"), ("Angka F", "Menurunnya E", "Menurun")]


def test_bold_names_in_every_row_are_indicators():  # V100: bold everywhere marks no level
    text = ("LAMPIRAN\n"
            + rows(["No", "Indikator Kinerja", "Satuan", "Target 2025"],
                   ["1", "**Persentase B**", "", ""], ["2", "**Indeks D**", "", ""]))
    recs, _ = records(text)
    assert [r.name.strip("*") for r in recs] == ["Persentase B", "Indeks D"]


def test_target_and_budget_pairs_under_each_year_repeated_after_a_page_break():  # V100
    head = rows(["No", "Indikator Kinerja", "Satuan", "Target Kinerja dan Kerangka Pendanaan", "", "", ""],
                ["", "", "", "2025", "", "2026", ""],
                ["", "", "", "Target", "Rp", "Target", "Rp"])
    text = ("LAMPIRAN\n" + head + rows(["1", "Produktivitas padi", "ton/ha", "6,01", "42.350.000", "6,10", "44.500.000"])
            + "\n- 2 -\n\n" + head + rows(["2", "Produksi jagung", "ton", "190.000", "12.500.000", "195.000", "13.000.000"]))
    recs, _ = records(text)
    assert [[(t["year"], t["text"]) for t in r.fields()["targets"]] for r in recs] == [
        [(2025, "6,01"), (2026, "6,10")], [(2025, "190.000"), (2026, "195.000")]]


def test_letter_spaced_heading_lines_are_words():  # V101
    from generator.importer.blocks import unspaced
    from generator.importer.metadata import extract
    assert unspaced("K E P U T U S A N   S E K R E T A R I S   D A E R A H") == "KEPUTUSAN SEKRETARIS DAERAH"
    assert unspaced("N O M O R   100.3.3.2/ 07 /ORG/2025") == "NOMOR 100.3.3.2/ 07 /ORG/2025"
    for line in ("Lampiran I A B C D", "No\tA B C D E", "I. A B C", "Jumlah A  B"):
        assert unspaced(line) == line       # a run of short words, a table row: as written
    meta = extract(plain_characters("PEMERINTAH KABUPATEN KOTABARU\nS E K R E T A R I A T   D A E R A H\n\n"
                                    "K E P U T U S A N   S E K R E T A R I S   D A E R A H\nK A B U P A T E N   K O T A B A R U\n"
                                    "N O M O R   100/ 07 /ORG/2025\n\nT E N T A N G\n\nINDIKATOR KINERJA INDIVIDU TAHUN 2025\n\n"
                                    "SEKRETARIS DAERAH KABUPATEN KOTABARU,\n"))
    assert meta["title"] == "INDIKATOR KINERJA INDIVIDU TAHUN 2025" and meta["number"] == "100/ 07 /ORG/2025"


def test_a_transposed_matrix_one_indicator_per_column():  # V102
    text = ("MATRIKS INDIKATOR KINERJA UTAMA\n"
            + rows(["Uraian", "IKU 1", "IKU 2"],
                   ["Sasaran Strategis", "Meningkatnya A", "Meningkatnya A"],
                   ["Indikator Kinerja", "Indeks B", "Persentase C"],
                   ["Satuan", "indeks", "%"],
                   ["Kondisi Awal 2024", "82,10", "-"],
                   ["Target 2025", "83", "95"])
            + "\nLAMPIRAN II\n")
    recs, _ = records(text)
    assert [(r.name, r.sasaran, r.fields()["unit"], [(t["year"], t["kind"], t["text"]) for t in r.fields()["targets"]])
            for r in recs] == [
        ("Indeks B", "Meningkatnya A", "indeks", [(2024, "baseline", "82,10"), (2025, "target", "83")]),
        ("Persentase C", "Meningkatnya A", "%", [(2025, "target", "95")])]


def test_a_table_whose_first_header_is_uraian_is_no_matrix():  # V102: the columns must be IKU n
    text = ("LAMPIRAN\n" + rows(["Uraian", "Indikator Kinerja", "Target 2025"], ["Meningkatnya A", "Indeks B", "83"]))
    assert [e.text for e in normalise(text).entries][1] == "Uraian\tIndikator Kinerja\tTarget 2025"

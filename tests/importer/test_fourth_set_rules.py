"""Snippet tests of the rules the fourth blind set (u43-u54) showed were missing (V88-V9x in
docs/import-formats.md): each a few lines of text in the layout, the fields out, and the
negative case that must stay as it was."""
from generator.importer.metadata import extract
from generator.importer.ocr import digits, label_words, letters
from generator.importer.syntax import normalise
from tests.importer.test_import_rules import fields, records, rows


def test_pipe_header_over_its_separator_takes_the_years_row_under_it():  # V88
    text = ("## INDIKATOR KINERJA UTAMA\n"
            "| No | Sasaran | Indikator Kinerja | Satuan | Target | Target | Sumber Data |\n"
            "|---|---|---|---|---|---|---|\n"
            "| No | Sasaran | Indikator Kinerja | Satuan | 2025 | 2026 | Sumber Data |\n"
            "| 1 | Meningkatnya A | Persentase B | % | 90 | 92 | Laporan C |\n")
    [f] = fields(text)
    assert f["targets"] == [{"year": 2025, "kind": "target", "text": "90"}, {"year": 2026, "kind": "target", "text": "92"}]


def test_pipe_blank_merged_header_cells_and_a_years_row():  # V88
    text = ("## INDIKATOR KINERJA UTAMA\n"
            "| No | Sasaran | Indikator Kinerja | Target |  | Sumber Data |\n"
            "|---|---|---|---|---|---|\n"
            "|  |  |  | 2025 | 2026 |  |\n"
            "| 1 | Meningkatnya kualitas | Indeks A | 77,1 | 77,4 | KLHK |\n"
            "|  | lingkungan | (IKLH) Provinsi |  |  |  |\n")
    [f] = fields(text)
    assert (f["name"], f["goal"]) == ("Indeks A (IKLH) Provinsi", "Meningkatnya kualitas lingkungan")
    assert [t["year"] for t in f["targets"]] == [2025, 2026]


def test_rows_repeating_a_merged_indicator_are_one_indicator():  # V88
    head = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target 2025", "Formulasi", "Sumber Data"]
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(head,
                   ["1", "Meningkatnya A", "Persentase B", "%", "90", "Jumlah B yang terbit", "Aplikasi C"],
                   ["1", "Meningkatnya A", "Persentase B", "%", "90", "Jumlah B yang diajukan x 100%", "Aplikasi C"],
                   ["2", "Meningkatnya A", "Nilai D", "Rp", "12,5", "Jumlah D", "Sistem E"],
                   ["2", "Meningkatnya A", "Nilai D", "Rp", "12,5", "Jumlah D", "Laporan F"],
                   ["3", "Meningkatnya A", "Nilai D", "Rp", "13", "Jumlah D", "Sistem E"]))
    recs, doc = records(text)
    got = [(r.name, r.fields()["formula"], r.fields()["data_source"]) for r in recs]
    assert got == [("Persentase B", "Jumlah B yang terbit / Jumlah B yang diajukan x 100%", "Aplikasi C"),
                   ("Nilai D", "Jumlah D", "Sistem E; Laporan F"),
                   ("Nilai D", "Jumlah D", "Sistem E")]  # another number: another indicator
    assert [w["code"] for w in doc.warnings].count("merged-cells-repeated") == 2


def test_semicolon_csv_with_a_spanning_target_and_a_label_row():  # V89
    text = ("LAMPIRAN\n"
            "No;Sasaran;Indikator Kinerja;Satuan;Kondisi Awal;Target;;Formulasi;Sumber Data\n"
            ";;;;2024;2025;2026;;\n"
            '1;Meningkatnya A;Persentase B;%;12,5;11,0;10,0;"Jumlah B\n'
            'dibagi jumlah C x 100%";"Peta D; Laporan E"\n'
            ";;;;;;;;\n"
            "\n"
            "Jabatan :;Kepala Bidang F;;;;\n"
            "No;Sasaran;Indikator Kinerja;Satuan;Target 2025;Sumber Data\n"
            '1;Menurunnya G;"Jumlah desa ""Lestari""";desa;15;Laporan H\n')
    recs, doc = records(text)
    assert [(r.name, r.fields()["formula"], r.fields()["data_source"]) for r in recs] == [
        ("Persentase B", "Jumlah B dibagi jumlah C x 100%", "Peta D; Laporan E"),
        ('Jumlah desa "Lestari"', "", "Laporan H")]
    assert recs[0].targets()[0] == {"year": 2024, "kind": "baseline", "text": "12,5"}
    assert [p.title for p in doc.positions] == ["Kepala Bidang F"]


def test_semicolons_in_prose_are_no_table():  # V89
    text = "Menimbang : a. bahwa A; b. bahwa B; c. bahwa C;\n"
    assert normalise(text).entries[0].text == text.rstrip("\n")


def test_ocr_confusions_read_back_in_numbers_labels_and_headers_only():  # V90
    assert digits("l4 Pebruari 2O25") == "14 Pebruari 2025" and digits("1.2OO") == "1.200"
    assert digits("II") == "II" and digits("l x 24 jam") == "l x 24 jam" and digits("Ol") == "Ol"
    assert letters("N0 lndikator Formu1asi DlNAS") == "NO Indikator Formulasi DINAS"
    assert letters("B3 SPALD-T 100%") == "B3 SPALD-T 100%"
    assert label_words("l. Jabat an : Kepala Dinas") == "1. Jabatan : Kepala Dinas"
    text = ("l. Jabat an : Kepala Dinas\n"
            + rows(["N0", "Sasaran", "lndikator Kinerja", "Sat uan", "Target 2O25", "Sumbe r Data"],
                   ["l", "Meningkatnya akuntabi1itas A", "Nilai B", "nilai", "1.2OO", "LHE C"]))
    recs, doc = records(text)
    [r] = recs
    assert [p.title for p in doc.positions] == ["Kepala Dinas"]
    # cells stay as written (a person checks them): flagged and warned
    assert r.sasaran == "Meningkatnya akuntabi1itas A" and r.targets() == [{"year": 2025, "kind": "target", "text": "1.2OO"}]
    assert {"ocr-digits", "ocr-letters"} <= {w["code"] for w in doc.warnings}
    assert "ocr-suspect" in r.field_flags["goal"] and "ocr-suspect" in r.field_flags["targets"]


def test_ocr_confusions_in_metadata():  # V90
    meta = extract("KEPUTUSAN KEPALA DlNAS A\nNOMOR : 1/2025\n\nTENTANG\n\nB TAHUN 2025\n\n"
                   "Ditetapkan di C\npada tanggal l4 Pebruari 2O25\nKEPALA DINAS A,\n\nttd\n\nNAMA D\n")
    assert meta["instrument"] == "Keputusan Kepala Dinas A" and meta["signed_on"] == "2025-02-14"


def test_annex_reference_rows_end_a_table_and_a_running_header_does_not():  # V91
    head = ["No.", "Sasaran", "Indikator Kinerja", "Target", "Sumber Data"]
    text = ("LAMPIRAN KEPUTUSAN KEPALA BADAN A\n" + rows(["NOMOR", ": 1/2025"], ["TANGGAL", ": 2 Januari 2025"])
            + "\nA. KEPALA BADAN A\n\n" + rows(head, ["1.", "Meningkatnya B", "Persentase C", "100", "Subbagian Umum dan"])
            + "\nDokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
              "diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN\nHalaman 1 dari 2\n\n"
            + "LAMPIRAN KEPUTUSAN KEPALA BADAN A\n" + rows(["NOMOR", ": 1/2025"], ["TANGGAL", ": 2 Januari 2025"])
            + "\n" + rows(head, ["", "", "", "", "Kepegawaian"], ["2.", "", "Nilai D", "BB", "LHE"]))
    recs, doc = records(text)
    assert [(r.name, r.sasaran, r.data_source) for r in recs] == [
        ("Persentase C", "Meningkatnya B", "Subbagian Umum dan Kepegawaian"), ("Nilai D", "Meningkatnya B", "LHE")]
    # the first reference rows under an IKU table end it: not glued onto its last row
    text2 = ("## INDIKATOR KINERJA UTAMA\n" + rows(["No", "Sasaran", "Indikator Kinerja", "Satuan"],
                                                 ["1", "Meningkatnya A", "Indeks B", "indeks"])
             + "\nLAMPIRAN II\n" + rows(["NOMOR", ": 1/2025"]))
    [f] = fields(text2)
    assert (f["name"], f["goal"], f["unit"]) == ("Indeks B", "Meningkatnya A", "indeks")


def test_electronic_signature_block_gives_the_full_title_and_the_name():  # V91
    meta = extract("KEPUTUSAN KEPALA BADAN A\nNOMOR : 1/2025\n\nTENTANG\n\nB TAHUN 2025\n\n"
                   "Ditetapkan di C\npada tanggal 2 Januari 2025\nKEPALA BADAN,\n\n"
                   "Ditandatangani secara elektronik oleh:\nKEPALA BADAN A\nPROVINSI D,\nDr. NAMA E, M.Si.\n"
                   "NIP. 19720314 199803 1 004\n")
    assert (meta["signer_title"], meta["signer_name"]) == ("KEPALA BADAN A PROVINSI D", "Dr. NAMA E, M.Si.")


def test_title_ends_at_a_one_line_issuer_with_commas_in_its_name():
    meta = extract("KEPUTUSAN KEPALA DINAS A\nNOMOR : 1/2025\n\nTENTANG\n\nINDIKATOR KINERJA B TAHUN 2025\n\n"
                   "KEPALA DINAS KOMUNIKASI, INFORMATIKA DAN PERSANDIAN PROVINSI C,\n\nMenimbang : a. bahwa\n")
    assert meta["title"] == "INDIKATOR KINERJA B TAHUN 2025"


def test_a_sasaran_word_broken_at_the_line_end():  # V65 for the sasaran column
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Satuan"],
                   ["1", "Meningkatnya pemerintahan berbasis elek-", "Indeks A", "indeks"],
                   ["", "tronik", "", ""],
                   ["2", "", "Indeks B", "indeks"]))
    assert [f["goal"] for f in fields(text)] == ["Meningkatnya pemerintahan berbasis elektronik"] * 2


def test_persetujuan_in_a_wrapped_row_is_no_tujuan_header():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Target 2025", "Sumber Data"],
                   ["1", "Meningkatnya ketaatan usaha", "Persentase usaha yang taat terhadap", "75", "Bidang A dan"],
                   ["", "kegiatan terhadap izin", "persetujuan lingkungan", "", "Penegakan Hukum"]))
    [f] = fields(text)
    assert f["name"] == "Persentase usaha yang taat terhadap persetujuan lingkungan"
    assert f["data_source"] == "Bidang A dan Penegakan Hukum"


def test_a_cell_split_by_the_page_under_a_repeated_header_is_no_subheader():  # V91
    head = ["No.", "Sasaran", "Indikator Kinerja", "Target", "Sumber Data"]
    text = ("Jabatan : Kepala Bidang A\n" + rows(head, ["1.", "Meningkatnya B", "Persentase C", "100", "Bidang"])
            + "\nHalaman 2 dari 3\n\n" + rows(head, ["", "", "", "", "Anggaran"]))
    [f] = fields(text)
    assert f["data_source"] == "Bidang; Anggaran"  # 'Anggaran' heads no column here: the source goes on


def test_signature_block_written_as_table_rows_is_no_data():  # V92
    head = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Sumber Data"]
    text = ("Jabatan : Sekretaris Camat\n"
            + rows(head, ["1", "Meningkatnya A", "Persentase B", "%", "100", "Subbagian C"],
                   ["", "Pejabat Penilai,", "", "", "Pegawai yang Dinilai,", ""],
                   ["", "Camat D", "", "", "Sekretaris Camat", ""],
                   ["", "ttd", "", "", "ttd", ""],
                   ["", "NAMA E, S.STP.", "", "", "NAMA F, S.E.", ""])
            + "\nJabatan : Kepala Seksi G\n"
            + rows(head, ["1", "Meningkatnya H", "Jumlah I", "kali", "52", "Laporan J"],
                   ["", "", "", "", "CAMAT D,", ""], ["", "", "", "", "ttd", ""]))
    recs, doc = records(text)
    assert [(r.name, r.sasaran, r.targets()[0]["text"]) for r in recs] == [
        ("Persentase B", "Meningkatnya A", "100"), ("Jumlah I", "Meningkatnya H", "52")]
    assert [p.title for p in doc.positions] == ["Sekretaris Camat", "Kepala Seksi G"]
    assert [w["code"] for w in doc.warnings].count("signature-rows") == 2


def test_a_wrapped_lower_case_sasaran_ending_with_a_comma_is_no_signature():  # V92
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Satuan"],
                   ["1", "Meningkatnya kualitas pelayanan,", "Indeks A", "indeks"],
                   ["", "ketertiban dan keamanan,", "", ""],
                   ["2", "", "Indeks B", "indeks"]))
    assert [f["name"] for f in fields(text)] == ["Indeks A", "Indeks B"]


def test_units_in_the_figure_headers_and_units_in_charge_as_group_rows():  # V93
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Kondisi Awal 2024 (%)", "Target 2025 (%)", "Sumber Data"],
                   ["BIDANG BINA MARGA", "", "", "", "", ""],
                   ["1", "Meningkatnya A", "Persentase jalan B", "68,5", "70", "Data C"],
                   ["2", "", "Persentase jembatan D", "81", "83", "Data E"],
                   ["BIDANG SUMBER DAYA AIR", "", "", "", "", ""],
                   ["3", "Meningkatnya F", "Persentase irigasi G", "62", "64", "Bidang SDA"]))
    recs, doc = records(text)
    got = [(r.name, r.fields()["unit"], r.responsible) for r in recs]
    assert got == [("Persentase jalan B", "%", "BIDANG BINA MARGA"), ("Persentase jembatan D", "%", "BIDANG BINA MARGA"),
                   ("Persentase irigasi G", "%", "BIDANG SUMBER DAYA AIR")]
    assert recs[0].targets()[0] == {"year": 2024, "kind": "baseline", "text": "68,5"}
    assert {"unit-in-header", "responsible-group-row"} <= {w["code"] for w in doc.warnings}
    # different units in the headers, or a Penanggung Jawab column: nothing guessed
    text2 = ("## INDIKATOR KINERJA UTAMA\n"
             + rows(["No", "Sasaran", "Indikator Kinerja", "Target 2025 (%)", "Target 2026 (unit)", "Penanggung Jawab"],
                    ["SEKSI A", "", "", "", "", ""], ["1", "Meningkatnya A", "Persentase B", "70", "3", "Kasi C"]))
    [f] = fields(text2)
    assert (f["unit"], f["responsible"]) == (None, "Kasi C")


def test_a_table_caption_names_the_agency_of_its_rows():  # V94
    head = ["Kode", "Sasaran Strategis", "Kode IKU", "Indikator Kinerja Utama", "Target 2025"]
    text = ("Tabel 1. Indikator Kinerja Utama Kecamatan A\n\n" + rows(head, ["SS.01", "Meningkatnya B", "IKU.01.1", "Indeks C", "84"])
            + "\nTabel 2. Indikator Kinerja Utama Kecamatan D\n\n" + rows(head, ["SS.01", "Meningkatnya B", "IKU.01.1", "Indeks C", "82"]))
    assert [(f["name"], f["goal"], f["agency"]) for f in fields(text)] == [
        ("Indeks C", "Meningkatnya B", "Kecamatan A"), ("Indeks C", "Meningkatnya B", "Kecamatan D")]


def test_iki_caption_title_leaves_its_year_out():  # V94
    text = ("INDIKATOR KINERJA INDIVIDU SEKRETARIS KECAMATAN TAHUN 2025\n\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Target"], ["1", "Meningkatnya A", "Persentase B", "100"]))
    _, doc = records(text)
    assert [p.title for p in doc.positions] == ["SEKRETARIS KECAMATAN"]


PANDOC = """  ----------------------------------------------------------
  No   Sasaran            Indikator Kinerja      Satuan   Target
                                                          2025
  ---- ------------------ ---------------------- -------- --------
  1    Meningkatnya       Persentase dokumen     %        100
       kualitas           perencanaan yang
       pelayanan          disusun tepat waktu

  2                       Jumlah kelurahan yang  kelurahan 8
                          dibina
  ----------------------------------------------------------
"""


def test_pandoc_multiline_table():  # V95
    got = [(f["name"], f["goal"], f["unit"], f["targets"]) for f in fields("## INDIKATOR KINERJA UTAMA\n" + PANDOC)]
    assert got == [("Persentase dokumen perencanaan yang disusun tepat waktu", "Meningkatnya kualitas pelayanan", "%",
                    [{"year": 2025, "kind": "target", "text": "100"}]),
                   ("Jumlah kelurahan yang dibina", "Meningkatnya kualitas pelayanan", "kelurahan",
                    [{"year": 2025, "kind": "target", "text": "8"}])]


def test_pandoc_simple_table_and_a_dash_rule_in_prose():  # V95
    simple = ("No  Sasaran         Indikator Kinerja   Target\n"
              "--  --------------  ------------------  ------\n"
              "1   Meningkatnya A  Persentase B        90\n"
              "2   Meningkatnya C  Indeks D            85\n")
    assert [(f["name"], f["goal"]) for f in fields("## INDIKATOR KINERJA UTAMA\n" + simple)] == [
        ("Persentase B", "Meningkatnya A"), ("Indeks D", "Meningkatnya C")]
    prose = "Keterangan\n------------------------------\nsemua angka dalam persen\n"
    assert [e.text for e in normalise(prose).entries] == prose.split("\n")


def test_roman_year_columns_a_legend_and_roman_sasaran_rows():  # V96
    from generator.importer.targets import rows as target_rows
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran / Indikator Kinerja Utama", "Satuan", "Kondisi Awal", "Target Kinerja Tahun ke-", "", "",
                    "Sumber Data"],
                   ["", "", "", "", "I", "II", "III", ""],
                   ["I", "Meningkatnya kualitas A", "", "", "", "", "", ""],
                   ["1", "Persentase B", "%", "88", "90", "92", "94", "Bidang C"],
                   ["II", "Meningkatnya D", "", "", "", "", "", ""],
                   ["2", "Jumlah E", "dokumen", "-", "3", "4", "4", "Bidang F"])
            + "\nKeterangan:\n1. Tahun ke-I sampai dengan Tahun ke-III adalah Tahun 2025 sampai dengan Tahun 2027.\n"
              "2. Kondisi Awal adalah capaian Tahun 2024.\n")
    got = [(f["name"], f["goal"], [(t["kind"], t["year"], t["text"]) for t in f["targets"]]) for f in fields(text)]
    assert got == [("Persentase B", "Meningkatnya kualitas A", [("baseline", 2024, "88"), ("target", 2025, "90"),
                                                                ("target", 2026, "92"), ("target", 2027, "94")]),
                   ("Jumlah E", "Meningkatnya D", [("target", 2025, "3"), ("target", 2026, "4"), ("target", 2027, "4")])]
    # without a legend the count is kept (-1: the period's first year) and the package maps it to the period
    [f] = fields("Jabatan : Kepala Badan\n" + rows(["No", "Sasaran", "Indikator Kinerja", "Target Tahun ke-I"],
                                                    ["1", "Meningkatnya A", "Persentase B", "90"]))
    assert f["targets"] == [{"year": -1, "kind": "target", "text": "90"}]
    out, guessed = target_rows("i", "d", f["targets"], "%", [2025, 2026, 2027])
    assert [r["year"] for r in out] == ["2025"] and guessed == 0


def test_roman_numbers_in_every_row_are_no_sasaran_rows():  # V96: an Arabic-numbered table only
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Target"],
                   ["I", "Meningkatnya A", "Persentase B", "90"],
                   ["II", "Meningkatnya C", "Indeks D", "80"]))
    assert [f["name"] for f in fields(text)] == ["Persentase B", "Indeks D"]


def test_a_merged_sasaran_and_responsible_printed_centred():  # V97
    head = ["No", "Sasaran", "Indikator Kinerja", "Target", "Formula", "Penanggung Jawab"]
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(head,
                   ["1", "", "Angka A", "85", "Jumlah A", ""],
                   ["2", "Meningkatnya derajat kesehatan", "Angka B", "6,5", "Jumlah B", "Bidang C"],
                   ["3", "ibu dan anak", "Prevalensi D", "14", "Jumlah D", ""],
                   ["4", "", "Persentase E", "40", "Jumlah E terakreditasi", ""],
                   ["", "Meningkatnya mutu", "", "", "———————— x 100%", "Bidang F"],
                   ["", "pelayanan", "", "", "Jumlah E", ""],
                   ["5", "", "Persentase G", "90", "Jumlah G", ""]))
    recs, doc = records(text)
    got = [(r.name, r.sasaran, r.responsible) for r in recs]
    assert got == [("Angka A", "Meningkatnya derajat kesehatan ibu dan anak", "Bidang C"),
                   ("Angka B", "Meningkatnya derajat kesehatan ibu dan anak", "Bidang C"),
                   ("Prevalensi D", "Meningkatnya derajat kesehatan ibu dan anak", "Bidang C"),
                   ("Persentase E", "Meningkatnya mutu pelayanan", "Bidang F"),
                   ("Persentase G", "Meningkatnya mutu pelayanan", "Bidang F")]
    assert recs[3].fields()["formula"] == "Jumlah E terakreditasi / Jumlah E x 100%"
    assert {"sasaran-centred", "responsible-centred"} <= {w["code"] for w in doc.warnings}


def test_a_responsible_on_the_first_row_only_is_not_spread():  # V97: the README rule stays
    head = ["No", "Sasaran", "Indikator Kinerja", "Target", "Penanggung Jawab"]
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(head, ["1", "Meningkatnya A", "Angka B", "85", "Bidang C"], ["2", "", "Angka D", "6", ""]))
    assert [f["responsible"] for f in fields(text)] == ["Bidang C", ""]


def test_a_source_wrapped_at_a_comma_is_no_signature_opener():  # V92
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Target", "Sumber Data"],
                   ["1", "Meningkatnya A", "Persentase B", "100", "Laporan Bidang C,"],
                   ["", "", "", "", "Laporan Bidang D"],
                   ["2", "", "Indeks E", "80", "Laporan F"]))
    assert [(f["name"], f["data_source"]) for f in fields(text)] == [
        ("Persentase B", "Laporan Bidang C, Laporan Bidang D"), ("Indeks E", "Laporan F")]


def test_a_legend_dates_counted_columns_only_from_the_first_year():  # V96
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Indikator Kinerja", "Target Tahun ke-", ""], ["", "", "I", "II"],
                   ["1", "Persentase A", "90", "92"])
            + "\nKeterangan:\nTarget Tahun ke-II adalah Tahun 2026.\n")
    [f] = fields(text)
    assert [t["year"] for t in f["targets"]] == [-1, -2]  # not dated by a legend naming the second year

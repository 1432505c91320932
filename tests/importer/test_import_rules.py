"""One snippet per parsing rule: a few lines of decree text in, the record fields out
(docs/import-formats.md gives the contract and the catalogue of layouts)."""
from generator.importer.cells import strip_html
from generator.importer.rows import strip_column_number, table_records
from generator.importer.sections import parse

T = "\t"


def rows(*cells_rows: list[str]) -> str:
    return "\n".join(T.join(r) for r in cells_rows) + "\n"


def records(text: str):
    doc = parse(text)
    tables = doc.agency_tables + [t for p in doc.positions for t in p.tables]
    tables.sort(key=lambda t: t.line)
    return [r for t in tables for r in table_records(t, doc.warn)], doc


def fields(text: str) -> list[dict]:
    recs, _ = records(text)
    return [{"name": r.name, "goal": r.sasaran, **r.fields()} for r in recs]


def test_year_columns_under_a_spanning_target_and_a_baseline():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Kondisi Awal", "Target", "", "", "Sumber Data"],
                   ["", "", "", "", "2021", "2022", "2023", "2024", ""],
                   ["1", "Meningkatnya A", "Persentase B", "%", "70", "75", "-", "85", "Laporan C"]))
    [f] = fields(text)
    assert f["unit"] == "%" and f["data_source"] == "Laporan C"
    assert f["targets"] == [{"year": 2021, "kind": "baseline", "text": "70"},
                            {"year": 2022, "kind": "target", "text": "75"},
                            {"year": 2024, "kind": "target", "text": "85"}]


def test_target_year_headers_in_one_row_and_columns_in_another_order():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["Indikator Kinerja", "Target 2025", "Target 2026", "Definisi Operasional", "Sasaran Strategis"],
                   ["Indeks B", "3,2", "3,4", "Rata-rata nilai B", "Meningkatnya A"]))
    [f] = fields(text)
    assert (f["goal"], f["formula"]) == ("Meningkatnya A", "Rata-rata nilai B")
    assert [(t["year"], t["text"]) for t in f["targets"]] == [(2025, "3,2"), (2026, "3,4")]


def test_single_target_column_has_no_year_and_dash_is_no_target():
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Target", "Penjelasan"],
                                        ["Meningkatnya A", "Jumlah B", "4 dokumen", "Jumlah B tersusun"],
                                        ["", "Jumlah C", "-", "Jumlah C tersusun"])
    a, b = fields(text)
    assert a["targets"] == [{"year": None, "kind": "target", "text": "4 dokumen"}] and b["targets"] == []
    assert a["unit"] is None and a["agency"] is None and a["flags"] == {}


def test_agency_column_is_carried_down():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Perangkat Daerah", "Sasaran", "Indikator", "Target"],
                   ["1", "Dinas Kesehatan", "Meningkatnya A", "Angka B", "10"],
                   ["", "", "", "Angka C", "12"],
                   ["2", "Dinas Sosial", "Menurunnya D", "Persentase E", "5%"]))
    assert [(f["name"], f["agency"]) for f in fields(text)] == [
        ("Angka B", "Dinas Kesehatan"), ("Angka C", "Dinas Kesehatan"), ("Persentase E", "Dinas Sosial")]


def test_per_agency_tables_under_headings():
    head = ["Sasaran", "Indikator Kinerja Utama", "Formulasi", "Sumber Data"]
    text = ("A. DINAS PENDIDIKAN\n" + rows(head, ["Meningkatnya A", "Angka B", "B / C", "Dapodik"])
            + "\nB. DINAS KESEHATAN\n" + rows(head, ["Meningkatnya D", "Angka E", "E / F", "Profil"]))
    assert [(f["name"], f["agency"]) for f in fields(text)] == [("Angka B", "DINAS PENDIDIKAN"),
                                                                ("Angka E", "DINAS KESEHATAN")]


def test_one_agency_heading_is_the_decree_own_agency():
    text = "PERANGKAT DAERAH : DINAS PENDIDIKAN\n" + rows(["Sasaran", "Indikator", "Formulasi"],
                                                          ["Meningkatnya A", "Angka B", "-"])
    assert fields(text)[0]["agency"] is None


def test_jabatan_column_gives_one_position_per_value_and_group_headings_are_skipped():
    text = ("A. JABATAN PIMPINAN TINGGI PRATAMA\n"
            + rows(["No", "Jabatan", "Sasaran", "Indikator Kinerja Individu", "Target"],
                   ["1", "Kepala Dinas", "Meningkatnya A", "Persentase B", "80%"],
                   ["B.", "JABATAN ADMINISTRATOR", "", "", ""],
                   ["2", "Sekretaris", "Meningkatnya C", "Persentase D", "90%"],
                   ["", "", "", "Persentase E", "95%"],
                   ["3", "Kepala Dinas", "Meningkatnya A", "Persentase F", "70%"]))
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["Kepala Dinas", "Sekretaris"]
    assert [[r.name for t in p.tables for r in table_records(t, doc.warn)] for p in doc.positions] == [
        ["Persentase B", "Persentase F"], ["Persentase D", "Persentase E"]]


def test_group_heading_lines_are_not_positions():
    head = rows(["Sasaran", "Indikator", "Formulasi"], ["Meningkatnya A", "Jumlah B", "-"])
    text = ("A. JABATAN PIMPINAN TINGGI PRATAMA\n1. Jabatan : Kepala Dinas\n" + head
            + "B. JABATAN ADMINISTRATOR\nJabatan : Sekretaris\n" + head + "JABATAN FUNGSIONAL\nJabatan : Analis\n" + head)
    assert [p.title for p in parse(text).positions] == ["Kepala Dinas", "Sekretaris", "Analis"]


def test_fill_down_markers_are_resolved_and_flagged():
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Formulasi", "Sumber Data"],
                                        ["Meningkatnya A", "Jumlah B", "-", "Laporan X"],
                                        ["", "Jumlah C", "-", "-sda-"],
                                        ["", "Jumlah D", "-", "Idem"],
                                        ["", "Jumlah E", "-", "Buku F"])
    recs, doc = records(text)
    got = [(r.name, r.fields()["data_source"], r.fields()["flags"]) for r in recs]
    assert got == [("Jumlah B", "Laporan X", {}), ("Jumlah C", "Laporan X", {"data_source": ["fill-down"]}),
                   ("Jumlah D", "Laporan X", {"data_source": ["fill-down"]}), ("Jumlah E", "Buku F", {})]
    assert [w["line"] for w in doc.warnings if w["code"] == "fill-down"] == [4, 5]


def test_multi_item_cells_are_paired_item_by_item():
    text = "Jabatan : Kasi A\n" + rows(
        ["Sasaran", "Indikator", "Satuan", "Target", "Sumber Data"],
        ["Meningkatnya A", "<ol><li>Jumlah B</li><li>Persentase C</li></ol>", "dokumen<br>%", "4<br>80", "Laporan"])
    got = [(f["name"], f["unit"], f["targets"][0]["text"], f["data_source"], f["flags"]) for f in fields(text)]
    assert got == [("Jumlah B", "dokumen", "4", "Laporan", {}), ("Persentase C", "%", "80", "Laporan", {})]


def test_multi_item_count_disagreement_is_flagged_not_guessed():
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Target"],
                                        ["Meningkatnya A", "1. Jumlah B 2. Jumlah C 3. Jumlah D", "1) 4 2) 5"])
    recs, doc = records(text)
    assert [r.fields()["flags"] for r in recs] == [{"targets": ["items-mismatch"]}] * 3
    assert {r.fields()["targets"][0]["text"] for r in recs} == {"1) 4 2) 5"}
    assert [w["code"] for w in doc.warnings] == ["items-mismatch"]


def test_ocr_junk_never_becomes_a_goal_and_suspect_text_is_flagged():
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran", "Indikator", "Formulasi"],
                                        ["1", "Tersedianya A", "Jumlah B", "-"],
                                        ["", "Trained?", "Persentasc C", "-"])
    a, b = fields(text)
    assert b["goal"] == "Tersedianya A"
    assert b["flags"] == {"goal": ["ocr-suspect"], "name": ["ocr-suspect"]}


def test_lower_case_sasaran_tail_continues_the_goal_above():
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran Kinerja", "Indikator Kinerja", "Formulasi"],
                                        ["2", "Tersedianya standar yang lengkap dan", "Jumlah A", "A tersusun"],
                                        ["", "akurat", "Jumlah B", "B tersusun"],
                                        ["3", "Tersusunnya laporan", "Indeks C", "Nilai C"])
    assert [f["goal"] for f in fields(text)] == ["Tersedianya standar yang lengkap dan akurat"] * 2 + [
        "Tersusunnya laporan"]


def test_wrapped_indicator_tail_without_its_own_cells_joins_the_name():
    text = "Jabatan : Kepala Bidang\n" + rows(
        ["No", "Sasaran", "Indikator Kinerja", "Formulasi", "Sumber Data"],
        ["2", "Meningkatnya A", "Persentase tertib data antara Pemerintah, Pemerintah", "Jumlah NIK", "SIAK"],
        ["", "", "Provinsi dan Pemkab. Badung", "", ""],
        ["3", "Meningkatnya B", "Jumlah C", "Jumlah C terbayar", "DPA"])
    assert [f["name"] for f in fields(text)] == [
        "Persentase tertib data antara Pemerintah, Pemerintah Provinsi dan Pemkab. Badung", "Jumlah C"]


def test_column_number_prefixes_never_reach_a_cell():
    assert strip_column_number("(2) Tersedianya pelayanan", 1) == "Tersedianya pelayanan"
    assert strip_column_number("(5)", 4) == "" and strip_column_number("(9) Jumlah", 1) == "(9) Jumlah"
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran", "Indikator", "Formulasi", "Sumber Data"],
                                        ["(1)", "(2) Tersedianya A", "(3) Jumlah B", "(4) Jumlah B dibuat", "(5) SPJ"])
    [f] = fields(text)
    assert (f["goal"], f["name"], f["formula"], f["data_source"]) == ("Tersedianya A", "Jumlah B", "Jumlah B dibuat", "SPJ")


def test_inline_tags_keep_their_text_inline():
    assert strip_html("rencana (<i>individual development plan</i>) pegawai") == \
        "rencana (individual development plan) pegawai"
    assert strip_html("<p>A</p><p>B</p>") == "A B"


def test_agency_heading_rows_inside_one_table():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Target"],
                   ["I.", "DINAS KESEHATAN", "", ""],
                   ["1", "Meningkatnya A", "Angka B", "10"],
                   ["II.", "DINAS SOSIAL", "", ""],
                   ["1", "Menurunnya C", "Jumlah D", "5"]))
    assert [(f["name"], f["goal"], f["agency"]) for f in fields(text)] == [
        ("Angka B", "Meningkatnya A", "DINAS KESEHATAN"), ("Jumlah D", "Menurunnya C", "DINAS SOSIAL")]


def test_header_meanings_any_order_and_synonyms():
    from generator.importer.tables import header_role, settle_roles
    head = ["Indikator Kinerja", "Alasan", "Penjelasan", "Formulasi Perhitungan", "PIC", "Th. 2024", "OPD"]
    roles = settle_roles(head, [header_role(c) for c in head])
    assert roles == ["indicator", "other", "other", "formula", "responsible", "target", "agency"]


def test_three_row_header_target_tahun_years():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Indikator Kinerja", "Target Kinerja", "", "Sumber Data"],
                   ["", "", "Tahun", "", ""],
                   ["", "", "2025", "2026", ""],
                   ["1", "Indeks A", "70", "72", "Survei"]))
    [f] = fields(text)
    assert [(t["year"], t["text"]) for t in f["targets"]] == [(2025, "70"), (2026, "72")]


# ---- metadata rules ----

from generator.importer.metadata import extract  # noqa: E402


def test_signer_title_runs_to_its_comma_line_and_the_name_is_never_a_place():
    meta = extract("Ditetapkan di Caruban\npada tanggal 5 Januari 2023\n\nKEPALA DINAS PERHUBUNGAN\n"
                   "KABUPATEN MADIUN,\n\nttd\n\nSUKARNO, S.T., M.T.\nPembina Tingkat I\nNIP. [disensor]\n")
    assert (meta["signed_at"], meta["signed_on"]) == ("Caruban", "2023-01-05")
    assert (meta["signer_title"], meta["signer_name"]) == ("KEPALA DINAS PERHUBUNGAN KABUPATEN MADIUN", "SUKARNO, S.T., M.T.")


def test_signer_name_drops_the_rank_on_its_line_and_place_stops_at_the_date():
    meta = extract("Ditetapkan di Mangupura pada tanggal 5 Nopember 2021\n\nCAMAT X\n\nDRS. A B Pembina Utama Muda\n")
    assert (meta["signed_at"], meta["signer_title"], meta["signer_name"]) == ("Mangupura", "CAMAT X", "DRS. A B")


def test_period_is_the_decree_own_never_a_cited_one():
    text = ("KEPUTUSAN BUPATI X\nNOMOR 5 TAHUN 2023\n\nTENTANG\n\nINDIKATOR KINERJA UTAMA TAHUN 2024\n\n"
            "Mengingat : Peraturan Daerah Nomor 4 Tahun 2021 tentang RPJMD Tahun 2021-2026;\n")
    meta = extract(text)
    assert (meta["title"], meta["period_start"], meta["period_end"]) == (
        "INDIKATOR KINERJA UTAMA TAHUN 2024", "2024", "2024")
    cited_only = extract("KEPUTUSAN CAMAT X\n\nMengingat : 1. Peraturan Daerah Nomor 24 Tahun 2016 tentang Rencana "
                         "Pembangunan Jangka Menengah Daerah tahun 2016-2021;\n")
    assert cited_only["period_start"] == ""


def test_amending_decree_is_recognised():
    meta = extract("KEPUTUSAN CAMAT SUMBERWARU\nNOMOR: 9/2024\n\nTENTANG\n\nPERUBAHAN KEDUA ATAS KEPUTUSAN CAMAT "
                   "SUMBERWARU NOMOR 2/2022 TENTANG INDIKATOR KINERJA UTAMA TAHUN 2022-2026\n\nCAMAT SUMBERWARU,\n")
    assert meta["amends"] == "KEPUTUSAN CAMAT SUMBERWARU NOMOR 2/2022 TENTANG INDIKATOR KINERJA UTAMA TAHUN 2022-2026"
    assert (meta["period_start"], meta["period_end"]) == ("2022", "2026")


def test_instrument_and_letterhead_agency_over_several_lines_named_in_full():
    meta = extract("PEMERINTAH KOTA BATU PUTIH\nBADAN KEPEGAWAIAN DAN PENGEMBANGAN\nSUMBER DAYA MANUSIA\n"
                   "Jl. Merdeka No. 7 Telp. (0341) 112233\n\nKEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN\n"
                   "SUMBER DAYA MANUSIA KOTA BATU PUTIH\nNOMOR : 1/2024\n")
    assert meta["instrument"] == "Keputusan Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Batu Putih"
    assert meta["agency_name"] == "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Batu Putih"
    assert (meta["address"], meta["phone"]) == ("Jl. Merdeka No. 7", "(0341) 112233")


def test_a_place_named_holder_drops_the_letterhead_region_and_a_kecamatan_keeps_its_name():
    meta = extract("PEMERINTAH KABUPATEN TUBAN\nKECAMATAN MERAKURAK\n\nKEPUTUSAN CAMAT MERAKURAK\nKABUPATEN TUBAN\n"
                   "NOMOR : 1\n\nTENTANG\n\nPENETAPAN IKU KECAMATAN MERAKURAK KABUPATEN TUBAN\n")
    assert (meta["instrument"], meta["agency_name"]) == ("Keputusan Camat Merakurak", "Kecamatan Merakurak")


def test_the_act_own_heading_wins_over_a_table_of_contents_line():
    meta = extract("SURAT KEPUTUSAN BUPATI X NOMOR 1/2021 TENTA PENETAPAN IKI\n\nKEPUTUSAN BUPATI X\n")
    assert meta["instrument"] == "Keputusan Bupati X"


def test_a_tujuan_sasaran_table_without_a_separate_iku_table_is_the_iku():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Tujuan", "Sasaran", "Indikator Kinerja", "Target"],
                   ["1.", "Terwujudnya A", "1.1 Meningkatnya B", "Skor C", "83"]))
    doc = parse(text)
    assert [t.kind for t in doc.agency_tables] == ["iku"]
    [f] = fields(text)
    assert (f["name"], f["goal"]) == ("Skor C", "Meningkatnya B")


def test_region_from_a_head_of_region_letterhead_and_a_wali_kota_instrument():
    meta = extract("WALI KOTA TELUK PERMATA\n\nPERATURAN WALI KOTA TELUK PERMATA\nNOMOR 12 TAHUN 2025\n\nTENTANG\n\n"
                   "INDIKATOR KINERJA UTAMA DINAS PERTANIAN KOTA TELUK PERMATA TAHUN 2025-2029\n")
    assert meta["instrument"] == "Peraturan Wali Kota Teluk Permata"
    assert meta["agency_name"] == "Dinas Pertanian Kota Teluk Permata"


def test_positions_named_by_iki_headings_or_title_lines_and_sasaran_lines():
    head = rows(["No", "Indikator Kinerja", "Target"], ["1.", "Indeks A", "70"])
    text = ("### INDIKATOR KINERJA INDIVIDU KEPALA PELAKSANA\n\nSasaran : Menurunnya risiko A\n\n" + head
            + "\n3. Kepala Bidang Logistik\n\nSasaran Kinerja : Meningkatnya B\n\n" + head
            + "\nKepala Dinas menetapkan indikator ini untuk setiap bidang.\n")
    doc = parse(text)
    assert [p.title for p in doc.positions] == ["KEPALA PELAKSANA", "Kepala Bidang Logistik"]
    assert [[r.sasaran for t in p.tables for r in table_records(t, doc.warn)] for p in doc.positions] == [
        ["Menurunnya risiko A"], ["Meningkatnya B"]]


def test_a_title_line_without_its_table_or_duties_is_prose():
    text = "Kepala Bidang Logistik\n\nmelaksanakan tugas lain.\n"
    assert parse(text).positions == []


def test_numbered_names_and_labelled_sasaran_cells_and_an_upper_case_name_tail():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["NO.", "KINERJA UTAMA", "INDIKATOR KINERJA UTAMA", "PENJELASAN", "SUMBER DATA"],
                   ["1.", "Sasaran 1 : Meningkatnya A", "1.1 Persentase sampah di Tempat Pemrosesan Akhir",
                    "Jumlah sampah tertangani / timbulan sampah", "SIPSN"],
                   ["", "", "Regional (TPAR)", "x 100%", ""],
                   ["", "", "1.2 Indeks B", "Nilai B", "KLHK"]))
    got = [(f["name"], f["goal"], f["formula"]) for f in fields(text)]
    assert got == [("Persentase sampah di Tempat Pemrosesan Akhir Regional (TPAR)", "Meningkatnya A",
                    "Jumlah sampah tertangani / timbulan sampah x 100%"),
                   ("Indeks B", "Meningkatnya A", "Nilai B")]


def test_a_provincial_agency_named_in_full():
    meta = extract("PEMERINTAH PROVINSI NUSA RAYA\nDINAS LINGKUNGAN HIDUP\nJalan A No. 1\n\nKEPUTUSAN KEPALA DINAS "
                   "LINGKUNGAN HIDUP PROVINSI NUSA RAYA\nNOMOR : 1\n")
    assert meta["agency_name"] == "Dinas Lingkungan Hidup Provinsi Nusa Raya"


def test_a_tail_is_never_a_goal_verb_and_a_goal_verb_opens_a_new_sasaran():
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran Kinerja", "Indikator Kinerja", "Formulasi"],
                                        ["1", "Terlaksananya pengambilan akta secara baik dan", "Jumlah A", "A terbit"],
                                        ["", "optimal", "Jumlah B", "B terbit"],
                                        ["", "Meningkatnya kinerja C", "", ""])
    recs, _ = records(text)
    assert [r.sasaran for r in recs] == ["Terlaksananya pengambilan akta secara baik dan optimal"] * 2


def test_a_row_placed_by_its_contents_is_flagged():
    head = ["NO.", "SASARAN", "INDIKATOR KINERJA", "TARGET", "PENJELASAN/FORMULASI", "SUMBER DATA"]
    text = "Jabatan : Sekretaris\n" + rows(head, ["1", "Tersedianya A", "Jumlah A", "4 dokumen", "Dokumen A", "Subbag"],
                                          ["", "Persentase B", "100%", "$= \\frac{B}{C} \\times 100\\%$", ""])
    recs, doc = records(text)
    assert recs[1].fields()["flags"] == {"formula": ["cells-shifted"], "name": ["cells-shifted"],
                                         "targets": ["cells-shifted"]}
    assert [w["line"] for w in doc.warnings if w["code"] == "cells-shifted"] == [4]


def test_a_list_going_on_after_a_page_break_keeps_the_source_of_its_cell():
    head = ["SASARAN", "INDIKATOR KINERJA", "FORMULASI", "SUMBER DATA"]
    text = "Jabatan : Kasubag A\n" + rows(head, ["Meningkatnya A", "<ol><li>1. Rencana A</li><li>2. Laporan B</li></ol>",
                                                "-", "Sekretariat Daerah"]) + "\n" + rows(
        head, ["", "3. Laporan C 4. Laporan D", "", ""])
    got = [(f["name"], f["data_source"], f["flags"]) for f in fields(text)]
    assert got[2:] == [("Laporan C", "Sekretariat Daerah", {"data_source": ["fill-down"]}),
                       ("Laporan D", "Sekretariat Daerah", {"data_source": ["fill-down"]})]


def test_a_wrapped_row_ends_the_source_of_the_record_above():
    text = "Jabatan : Kepala Dinas\n" + rows(
        ["No", "Sasaran Kinerja", "Indikator Kinerja", "Formula", "", "Sumber Data"],
        ["1", "Meningkatnya layanan", "Persentase cakupan layanan", "Jumlah terlaksana", "X100%", "Dokumen perencanaan dan"],
        ["", "program penunjang.", "urusan pemerintah daerah.", "Jumlah tersedia", "", "dokumen administrasi umum."])
    [f] = fields(text)
    assert f["data_source"] == "Dokumen perencanaan dan dokumen administrasi umum."


def test_lost_fraction_bar_two_counted_terms_with_a_multiplier_column_are_rebuilt():
    # V41: the bar vanished in conversion, 'X100%' stands in its own unnamed column
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran", "Indikator", "Formulasi", "", "Sumber Data"],
                                        ["1", "Meningkatnya A", "Persentase B", "Jumlah B yang terbit  Jumlah B yang "
                                         "diminta", "X 100%", "Laporan C"])
    recs, doc = records(text)
    f = recs[0].fields()
    assert (f["formula"], f["formula_kind"]) == ("Jumlah B yang terbit / Jumlah B yang diminta X 100%", "fraction")
    assert (f["numerator"], f["denominator"], f["multiplier"]) == ("Jumlah B yang terbit", "Jumlah B yang diminta",
                                                                    "100%")
    assert f["flags"] == {"formula": ["bar-rebuilt"]}
    assert [(w["code"], w["line"]) for w in doc.warnings] == [("formula-bar-lost", 3)]


def test_lost_fraction_bar_inline_multiplier_where_the_bar_was_moves_to_the_end():
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Formulasi", "Sumber Data"],
                                        ["Meningkatnya A", "Persentase B", "Jumlah B lokasi X100% pelaksanaan  "
                                         "Jumlah seluruh B", "Laporan C"],
                                        ["", "Persentase D", "Jumlah D yang X 100% divalidasi ——————", "Laporan E"])
    a, b = fields(text)
    assert a["formula"] == "Jumlah B lokasi pelaksanaan / Jumlah seluruh B X100%" and a["flags"] == {
        "formula": ["bar-rebuilt"]}
    assert b["formula"] == "Jumlah D yang divalidasi X 100%" and b["flags"] == {"formula": ["bar-rebuilt"]}


def test_formulas_that_are_not_lost_fractions_stay_as_written():
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Formulasi", "Sumber Data"],
                                        ["Meningkatnya A", "Jumlah B", "Jumlah B yang diterbitkan", "Laporan C"],
                                        ["", "Persentase D", "Jumlah D / Jumlah E x 100%", "Laporan C"],
                                        ["", "Persentase F", "Jumlah F dibagi jumlah G", "Laporan C"],
                                        ["", "Indeks H", "Jumlah H Jumlah I", "Laporan C"])
    recs, doc = records(text)
    assert [r.fields()["formula"] for r in recs] == ["Jumlah B yang diterbitkan", "Jumlah D / Jumlah E x 100%",
                                                      "Jumlah F dibagi jumlah G", "Jumlah H Jumlah I"]
    assert all(r.fields()["flags"] == {} for r in recs) and not doc.warnings


def test_multiplier_column_with_a_bar_fragment():
    # '_ X100%', '– X 100%': what is left of the bar beside the multiplier (V13)
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran", "Indikator", "Formulasi", "", "Sumber Data"],
                                        ["1", "Meningkatnya A", "Persentase B", "Jumlah B terlaksana", "_ X100%",
                                         "Laporan"],
                                        ["", "", "", "Jumlah B tersedia", "", ""])
    [f] = fields(text)
    assert f["formula"] == "Jumlah B terlaksana / Jumlah B tersedia X100%" and f["multiplier"] == "100%"


def test_every_import_warning_code_is_documented():
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    used = set()
    for src in (root / "generator" / "importer").glob("*.py"):
        used |= set(re.findall(r"\b(?:warn|warning)\(\s*\"([a-z0-9-]+)\"", src.read_text(encoding="utf-8")))
    doc = (root / "docs" / "import-formats.md").read_text(encoding="utf-8")
    table = doc.split("## Warning codes", 1)[1].split("\n## ", 1)[0]
    assert used and not {c for c in used if f"`{c}`" not in table}


def test_numbered_ratios_continued_on_the_next_row_are_a_list_not_a_denominator():
    # V42: '1. A ..... x 100% B' then, on the next row, '2. C ..... x 100% D'
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Formulasi", "Sumber Data"],
                                        ["Meningkatnya A", "Persentase B", "1. Jumlah B sesuai  ..... x 100% Jumlah desa",
                                         "Laporan"],
                                        ["", "", "2. Jumlah C terbentuk  ..... x 100% Jumlah desa", ""])
    [f] = fields(text)
    assert f["formula"] == "Jumlah B sesuai / Jumlah desa x 100%; Jumlah C terbentuk / Jumlah desa x 100%"
    assert (f["formula_kind"], f["numerator"], f["multiplier"]) == ("fraction", "Jumlah B sesuai; Jumlah C terbentuk",
                                                                    "100%")


def test_a_row_echoing_the_denominator_of_a_complete_fraction_is_dropped_with_a_warning():
    # V43: the conversion repeats a LaTeX fraction's denominator on a row of its own
    text = "Jabatan : Kasi A\n" + rows(
        ["Sasaran", "Indikator", "Formulasi", "Sumber Data"],
        ["Terlaksananya A", "Persentase B", r"$\frac{\text{Jumlah B tepat waktu}}{\text{Jumlah B}} \times 100\%$", "L"],
        ["", "", "Jumlah B", ""],
        ["Terlaksananya C", "Persentase D", "Jumlah D selesai", "L"],
        ["", "", "Jumlah D", ""])
    recs, doc = records(text)
    assert recs[0].fields()["formula"].endswith(r"\times 100\%$")
    assert recs[1].fields()["formula"] == "Jumlah D selesai / Jumlah D"  # not complete: a two-row ratio (V13)
    assert [(w["code"], w["line"]) for w in doc.warnings] == [("formula-echo", 4)]


def test_row_agencies_are_named_in_full_with_the_issuing_region():
    from generator.importer.agency import full_name
    meta = {"kabupaten": "KABUPATEN KLATEN", "provinsi": ""}
    assert full_name("DINAS KESEHATAN", meta) == "Dinas Kesehatan Kabupaten Klaten"
    assert full_name("Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", meta).endswith("Daerah Kabupaten Klaten")
    assert full_name("Kapanewon Depok", meta) == "Kapanewon Depok"  # a place: named by itself
    assert full_name("Dinas Sosial Kota Surakarta", meta) == "Dinas Sosial Kota Surakarta"
    assert full_name("BADAN PENDAPATAN DAERAH", {"kabupaten": "", "provinsi": "JAWA BARAT"}) == \
        "Badan Pendapatan Daerah Provinsi Jawa Barat"


def meta_of(head: str) -> dict:
    from generator.importer.metadata import extract
    return extract(head + "\nKEPUTUSAN X\nNOMOR : 1/2024\n\nTENTANG\n\nINDIKATOR KINERJA\n")


def test_letterhead_a_unit_under_a_unit_is_the_issuer():
    m = meta_of("PEMERINTAH KOTA DEPOK\nKECAMATAN CIMANGGIS\n**KELURAHAN TUGU**\nJalan Raya Bogor Km. 29\n")
    assert (m["agency_name"], m["government"]) == ("Kelurahan Tugu", "Pemerintah Kota Depok")


def test_letterhead_without_a_pemerintah_line_agency_then_region():
    m = meta_of("**SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH**\n**KABUPATEN GRESIK**\nJalan Wahidin No. 245\n")
    assert m["agency_name"] == "Sekretariat Dewan Perwakilan Rakyat Daerah Kabupaten Gresik"
    assert m["government"] == "Pemerintah Kabupaten Gresik"


def test_letterhead_pemerintah_daerah_provinsi():
    m = meta_of("PEMERINTAH DAERAH PROVINSI JAWA BARAT\n**BADAN PENDAPATAN DAERAH**\nJalan Soekarno-Hatta 528\n")
    assert (m["government"], m["agency_name"]) == ("Pemerintah Provinsi Jawa Barat", "Badan Pendapatan Daerah")


def test_the_government_own_indicators_and_not_those_within_it():
    from generator.importer.metadata import extract
    own = extract("GUBERNUR NUSA TENGGARA BARAT\n\nKEPUTUSAN GUBERNUR NUSA TENGGARA BARAT\nNOMOR 1 TAHUN 2019\n\n"
                  "TENTANG\n\nINDIKATOR KINERJA UTAMA PEMERINTAH PROVINSI NUSA TENGGARA BARAT\n\nGUBERNUR X,\n")
    assert own["agency_name"] == "Pemerintah Provinsi Nusa Tenggara Barat"
    within = extract("BUPATI KLATEN\n\nPERATURAN BUPATI KLATEN\nNOMOR 1 TAHUN 2021\n\nTENTANG\n\nINDIKATOR KINERJA "
                     "UTAMA PERANGKAT DAERAH DI LINGKUNGAN PEMERINTAH KABUPATEN KLATEN\n\nBUPATI KLATEN,\n")
    assert within["agency_name"] == ""
    cls = extract("BUPATI SLEMAN\n\nPERATURAN BUPATI SLEMAN\nNOMOR 9 TAHUN 2023\n\nTENTANG\n\nINDIKATOR KINERJA "
                  "UTAMA KAPANEWON DI KABUPATEN SLEMAN TAHUN 2023\n\nBUPATI SLEMAN,\n")
    assert cls["agency_name"] == ""  # a class of agencies, not one


def test_tables_under_iku_headings_naming_a_kapanewon_and_a_tujuan_sasaran_column():
    text = ("INDIKATOR KINERJA UTAMA KAPANEWON DEPOK\n\n"
            + rows(["Tujuan / Sasaran", "Indikator", "Target 2023"],
                   ["Tujuan : Meningkatkan A", "", ""],
                   ["Sasaran : Meningkatnya B", "Indeks C", "86"])
            + "\nINDIKATOR KINERJA UTAMA KAPANEWON MLATI\n\n"
            + rows(["Tujuan / Sasaran", "Indikator", "Target 2023"],
                   ["Sasaran 1: Meningkatnya D", "Indeks E", "85"]))
    a, b = fields(text)
    assert (a["goal"], a["agency"], b["goal"], b["agency"]) == ("Meningkatnya B", "KAPANEWON DEPOK",
                                                                "Meningkatnya D", "KAPANEWON MLATI")


def test_sasaran_heading_rows_across_the_table():
    # V44: 'SASARAN 1 : ...' alone in a row, the indicators below numbered 1.1, 1.2
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["NO", "INDIKATOR", "SATUAN", "TAHUN 2022"],
                   ["SASARAN 1 : Meningkatnya produksi A", "", "", ""],
                   ["1.1", "Produksi A", "ton", "49.000"],
                   ["SASARAN 2 : Meningkatnya B", "", "", ""],
                   ["2.1", "Nilai Tukar B", "indeks", "102"]))
    a, b = fields(text)
    assert (a["goal"], b["goal"]) == ("Meningkatnya produksi A", "Meningkatnya B")


def test_end_of_period_column_beside_year_columns_is_not_another_target():
    text = ("## INDIKATOR KINERJA UTAMA\n"
            + rows(["NO", "INDIKATOR", "SATUAN", "KONDISI AWAL", "TARGET", "", "KONDISI KINERJA PADA AKHIR PERIODE"],
                   ["", "", "", "TAHUN 2020", "TAHUN 2022", "TAHUN 2023", ""],
                   ["1", "Produksi A", "ton", "48.512,6", "49.000", "49.500", "49.500"],
                   ["2", "Produksi B", "ton", "10", "11", "12", "15"]))
    (a, b), doc = records(text)
    assert [(t["year"], t["text"]) for t in a.fields()["targets"]] == [(2020, "48.512,6"), (2022, "49.000"),
                                                                       (2023, "49.500")]
    assert (None, "15") in [(t["year"], t["text"]) for t in b.fields()["targets"]]
    assert b.fields()["flags"] == {"targets": ["end-differs"]}
    assert [(w["code"], w["line"]) for w in doc.warnings] == [("end-target-differs", 5)]


def test_single_end_column_without_years_is_the_target():
    text = ("## INDIKATOR KINERJA UTAMA\n" + rows(["NO", "INDIKATOR", "KONDISI AKHIR"], ["1", "Produksi A", "50"]))
    [f] = fields(text)
    assert f["targets"] == [{"year": None, "kind": "target", "text": "50"}]


def test_position_title_wrapped_into_the_label_value_column():
    # V48
    text = ("Nama Jabatan\t: Kepala Pusat Pengelolaan Pendapatan Daerah\n\tWilayah Kota Bandung I\n"
            "Unit Kerja\t: P3DW Kota Bandung I\n"
            + rows(["No", "Sasaran Kinerja", "Indikator Kinerja", "Target"], ["1", "Meningkatnya A", "Realisasi B", "9"]))
    doc = parse(text)
    assert [p.title for p in doc.positions] == ["Kepala Pusat Pengelolaan Pendapatan Daerah Wilayah Kota Bandung I"]


def test_jabatan_column_title_wrapped_onto_the_next_row():
    # V49: 'Asisten Pemerintahan dan' / 'Kesejahteraan Rakyat' (no number on the second row)
    text = ("## INDIKATOR KINERJA INDIVIDU\n"
            + rows(["NO", "JABATAN", "SASARAN", "INDIKATOR KINERJA", "TARGET"],
                   ["1.", "Asisten Pemerintahan dan", "Meningkatnya A", "Persentase B", "85"],
                   ["", "Kesejahteraan Rakyat", "Meningkatnya C", "Persentase D", "90"],
                   ["2.", "Kepala Bagian Organisasi", "Meningkatnya E", "Nilai F", "72"],
                   ["", "", "", "Nilai G", "80"]))
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["Asisten Pemerintahan dan Kesejahteraan Rakyat",
                                                "Kepala Bagian Organisasi"]
    assert [len(p.tables[0].rows) for p in doc.positions] == [2, 2]


def test_page_break_marks_do_not_end_a_table():
    # V50: '---' or 'Halaman 2 dari 3', then the header again: the same table goes on
    head = ["No", "Sasaran", "Indikator", "Target"]
    text = ("Jabatan : Kepala Bidang A\n" + rows(head, ["1", "Meningkatnya B", "Jumlah C", "2"])
            + "\n---\n\n" + rows(head, ["", "", "Jumlah D", "3"]) + "\nHalaman 2 dari 3\n"
            + rows(head, ["", "", "Jumlah E", "4"]))
    recs, doc = records(text)
    assert [(r.name, r.sasaran) for r in recs] == [("Jumlah C", "Meningkatnya B"), ("Jumlah D", "Meningkatnya B"),
                                                   ("Jumlah E", "Meningkatnya B")]


def test_responsible_cells_listing_several_values_are_paired():
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Satuan", "Penanggung Jawab"],
                                        ["Meningkatnya A", "Persentase B<br>Nilai C", "%<br>indeks", "Bagian D<br>Bagian E"],
                                        ["Meningkatnya F", "Persentase G<br>Nilai H", "%", "Bagian I<br>J<br>K"])
    a, b, c, d = fields(text)
    assert (a["responsible"], b["responsible"]) == ("Bagian D", "Bagian E")
    assert c["flags"] == {"responsible": ["items-mismatch"]} and c["responsible"] == "Bagian I J K"


def test_stray_table_rule_before_a_name_is_dropped_and_flagged():
    recs, doc = records("Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Target"],
                                                     ["Meningkatnya A", "| Rata-rata waktu B", "1"]))
    f = recs[0].fields()
    assert recs[0].name == "Rata-rata waktu B" and f["flags"] == {"name": ["ocr-suspect"]}
    assert [w["code"] for w in doc.warnings] == ["ocr-junk"]


def test_period_is_the_span_of_the_own_years_of_a_line_and_signer_title_takes_the_region_line():
    from generator.importer.metadata import extract
    m = extract("KEPUTUSAN KEPALA DINAS X\nNOMOR : 1/2024\n\nTENTANG\n\nINDIKATOR KINERJA\n\nMenimbang : a. bahwa\n"
                "KESATU : Indikator Kinerja Utama Dinas X Tahun 2024-2026 dan Indikator Kinerja Individu Tahun 2024\n"
                "Ditetapkan di : Sumenep\nPada tanggal : 11 Januari 2022\n\nKEPALA DINAS PERIKANAN\nKABUPATEN SUMENEP\n\n"
                "CAP/TTD\n\nIr. MOHAMMAD HASAN, M.Si.\n")
    assert (m["period_start"], m["period_end"]) == ("2024", "2026")
    assert (m["signer_title"], m["signer_name"]) == ("KEPALA DINAS PERIKANAN KABUPATEN SUMENEP", "Ir. MOHAMMAD HASAN, M.Si.")


def test_indicators_written_as_labelled_lines_instead_of_a_table():
    # V53: 'Indikator Kinerja : ...' blocks, a numbered list under an empty label, 'B; 95%' paired
    text = ("Jabatan : Kepala Dinas Sosial\nSasaran : Meningkatnya kesejahteraan sosial\n"
            "Indikator Kinerja : Persentase PMKS yang tertangani\nFormulasi : Jumlah PMKS tertangani dibagi jumlah PMKS\n"
            "Target 2024 : 80%\nSumber Data : Laporan Rehsos\n\n"
            "Jabatan : Sekretaris\nSasaran Kinerja : Meningkatnya akuntabilitas\nIndikator Kinerja :\n"
            "1. Nilai SAKIP Dinas Sosial\n2. Persentase realisasi anggaran\nTarget : B; 95%\n")
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["Kepala Dinas Sosial", "Sekretaris"]
    got = [(r.name, r.sasaran, r.fields()["targets"]) for r in recs]
    assert got == [("Persentase PMKS yang tertangani", "Meningkatnya kesejahteraan sosial",
                    [{"year": 2024, "kind": "target", "text": "80%"}]),
                   ("Nilai SAKIP Dinas Sosial", "Meningkatnya akuntabilitas", [{"year": None, "kind": "target", "text": "B"}]),
                   ("Persentase realisasi anggaran", "Meningkatnya akuntabilitas",
                    [{"year": None, "kind": "target", "text": "95%"}])]
    assert recs[0].fields()["data_source"] == "Laporan Rehsos"
    assert [w["code"] for w in doc.warnings] == ["indicator-block", "indicator-block"]


def test_labelled_lines_that_are_no_indicator_block():
    # a 'Sasaran :' line over a table, and an IKI heading naming a position, stay what they were
    text = ("Indikator Kinerja Individu : Kepala Seksi Pelayanan\n"
            "Sasaran : Meningkatnya A\n" + rows(["Indikator", "Target"], ["Jumlah B", "2"]))
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["Kepala Seksi Pelayanan"]
    assert [(r.name, r.sasaran) for r in recs] == [("Jumlah B", "Meningkatnya A")]
    assert not [w for w in doc.warnings if w["code"] == "indicator-block"]


def test_metadata_read_by_a_fallback_rule_is_marked_guessed():
    from generator.importer.metadata import extract
    m = extract("KEPUTUSAN KEPALA DINAS X\nNOMOR : 1/2024\n\nTENTANG\n\nINDIKATOR KINERJA\n\nMenimbang : a. bahwa\n"
                "KESATU : Indikator Kinerja Utama Dinas X Tahun 2024\n"
                "Ditetapkan di : Sumenep\nPada tanggal : 11 Januari 2022\n\nKEPALA DINAS X\n\nBUDI\n")
    assert set(m["guessed"]) == {"period", "signer_title"}
    sure = extract("KEPUTUSAN KEPALA DINAS X\nNOMOR : 1/2024\n\nTENTANG\n\nINDIKATOR KINERJA TAHUN 2024\n\nKEPALA DINAS X,\n"
                   "Ditetapkan di : Sumenep\nPada tanggal : 11 Januari 2022\n\nKEPALA DINAS X,\n\nBUDI\n")
    assert not sure.get("guessed")


def test_a_wrapped_line_kept_twice_by_the_conversion_is_dropped():
    # '... pendaftaran penduduk' then 'penduduk'; '... pencatatan sipil' then 'peneacatan sipii'
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran", "Indikator", "Formulasi", "Sumber Data"],
                                        ["1", "Meningkatnya pelayanan pencatatan sipil", "Persentase dokumen penduduk",
                                         "Jumlah A", "Laporan"],
                                        ["", "peneacatan sipii", "penduduk", "", ""],
                                        ["2", "Meningkatnya B", "Persentase C dari peristiwa yang", "Jumlah C", "Laporan"],
                                        ["", "", "dilaporkan", "", ""])
    recs, doc = records(text)
    assert [(r.name, r.sasaran) for r in recs] == [
        ("Persentase dokumen penduduk", "Meningkatnya pelayanan pencatatan sipil"),
        ("Persentase C dari peristiwa yang dilaporkan", "Meningkatnya B")]
    assert recs[0].fields()["flags"] == {"goal": ["ocr-suspect"], "name": ["ocr-suspect"]}
    assert [w["code"] for w in doc.warnings] == ["ocr-echo", "ocr-echo"]


def test_a_numbered_list_under_an_indicator_heading_without_a_table():
    # V55: names only, with a warning; a numbered 'Jabatan :' list is no indicator list
    text = ("PEMERINTAH KABUPATEN X\nDINAS Y\n\nINDIKATOR KINERJA UTAMA DINAS Y\n\n"
            "1. Persentase A yang tertangani\n2. Indeks kepuasan B\n")
    recs, doc = records(text)
    assert [r.name for r in recs] == ["Persentase A yang tertangani", "Indeks kepuasan B"]
    assert [w["code"] for w in doc.warnings] == ["indicator-block"]
    doc = parse("INDIKATOR KINERJA INDIVIDU\n\n1. Jabatan : Kepala Seksi A\n" + rows(["Indikator", "Target"], ["Jumlah B", "2"]))
    assert [p.title for p in doc.positions] == ["Kepala Seksi A"] and not doc.warnings


def test_a_formula_cell_wrapped_onto_the_next_row_is_not_a_denominator():
    # 'melalui e-' / 'surat ...' and a lower-case start continue the text; a '-' adds nothing
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran", "Indikator", "Formulasi", "Sumber"],
                                        ["1", "Meningkatnya A", "Jumlah surat B", "Jumlah surat masuk melalui e-", "X"],
                                        ["", "", "", "surat selama 1 tahun", ""],
                                        ["2", "Meningkatnya C", "Jumlah D", "Jumlah D yang diproses", "X"],
                                        ["", "", "", "-", ""],
                                        ["3", "Meningkatnya E", "Persentase F", "Jumlah F terlaksana", "X"],
                                        ["", "", "", "Jumlah F tersedia", ""])
    a, b, c = fields(text)
    assert a["formula"] == "Jumlah surat masuk melalui e- surat selama 1 tahun"
    assert b["formula"] == "Jumlah D yang diproses"
    assert c["formula"] == "Jumlah F terlaksana / Jumlah F tersedia"  # V13 stays


def test_quarterly_targets_are_not_yearly_targets_and_money_columns_are_no_data_source():
    # V56
    text = "Jabatan : Kasi A\n" + rows(["No", "Sasaran", "Indikator", "Target", "", "", "", "Sumber Dana"],
                                        ["", "", "", "TW I", "TW II", "TW III", "TW IV", ""],
                                        ["1", "Meningkatnya A", "Jumlah B", "1", "2", "3", "4", "APBD"])
    recs, doc = records(text)
    f = recs[0].fields()
    assert f["targets"] == [] and f["data_source"] == "" and f["flags"] == {"targets": ["quarters-not-read"]}
    assert [w["code"] for w in doc.warnings] == ["quarterly-targets"]
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator", "Target Triwulan I", "Target Tahunan", "Anggaran (Rp)"],
                                        ["Meningkatnya A", "Jumlah B", "1", "4", "Rp 1.500.000"])
    [f] = fields(text)
    assert f["targets"] == [{"year": None, "kind": "target", "text": "4"}]


def test_amendment_tables_read_the_new_columns_not_the_replaced_ones():
    # V57: 'Indikator Semula | Indikator Menjadi', 'Target Semula | Target Menjadi'
    text = "Jabatan : Kasi A\n" + rows(["Sasaran", "Indikator Semula", "Indikator Menjadi", "Target Semula",
                                         "Target Menjadi"],
                                        ["Meningkatnya A", "Jumlah B", "Persentase B", "4", "80%"])
    [f] = fields(text)
    assert (f["name"], f["targets"]) == ("Persentase B", [{"year": None, "kind": "target", "text": "80%"}])


def test_the_year_a_decree_names_for_its_iki_dates_their_yearless_targets(tmp_path):
    from generator.importer import import_decree
    src = tmp_path / "d.txt"
    src.write_text("PEMERINTAH KOTA BANJARBARU\nSATUAN POLISI PAMONG PRAJA\n\nKEPUTUSAN KEPALA SATUAN X\nNOMOR : 1/2024\n\n"
                   "TENTANG\n\nINDIKATOR KINERJA\n\nKEPALA SATUAN X,\n\nMenimbang : a. bahwa\n"
                   "KESATU : Indikator Kinerja Utama Satuan X Tahun 2024-2026 dan Indikator Kinerja Individu Tahun 2024 "
                   "sebagaimana tercantum dalam Lampiran\n\nJabatan : Kepala Seksi A\n"
                   + rows(["Sasaran", "Indikator", "Target"], ["Meningkatnya A", "Jumlah B", "4 kali"]))
    res = import_decree(src, tmp_path / "out")
    doc = res.tables["documents"][0]
    assert (doc["period_start"], doc["period_end"]) == ("2024", "2026")
    assert [(t["year"], t["flags"]) for t in res.tables["targets"]] == [("2024", "")]


def test_rows_after_an_indicator_block_need_a_header_of_their_own():
    text = ("Jabatan : Kasi A\nIndikator Kinerja : Jumlah B\nTarget : 4\n\nKeterangan lain.\n"
            "x\ty\tz\n")
    recs, doc = records(text)
    assert [r.name for r in recs] == ["Jumlah B"]


# ---- the second blind batch's layouts (V63-V65, metadata) ----

def test_jabatan_rows_across_one_table_take_the_header_above_the_first():
    # V63: 'Jabatan: X' as a full-width row inside one continuous table
    head = ["No", "Sasaran", "Indikator Kinerja Individu", "Satuan", "Target", "Sumber Data"]
    text = "INDIKATOR KINERJA INDIVIDU\n" + rows(
        head, ["Jabatan: Kepala Kantor A", "", "", "", "", ""],
        ["1", "Meningkatnya B", "Persentase C", "%", "90", "Laporan D"],
        ["Jabatan: Kepala Seksi E", "", "", "", "", ""],
        ["1", "Meningkatnya F", "Jumlah G", "dokumen", "4", "Seksi E"],
        ["2", "", "Jumlah H", "kali", "12", "Seksi E"])
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["Kepala Kantor A", "Kepala Seksi E"]
    assert [[r.name for t in p.tables for r in table_records(t, doc.warn)] for p in doc.positions] == \
        [["Persentase C"], ["Jumlah G", "Jumlah H"]]
    assert not doc.agency_tables  # the header row's own table, left without rows, is gone


def test_a_table_caption_names_the_position():
    # V64: 'Tabel 2. Indikator Kinerja Individu <title>' above the table
    text = "Tabel 2. Indikator Kinerja Individu Analis Kebijakan Ahli Muda (Tata Laksana)\n\n" + rows(
        ["No.", "Sasaran Kinerja", "Indikator Kinerja", "Target 2030"], ["1.", "Meningkatnya A", "Indeks B", "3"])
    _, doc = records(text)
    assert [p.title for p in doc.positions] == ["Analis Kebijakan Ahli Muda (Tata Laksana)"]


def test_a_word_broken_at_the_line_end_continues_in_its_own_column():
    # V65: '... hasil evalu-' / '<TAB><TAB>asi reformasi ...' (a short row: its cell stays in its column)
    text = "## INDIKATOR KINERJA UTAMA\n" + rows(
        ["No.", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Sumber Data"],
        ["1.", "Meningkatnya A", "Persentase hasil evalu-", "%", "80", "Bagian B"],
        ["", "", "asi yang ditindaklanjuti"])
    [f] = fields(text)
    assert f["name"] == "Persentase hasil evaluasi yang ditindaklanjuti" and f["data_source"] == "Bagian B"


def test_period_from_tahun_anggaran():
    meta = extract("KEPUTUSAN KEPALA DINAS X\nNOMOR: 1/2030\n\nTENTANG\n\nINDIKATOR KINERJA INDIVIDU\nTAHUN ANGGARAN 2031\n")
    assert (meta["period_start"], meta["period_end"]) == ("2031", "2031")


def test_title_stops_before_the_issuer_written_over_two_lines():
    meta = extract("KEPUTUSAN KEPALA BADAN X\nNOMOR : 1/2030\n\nTENTANG\n\nINDIKATOR KINERJA UTAMA\nTAHUN 2030-2034\n\n"
                   "KEPALA BADAN X\nPROVINSI Y,\n\nMenimbang : a. bahwa ...\n")
    assert meta["title"] == "INDIKATOR KINERJA UTAMA TAHUN 2030-2034"


def test_dto_is_no_signer_name():
    meta = extract("      Ditetapkan di Z\n      pada tanggal 2 Januari 2030\n      CAMAT Z,\n\n      dto\n\n"
                   "      ANI WIDODO, S.STP\n      Penata (III/c)\n")
    assert meta["signer_name"] == "ANI WIDODO, S.STP"


def test_agency_abbreviated_in_the_title_is_named_in_full_with_its_region():
    meta = extract("PEMERINTAH PROVINSI NUSA RAYA\nRUMAH SAKIT UMUM DAERAH dr. ANI BUDI\nJalan A No. 1\n\n"
                   "KEPUTUSAN DIREKTUR RSUD dr. ANI BUDI\nPROVINSI NUSA RAYA\nNOMOR : 1/2030\n\nTENTANG\n\n"
                   "INDIKATOR KINERJA UTAMA RSUD dr. ANI BUDI PROVINSI NUSA RAYA\n")
    assert meta["agency_name"] == "Rumah Sakit Umum Daerah dr. Ani Budi Provinsi Nusa Raya"


def test_a_header_cell_wrapped_onto_the_next_row():
    # 'Kondisi' / 'Awal', 'Sumber' / 'Data' over the years: one header over two rows
    text = "## INDIKATOR KINERJA UTAMA\n" + rows(
        ["No", "Indikator Kinerja", "Kondisi", "Target", "", "Sumber"],
        ["", "", "Awal", "2030", "2031", "Data"],
        ["1", "Indeks A", "2", "3", "4", "Laporan B"])
    [f] = fields(text)
    assert f["targets"] == [{"year": None, "kind": "baseline", "text": "2"}, {"year": 2030, "kind": "target", "text": "3"},
                            {"year": 2031, "kind": "target", "text": "4"}]
    assert f["data_source"] == "Laporan B"


def test_a_position_heading_written_as_the_first_row_of_its_table():
    # V68 (and 'Kinerja' heads the sasaran column)
    text = rows(["INDIKATOR KINERJA INDIVIDU (IKI) KEPALA SEKSI A", "", "", ""],
                ["No", "Kinerja", "Indikator", "Target"], ["1", "Meningkatnya B", "Jumlah C", "4"])
    recs, doc = records(text)
    assert [p.title for p in doc.positions] == ["KEPALA SEKSI A"] and recs[0].sasaran == "Meningkatnya B"


def test_years_running_down_a_tahun_column():
    # V69: one row per year under the indicator, the baseline first
    text = "## INDIKATOR KINERJA UTAMA\n" + rows(
        ["No", "Indikator Kinerja", "Satuan", "Tahun", "Target"],
        ["1", "Indeks A", "indeks", "Kondisi Awal (2029)", "2"], ["", "", "", "2030", "3"], ["", "", "", "2031", "-"])
    [f] = fields(text)
    assert f["targets"] == [{"year": 2029, "kind": "baseline", "text": "2"}, {"year": 2030, "kind": "target", "text": "3"}]


def test_several_years_in_one_target_cell():
    # V70: '2030: 60<br>2031: 65' under a bare Target header; '-' is no target
    text = "## INDIKATOR KINERJA UTAMA\n" + rows(["Indikator Kinerja", "Target"], ["Indeks A", "2030: 60<br>2031: -"],
                                                 ["Indeks B", "2030: 1; 2031: 2"])
    a, b = fields(text)
    assert a["targets"] == [{"year": 2030, "kind": "target", "text": "60"}]
    assert [(t["year"], t["text"]) for t in b["targets"]] == [(2030, "1"), (2031, "2")]


def test_an_agency_heading_naming_its_period_names_the_same_agency():
    text = ("INDIKATOR KINERJA UTAMA DINAS A KABUPATEN B\n\nINDIKATOR KINERJA UTAMA DINAS A KABUPATEN B TAHUN 2030-2034\n\n"
            + rows(["Indikator Kinerja", "Target"], ["Indeks C", "3"]))
    _, doc = records(text)
    assert [t.agency for t in doc.agency_tables] == [""]  # one agency: the decree's own


def test_values_written_with_tahun_are_data_not_a_year_column():
    text = "## INDIKATOR KINERJA UTAMA\n" + rows(
        ["Sasaran", "Indikator Kinerja", "Kondisi Awal 2029", "Target", "", "Penanggung Jawab"],
        ["", "", "", "2030", "2031", ""],
        ["Meningkatnya A", "Indeks B", "70", "71", "72", "Dinas C"],
        ["", "Angka Harapan Hidup", "66,28 tahun", "66,50 tahun", "66,72 tahun", "Dinas D"])
    assert [f["name"] for f in fields(text)] == ["Indeks B", "Angka Harapan Hidup"]


def test_numbering_that_goes_on_after_a_repeated_header_is_the_same_table():
    head = ["No", "Sasaran", "Indikator Kinerja", "Target"]
    text = "Jabatan : Kepala Seksi A\n" + rows(head, ["1.", "Meningkatnya B", "Indeks C", "3"]) + "\nHalaman 1 dari 2\n" \
        + rows(head, ["2.", "Meningkatnya D", "Jumlah E", "4"])
    recs, doc = records(text)
    assert len(doc.positions[0].tables) == 1 and [r.name for r in recs] == ["Indeks C", "Jumlah E"]


def test_a_warning_repeated_verbatim_is_written_once():
    from generator.importer import warnings as warn
    w = warn.warning("quarterly-targets", 57, "targets per quarter")
    assert warn.public([w, dict(w), warn.warning("quarterly-targets", 58, "targets per quarter")]) == [
        w, warn.warning("quarterly-targets", 58, "targets per quarter")]


def test_english_column_headers_and_a_bilingual_jabatan_label():
    # V75
    text = ("Position (Jabatan) : Kepala Bidang A\n\n"
            + rows(["No", "Strategic Objective", "Key Performance Indicator", "Unit", "Baseline (2029)", "2030 Target",
                    "Formula", "Data Source", "Person in Charge"],
                   ["1", "Meningkatnya B", "Jumlah C", "juta orang", "6,33", "6,50", "Jumlah C dalam satu tahun",
                    "BPS", "Bidang D"]))
    doc = parse(text)
    assert [p.title for p in doc.positions] == ["Kepala Bidang A"]
    [f] = fields(text)
    assert (f["goal"], f["name"], f["unit"], f["formula"], f["data_source"], f["responsible"]) == (
        "Meningkatnya B", "Jumlah C", "juta orang", "Jumlah C dalam satu tahun", "BPS", "Bidang D")
    assert f["targets"] == [{"year": 2029, "kind": "baseline", "text": "6,33"},
                            {"year": 2030, "kind": "target", "text": "6,50"}]


def test_unit_in_parentheses_under_an_indicator_satuan_header():
    # V78: '(IKM)' in capitals is part of the name; a Satuan column, where there is one, wins
    text = ("INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja (Satuan)", "Target 2030"],
                   ["1", "Meningkatnya A", "Persentase B (%)", "90"],
                   ["2", "", "Indeks Kepuasan Masyarakat (IKM) (indeks)", "82"],
                   ["3", "", "Nilai C (IKM)", "70"]))
    assert [(f["name"], f["unit"]) for f in fields(text)] == [
        ("Persentase B", "%"), ("Indeks Kepuasan Masyarakat (IKM)", "indeks"), ("Nilai C (IKM)", None)]
    plain = text.replace("Indikator Kinerja (Satuan)", "Indikator Kinerja")
    assert [f["name"] for f in fields(plain)][0] == "Persentase B (%)"


def test_one_table_per_year_under_year_captions_is_one_indicator_with_a_target_per_year():
    # V79
    from generator.importer.rows import merge_yearly
    head = ["No", "Sasaran", "Indikator Kinerja", "Target", "Sumber Data"]
    text = ("A. TARGET INDIKATOR KINERJA UTAMA TAHUN 2030\n\n"
            + rows(head, ["1", "Meningkatnya A", "Persentase B", "82", "Laporan C"],
                   ["2", "", "Indeks D", "3,2", "Laporan C"])
            + "\nB. TARGET INDIKATOR KINERJA UTAMA TAHUN 2031\n\n"
            + rows(head, ["1", "Meningkatnya A", "Persentase B", "84", "Laporan C"],
                   ["2", "", "Indeks D", "-", "Laporan C"]))
    doc = parse(text)
    assert [(t.year, t.yearly) for t in doc.agency_tables] == [(2030, True), (2031, True)]
    warned = []
    merged = merge_yearly([(t, table_records(t, doc.warn)) for t in doc.agency_tables],
                          lambda *a: warned.append(a[:2]))
    assert [[(r.name, r.targets()) for r in recs] for recs in merged] == [
        [("Persentase B", [{"year": 2030, "kind": "target", "text": "82"}, {"year": 2031, "kind": "target", "text": "84"}]),
         ("Indeks D", [{"year": 2030, "kind": "target", "text": "3,2"}])], []]
    assert warned == [("yearly-tables", doc.agency_tables[1].line)]


def test_a_year_caption_over_year_columns_sets_no_table_year():
    text = ("INDIKATOR KINERJA UTAMA TAHUN 2030\n"
            + rows(["No", "Indikator Kinerja", "Target 2030", "Target 2031"], ["1", "Indeks A", "1", "2"]))
    [t] = parse(text).agency_tables
    assert (t.year, t.yearly) == (None, False)


def test_nested_numbers_give_tujuan_and_sasaran_rows_in_one_column():
    # V80
    text = ("INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Tujuan/Sasaran/Indikator Kinerja", "Satuan", "Target 2030", "Sumber Data"],
                   ["1", "Meningkatnya kualitas A", "", "", ""],
                   ["1.1", "Meningkatnya konsistensi B", "", "", ""],
                   ["1.1.1", "Persentase C", "%", "92", "Dokumen D"],
                   ["1.1.2", "Nilai E", "nilai", "3,50", "Laporan F"],
                   ["1.2", "Meningkatnya mutu G", "", "", ""],
                   ["1.2.1", "Indeks H", "indeks", "60", "Laporan I"]))
    assert [(f["name"], f["goal"]) for f in fields(text)] == [
        ("Persentase C", "Meningkatnya konsistensi B"), ("Nilai E", "Meningkatnya konsistensi B"),
        ("Indeks H", "Meningkatnya mutu G")]


def test_numbered_rows_of_one_level_stay_indicators():
    text = ("INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Target 2030"],
                   ["1.", "Meningkatnya A", "Persentase B", "90"], ["2.", "", "Nilai C", "80"]))
    assert [f["name"] for f in fields(text)] == ["Persentase B", "Nilai C"]


def test_a_jabatan_label_numbered_in_roman_and_nested_style():
    text = ("II.1 Jabatan Kepala Badan\n\n" + rows(["No", "Sasaran", "Indikator Kinerja", "Target"],
                                                  ["1.", "Meningkatnya A", "Persentase B", "90"])
            + "\nB. Jabatan : Sekretaris\n\n" + rows(["No", "Sasaran", "Indikator Kinerja", "Target"],
                                                     ["1.", "Meningkatnya C", "Nilai D", "80"])
            + "\n" + rows(["A.", "JABATAN PENGAWAS", "", ""]))
    assert [p.title for p in parse(text).positions] == ["Kepala Badan", "Sekretaris"]


def test_formulas_in_footnotes_under_the_rows_of_a_table_without_a_formula_column():
    # V82: the marker leaves the name; the footnote of each page follows its rows
    head = ["No", "Sasaran", "Indikator Kinerja", "Target 2030", "Sumber Data"]
    text = ("INDIKATOR KINERJA UTAMA\n"
            + rows(head, ["1", "Meningkatnya A", "Persentase B<sup>1)</sup>", "82", "Laporan C"],
                   ["2", "", "Jumlah D", "4", "Laporan C"])
            + "_______________\n<sup>1)</sup> Jumlah B dibagi jumlah E x 100%\n\nHalaman 1 dari 2\n\n"
            + rows(head, ["3", "", "Indeks F<sup>1)</sup>", "3", "Laporan G"], ["4", "", "Nilai H<sup>2)</sup>", "5", ""])
            + "_______________\n<sup>1)</sup> Hasil survei F\n")
    recs, doc = records(text)
    assert [(r.name, r.fields()["formula"] or None) for r in recs] == [
        ("Persentase B", "Jumlah B dibagi jumlah E x 100%"), ("Jumlah D", None), ("Indeks F", "Hasil survei F"),
        ("Nilai H", None)]
    assert [w["code"] for w in doc.warnings].count("footnote-formula") == 2
    assert [w["line"] for w in doc.warnings if w["code"] == "footnote-missing"] == [recs[3].first]


def test_semula_and_menjadi_under_a_spanning_target_header():
    # V83: the new value is the target of the header's year, the replaced one is not read
    text = ("A. PERUBAHAN INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target 2030", "", "Keterangan"],
                   ["", "", "", "", "Semula", "Menjadi", ""],
                   ["1", "Meningkatnya A", "Prevalensi B", "%", "14", "16,5", "Penyesuaian"],
                   ["2", "", "Persentase C", "%", "-", "25", "Indikator baru"]))
    assert [(f["name"], f["targets"]) for f in fields(text)] == [
        ("Prevalensi B", [{"year": 2030, "kind": "target", "text": "16,5"}]),
        ("Persentase C", [{"year": 2030, "kind": "target", "text": "25"}])]


def test_a_wide_table_printed_in_two_column_parts_is_joined_by_row_number():
    # V84
    text = ("INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Sasaran", "Indikator Kinerja", "Satuan"],
                   ["1", "Meningkatnya A", "Persentase B", "%"], ["2", "", "Nilai C", "nilai"])
            + "\n- 3 -\n\n"
            + rows(["No", "Kondisi Awal 2029", "Target 2030", "Sumber Data", "Penanggung Jawab"],
                   ["1", "70", "75", "Laporan D", "Bagian E"], ["2", "-", "BB", "LHE", "Sekretaris"],
                   ["9", "1", "2", "X", "Y"]))
    recs, doc = records(text)
    assert [(r.name, r.targets(), r.fields()["data_source"], r.fields()["responsible"]) for r in recs] == [
        ("Persentase B", [{"year": 2029, "kind": "baseline", "text": "70"}, {"year": 2030, "kind": "target", "text": "75"}],
         "Laporan D", "Bagian E"),
        ("Nilai C", [{"year": 2030, "kind": "target", "text": "BB"}], "LHE", "Sekretaris")]
    codes = [w["code"] for w in doc.warnings]
    assert "columns-joined" in codes and "columns-unmatched" in codes


def test_sasaran_and_penanggung_jawab_captions_above_a_table():
    # V85: one caption pair per table; each table's rows take its own
    head = ["No", "Indikator Kinerja Utama", "Satuan", "Target 2030"]
    text = ("Sasaran Strategis 1 : Meningkatnya A\nPenanggung Jawab : Bidang B\n\n"
            + rows(head, ["1", "Indeks C", "indeks", "63"], ["2", "Indeks D", "indeks", "52"])
            + "\nSasaran Strategis 2 : Meningkatnya E\nPenanggung Jawab : Bidang F\n\n"
            + rows(head, ["1", "Persentase G", "%", "72,5"]))
    assert [(f["name"], f["goal"], f["responsible"]) for f in fields(text)] == [
        ("Indeks C", "Meningkatnya A", "Bidang B"), ("Indeks D", "Meningkatnya A", "Bidang B"),
        ("Persentase G", "Meningkatnya E", "Bidang F")]


def test_a_target_written_once_for_every_year_across_merged_year_cells():
    # V86
    text = ("INDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Indikator Kinerja", "Target", "", "", "Satuan"], ["", "", "2030", "2031", "2032", ""],
                   ["1", "Persentase A", "100% setiap tahun", "", "", "%"],
                   ["2", "Persentase B", "70 - 75", "80", "", "%"]))
    recs, doc = records(text)
    assert [[(t["year"], t["text"]) for t in r.targets()] for r in recs] == [
        [(2030, "100%"), (2031, "100%"), (2032, "100%")], [(2030, "70 - 75"), (2031, "80")]]
    assert [w["line"] for w in doc.warnings if w["code"] == "target-every-year"] == [recs[0].first]


def test_a_label_row_over_lettered_indicator_rows_and_a_legend_ending_the_table():
    # V87: 'Indikator kinerja:' is no indicator; 'Keterangan:' ends the table, the signature after it is no row
    text = ("Jabatan : Kepala Bidang A\n\n"
            + rows(["No", "Sasaran Kinerja", "Indikator Kinerja Individu", "Target", "Sumber Data"],
                   ["1", "Meningkatnya B", "Indikator kinerja:", "", ""],
                   ["", "", "a. Jumlah C", "215", "Laporan D"],
                   ["", "", "b. Persentase E yang", "30", "Laporan F"],
                   ["", "", "diolah menjadi kompos", "", ""])
            + "\nKeterangan:\nTarget untuk tahun berjalan.\n\n" + rows(["", "", "", "", "KEPALA DINAS,"]))
    assert [(f["name"], f["goal"], f["data_source"]) for f in fields(text)] == [
        ("Jumlah C", "Meningkatnya B", "Laporan D"), ("Persentase E yang diolah menjadi kompos", "Meningkatnya B", "Laporan F")]


def test_captions_and_every_year_targets_only_where_their_layout_is():
    # V85/V86 negatives: a 'Penanggung Jawab :' line with no table under it is prose; a single
    # yearless Target column keeps 'setiap tahun' as written
    text = ("Penanggung Jawab : Sekretaris\nKeputusan ini berlaku sejak ditetapkan.\n\nINDIKATOR KINERJA UTAMA\n"
            + rows(["No", "Indikator Kinerja", "Target", "Satuan"], ["1", "Persentase A", "100% setiap tahun", "%"]))
    [f] = fields(text)
    assert f["responsible"] == "" and [t["text"] for t in f["targets"]] == ["100% setiap tahun"]

"""The front stage (generator/importer/syntax.py): each table syntax read into TAB rows, with the
source lines of every row; then the same records as a TAB table gives (V59-V62)."""
from generator.importer.cells import join_hyphen
from generator.importer.syntax import READERS, normalise
from tests.importer.test_import_rules import fields

T = "\t"


def rows_of(text: str) -> list[tuple[int, list[str], int]]:
    return [(e.line, e.text.split(T), e.last) for e in normalise(text).entries if T in e.text]


def test_every_reader_is_named_once():
    names = [n for n, _ in READERS]
    assert len(names) == len(set(names)) and {"html", "pipe", "fixed-width", "card"} <= set(names)


# ---- HTML (V59) ----

HTML = """INDIKATOR KINERJA UTAMA
<table>
<tr><th rowspan="2">No</th><th rowspan="2">Sasaran</th><th rowspan="2">Indikator Kinerja</th><th rowspan="2">Formulasi</th>
<th colspan="2">Target</th><th rowspan="2">Sumber Data</th></tr>
<tr><th>2030</th><th>2031</th></tr>
<tr><td rowspan="2">1</td><td rowspan="2">Meningkatnya mutu A</td><td>Indeks B</td><td>Nilai survei B</td><td>10</td><td>20</td><td>Laporan C</td></tr>
<tr><td>Persentase D</td><td>Jumlah D yang<br>------- x 100%<br>Jumlah E</td><td>5</td><td>6</td><td>Laporan F</td></tr>
</table>
"""


def test_html_grid_fills_rowspan_and_colspan_cells_with_empty_cells():
    r = rows_of(HTML)
    assert [(x[0], x[2]) for x in r] == [(3, 4), (5, 5), (6, 6), (7, 7)]
    assert r[0][1] == ["No", "Sasaran", "Indikator Kinerja", "Formulasi", "Target", "", "Sumber Data"]
    assert r[1][1] == ["", "", "", "", "2030", "2031", ""]
    assert r[3][1] == ["", "", "Persentase D", "Jumlah D yang<br>------- x 100%<br>Jumlah E", "5", "6", "Laporan F"]


def test_html_table_gives_the_records_of_the_same_tab_table():
    f = fields(HTML)
    assert [x["name"] for x in f] == ["Indeks B", "Persentase D"]
    assert f[1]["numerator"] == "Jumlah D yang" and f[1]["denominator"] == "Jumlah E"
    assert f[0]["goal"] == f[1]["goal"] == "Meningkatnya mutu A"
    assert f[0]["targets"] == [{"year": 2030, "kind": "target", "text": "10"},
                               {"year": 2031, "kind": "target", "text": "20"}]


def test_html_rows_written_over_several_lines_keep_their_first_and_last_line():
    text = "<table><tr><th>Sasaran</th><th>Indikator</th>\n<th>Target</th></tr>\n<tr>\n<td>Meningkatnya A</td>\n" \
           "<td>Indeks B</td><td>3</td>\n</tr></table>\n"
    r = rows_of(text)
    assert (r[0][0], r[0][2]) == (1, 2) and (r[1][0], r[1][2]) == (3, 5)
    assert r[1][1] == ["Meningkatnya A", "Indeks B", "3"]


def test_html_table_without_its_end_is_read_and_warned():
    n = normalise("<table>\n<tr><td>Sasaran</td><td>Indikator</td></tr>\n<tr><td>A</td><td>B</td></tr>\n")
    assert [w[0] for w in n.warnings] == ["html-table-unclosed"]
    assert len([e for e in n.entries if T in e.text]) == 2


# ---- markdown pipe tables (V60) ----

PIPE = """### Jabatan: Kepala Seksi A

| No | Sasaran | Indikator Kinerja Individu | Satuan | Target |
|:--:|:--|:--|:--:|--:|
| 1 | Meningkatnya A | Persentase B<br>yang selesai | % | **90** |
| 2 |  | Jumlah C | dokumen | 4 |
"""


def test_pipe_table_drops_the_separator_row_and_unbolds_cells():
    r = rows_of(PIPE)
    assert [x[0] for x in r] == [3, 5, 6]
    assert r[1][1] == ["1", "Meningkatnya A", "Persentase B<br>yang selesai", "%", "90"]
    assert r[2][1][1] == ""


def test_pipe_table_under_a_heading_gives_the_position_and_its_records():
    f = fields(PIPE)
    assert [x["name"] for x in f] == ["Persentase B yang selesai", "Jumlah C"]
    assert f[1]["goal"] == "Meningkatnya A" and f[0]["targets"][0]["text"] == "90"


def test_pipe_lines_without_a_separator_row_are_no_table():
    assert not rows_of("| a | b |\n| c | d |\n")


# ---- columns aligned with spaces (V61) ----

FIXED = """JABATAN : KEPALA SEKSI A

NO  SASARAN             INDIKATOR KINERJA     SATUAN  TARGET  SUMBER DATA
                                                      2030
1.  Meningkatnya mutu   Persentase layanan    %       90      Laporan
    layanan kantor      yang tepat waktu                      Bulanan
2.                      Jumlah rekomendasi    dokumen 4       Seksi A
                        hasil evalu-
                        asi yang disusun

                                          Halaman 1 dari 2
"""


def test_fixed_width_columns_come_from_the_header_words():
    r = rows_of(FIXED)
    assert r[0] == (3, ["NO", "SASARAN", "INDIKATOR KINERJA", "SATUAN", "TARGET 2030", "SUMBER DATA"], 4)
    assert r[1] == (5, ["1.", "Meningkatnya mutu layanan kantor", "Persentase layanan yang tepat waktu", "%", "90",
                        "Laporan Bulanan"], 6)
    assert r[2][1][2] == "Jumlah rekomendasi hasil evaluasi yang disusun" and r[2][2] == 9


def test_fixed_width_block_ends_at_a_page_mark_and_gives_records_with_years():
    f = fields(FIXED)
    assert [x["name"] for x in f] == ["Persentase layanan yang tepat waktu",
                                      "Jumlah rekomendasi hasil evaluasi yang disusun"]
    assert f[1]["goal"] == "Meningkatnya mutu layanan kantor"
    assert f[0]["targets"] == [{"year": 2030, "kind": "target", "text": "90"}]
    assert f[0]["data_source"] == "Laporan Bulanan"


def test_a_line_off_the_columns_ends_the_fixed_width_table():
    text = FIXED.split("\n\n                                          Halaman")[0] + "\n                           KEPALA SEKSI A,\n"
    r = rows_of(text)
    assert r[-1][1][2] == "Jumlah rekomendasi hasil evaluasi yang disusun"


def test_prose_with_wide_gaps_is_no_fixed_width_table():
    assert not rows_of("Menimbang   :   a.   bahwa sasaran  dan indikator perlu ditetapkan\n")


def test_hyphen_at_a_line_end():
    assert join_hyphen("hasil evalu-", "asi reformasi") == "hasil evaluasi reformasi"
    assert join_hyphen("ANJAB-", "ABK") == "ANJAB-ABK" and join_hyphen("melalui e-", "surat") == "melalui e-surat"
    assert join_hyphen("Jumlah", "dokumen") == "Jumlah dokumen"


# ---- indicator cards (V62) ----

CARDS = """IKU 1
Sasaran Strategis\t: Meningkatnya A
Nama Indikator\t: Persentase B
Definisi\t: B yang memenuhi standar
Formulasi/Cara Perhitungan\t: Jumlah B yang memenuhi standar
\t  ----------- x 100%
\t  Jumlah seluruh B
Satuan\t: persen
Tipe Penghitungan\t: Non kumulatif
Kondisi Awal (2029)\t: 60
Target\t2030\t2031
\t70\t-

IKU 2
Sasaran Strategis\t: Meningkatnya A
Nama Indikator\t: Indeks C
Satuan\t: indeks
Target\t2030\t2031
\t3\t3,5
"""


def test_cards_become_one_table_with_the_labels_as_header():
    r = rows_of(CARDS)
    head = r[0][1]
    assert head[:3] == ["No", "Sasaran Strategis", "Nama Indikator"] and "Target 2031" in head
    assert (r[1][0], r[1][2]) == (2, 12) and (r[2][0], r[2][2]) == (15, 19)


def test_card_fields_formula_is_the_calculation_and_years_pair_with_values():
    f = fields(CARDS)
    assert [x["name"] for x in f] == ["Persentase B", "Indeks C"]
    assert "Jumlah seluruh B" in f[0]["formula"] and "standar" in f[0]["formula"] and "kumulatif" not in f[0]["formula"]
    assert f[0]["unit"] == "persen"
    assert f[0]["targets"] == [{"year": 2029, "kind": "baseline", "text": "60"},
                               {"year": 2030, "kind": "target", "text": "70"}]
    assert f[1]["targets"][1] == {"year": 2031, "kind": "target", "text": "3,5"}


def test_a_numbered_heading_without_labels_is_no_card():
    assert not rows_of("IKU 1\nPersentase B meningkat setiap tahun.\n")


def test_fixed_width_header_words_wrapped_over_two_lines_and_a_label_ending_the_table():
    text = ("No  Sasaran        Indikator       Target\n"
            "                   Kinerja         2030\n"
            "1.  Meningkatnya   Indeks A        3\n"
            "    mutu B\n"
            "Jabatan : Kepala Seksi C\n")
    r = rows_of(text)
    assert r[0][1] == ["No", "Sasaran", "Indikator Kinerja", "Target 2030"]
    assert r[1] == (3, ["1.", "Meningkatnya mutu B", "Indeks A", "3"], 4)
    assert len(r) == 2


def test_card_years_row_labelled_tahun_over_a_target_row():
    text = "Indikator Kinerja 1\nNama Indikator : Indeks A\nSatuan : indeks\nTahun\t2030\t2031\nTarget\t3\t4\n"
    [f] = fields("INDIKATOR KINERJA UTAMA\n\n" + text)
    assert f["name"] == "Indeks A" and [(t["year"], t["text"]) for t in f["targets"]] == [(2030, "3"), (2031, "4")]


def test_card_with_fewer_values_than_years_is_warned():
    n = normalise("IKU 1\nNama Indikator\t: Indeks A\nTarget\t2030\t2031\n\t3\n")
    assert [w[0] for w in n.warnings] == ["card-values"]


def test_pipe_table_without_outer_pipes():
    r = rows_of("Sasaran | Indikator Kinerja | Target\n--- | --- | ---\nMeningkatnya A | Indeks B | 3\n\nprose\n")
    assert [x[1] for x in r] == [["Sasaran", "Indikator Kinerja", "Target"], ["Meningkatnya A", "Indeks B", "3"]]


def test_ocr_column_bars_without_a_separator_row_and_a_wrapped_row():
    # V67: a ruled table read by OCR: ' | ' between cells, a wrapped line under its own bars, a bar read as 'I'
    text = ("No | Sasaran | Indikator Kinerja | Satuan | Target\n"
            "1 | Meningkatnya mutu | Persentase layanan | % | 90\n"
            "  | pelayanan kantor | yang tepat waktu | | \n"
            "2 | Meningkatnya tertib arsip I Jumlah arsip yang ditata | berkas | 40\n")
    r = rows_of(text)
    assert r[1] == (2, ["1", "Meningkatnya mutu pelayanan kantor", "Persentase layanan yang tepat waktu", "%", "90"], 3)
    assert r[2][1] == ["2", "Meningkatnya tertib arsip", "Jumlah arsip yang ditata", "berkas", "40"]
    assert [(w[0], w[1]) for w in normalise(text).warnings] == [("ocr-bar", 4)]


def test_a_line_with_a_bar_but_no_header_is_no_table():
    assert not rows_of("Catatan | lihat lampiran\nsetiap | tahun\n")


def test_indicators_listed_in_a_dictum_with_their_targets():
    # V72
    text = ("KESATU : Indikator Kinerja Utama Kecamatan A Tahun 2030 adalah sebagai berikut:\n"
            "a. Indeks B terhadap pelayanan, dengan target 85;\n"
            "b. Persentase C yang selesai, dengan target ≥ 90%; dan\n"
            "c. Nilai D.\n\nKEDUA : Keputusan ini berlaku.\n")
    f = fields(text)
    assert [(x["name"], [(t["year"], t["text"]) for t in x["targets"]]) for x in f] == [
        ("Indeks B terhadap pelayanan", [(2030, "85")]), ("Persentase C yang selesai", [(2030, "≥ 90%")]),
        ("Nilai D", [])]
    assert [w[0] for w in normalise(text).warnings] == ["dictum-list"]


GRID = """+----+-----------------+-------------------+--------+
| No | Sasaran         | Indikator Kinerja | Target |
|    |                 |                   | 2030   |
+====+=================+===================+========+
| 1  | Meningkatnya    | Persentase A yang | 90     |
|    | mutu B          | tepat waktu       |        |
+----+-----------------+-------------------+--------+
| 2  |                 | Jumlah C          | 4      |
+----+-----------------+-------------------+--------+
"""


def test_grid_table_rows_are_joined_between_borders():
    # V73
    r = rows_of(GRID)
    assert r[0] == (2, ["No", "Sasaran", "Indikator Kinerja", "Target 2030"], 3)
    assert r[1] == (5, ["1", "Meningkatnya mutu B", "Persentase A yang tepat waktu", "90"], 6)
    f = fields("INDIKATOR KINERJA UTAMA\n" + GRID)
    assert [(x["name"], x["goal"], x["targets"][0]["year"]) for x in f] == [
        ("Persentase A yang tepat waktu", "Meningkatnya mutu B", 2030), ("Jumlah C", "Meningkatnya mutu B", 2030)]


TABULAR = r"""\begin{tabular}{|c|l|l|c|c|}
\hline No & Sasaran & Indikator Kinerja & Formulasi & \multicolumn{2}{c|}{Target} \\
\cline { 5 - 6 } & & & & 2030 & 2031 \\
\hline \multirow{2}{*}{1} & \multirow{2}{*}{\textbf{Meningkatnya A}} & Persentase B & $\frac{B}{C} \times 100 \%$ & 90 & 95 \\
\cline { 3 - 6 } & & Jumlah D & - & 4 & 5 \\
\hline
\end{tabular}
"""


def test_latex_tabular_rows_cells_and_spans():
    # V74
    r = rows_of(TABULAR)
    assert r[0] == (2, ["No", "Sasaran", "Indikator Kinerja", "Formulasi", "Target", ""], 2)
    assert r[1][1] == ["", "", "", "", "2030", "2031"]
    assert r[2][1] == ["1", "Meningkatnya A", "Persentase B", r"$\frac{B}{C} \times 100 \%$", "90", "95"]
    f = fields("INDIKATOR KINERJA UTAMA\n" + TABULAR)
    assert [(x["name"], x["goal"], [t["year"] for t in x["targets"]]) for x in f] == [
        ("Persentase B", "Meningkatnya A", [2030, 2031]), ("Jumlah D", "Meningkatnya A", [2030, 2031])]


def test_fixed_width_without_numbers_starts_a_row_at_a_value():
    text = ("SASARAN          INDIKATOR KINERJA      SATUAN   TARGET   SUMBER DATA\n"
            "Meningkatnya     Persentase layanan     %        90       Laporan\n"
            "mutu layanan     yang tepat waktu                         bulanan\n"
            "                 Jumlah arsip           berkas   40       Seksi A\n")
    r = rows_of(text)
    assert [x[1] for x in r[1:]] == [["Meningkatnya mutu layanan", "Persentase layanan yang tepat waktu", "%", "90",
                                      "Laporan bulanan"], ["", "Jumlah arsip", "berkas", "40", "Seksi A"]]


def test_a_dictum_list_pointing_to_the_annexes_is_no_indicator_list():
    text = ("KESATU : Menetapkan Indikator Kinerja Dinas A yang terdiri atas:\n"
            "a. Indikator Kinerja Utama sebagaimana tercantum dalam Lampiran I;\n"
            "b. Indikator Kinerja Individu sebagaimana tercantum dalam Lampiran II.\n")
    assert not rows_of(text)


def test_fixed_width_text_off_the_columns_is_placed_and_warned():
    text = ("NO  SASARAN        INDIKATOR KINERJA   TARGET\n"
            "1.  Meningkatnya A      Indeks B        3\n")
    r = rows_of(text)
    assert r[1][1] == ["1.", "Meningkatnya A", "Indeks B", "3"]
    assert [(w[0], w[1]) for w in normalise(text).warnings] == [("fixed-width-off-column", 2)]


def test_fixed_width_cells_wrapped_under_a_centred_header():
    text = ("  NO      SASARAN        INDIKATOR KINERJA     SATUAN   TARGET\n"
            "  1.   Meningkatnya      Persentase layanan     %        90\n"
            "       mutu layanan      yang tepat waktu\n")
    r = rows_of(text)
    assert r[1] == (2, ["1.", "Meningkatnya mutu layanan", "Persentase layanan yang tepat waktu", "%", "90"], 3)


def test_cards_as_two_column_rows_under_a_dashed_opener():
    text = "IKU-1\nNama Indikator\tIndeks A\nSatuan\tindeks\nTarget 2030\t3\n\nIKU-2\nNama Indikator\tJumlah B\n"
    f = fields("INDIKATOR KINERJA UTAMA\n\n" + text)
    assert [(x["name"], x["unit"], [(t["year"], t["text"]) for t in x["targets"]]) for x in f] == [
        ("Indeks A", "indeks", [(2030, "3")]), ("Jumlah B", None, [])]


CSV = '''Jabatan : Kepala Bidang A

"No","Sasaran Kinerja","Indikator Kinerja Individu","Satuan","Target 2030","Formulasi","Sumber Data"
"1","Meningkatnya mutu
pelayanan B","Jumlah Kelompok ""KUBE"" yang
dibina","kelompok","1.250","","Laporan C"
"2","","Persentase D dalam 1 x 24 jam","%","72,5","Jumlah D, dibagi E x 100%","Laporan C"

Jabatan : Sekretaris
'''


def test_csv_cells_in_quotes_over_lines_with_doubled_quotes():
    # V76: a table extractor's CSV (Tabula)
    r = rows_of(CSV)
    assert r[0] == (3, ["No", "Sasaran Kinerja", "Indikator Kinerja Individu", "Satuan", "Target 2030", "Formulasi",
                        "Sumber Data"], 3)
    assert r[1] == (4, ["1", "Meningkatnya mutu pelayanan B", 'Jumlah Kelompok "KUBE" yang dibina', "kelompok",
                        "1.250", "", "Laporan C"], 6)
    f = fields(CSV)
    assert [(x["name"], x["goal"], x["formula"], x["targets"]) for x in f] == [
        ('Jumlah Kelompok "KUBE" yang dibina', "Meningkatnya mutu pelayanan B", "",
         [{"year": 2030, "kind": "target", "text": "1.250"}]),
        ("Persentase D dalam 1 x 24 jam", "Meningkatnya mutu pelayanan B", "Jumlah D, dibagi E x 100%",
         [{"year": 2030, "kind": "target", "text": "72,5"}])]


def test_a_csv_row_of_another_width_ends_the_table_and_is_warned():
    text = ('"No","Sasaran","Indikator Kinerja","Target"\n"1","A","Indeks B","80"\n"2","Indeks C","90"\n')
    assert len(rows_of(text)) == 2
    assert [w[:2] for w in normalise(text).warnings] == [("csv-row-width", 3)]


def test_prose_with_quotes_and_commas_is_no_csv_table():
    assert not rows_of('Menimbang : "a","b","c" adalah contoh, bukan tabel\n')


ROTATED = '''Jabatan : Kepala Seksi A

No.
Sasaran
Indikator Kinerja
Satuan
Target 2030
Sumber Data
1.
Meningkatnya mutu B
Persentase C yang tepat waktu
%
100
Laporan D
2.
Jumlah E yang dibina
lembaga
4
Laporan D
3.
Meningkatnya peran F
Jumlah G
kegiatan
3
Laporan H
'''


def test_a_rotated_table_one_cell_per_line_rows_start_at_their_numbers():
    # V77: a '4' target alone on a line is no row number ('n.' numbering, and not the next one)
    r = rows_of(ROTATED)
    [warning] = normalise(ROTATED).warnings
    assert warning[:2] == ("cell-per-line", 3) and "lines 15" in warning[2]
    assert r[0] == (3, ["No.", "Sasaran", "Indikator Kinerja", "Satuan", "Target 2030", "Sumber Data"], 8)
    assert r[2] == (15, ["2.", "", "Jumlah E yang dibina", "lembaga", "4", "Laporan D"], 19)
    f = fields(ROTATED)
    assert [(x["name"], x["goal"], x["unit"], x["targets"][0]["text"]) for x in f] == [
        ("Persentase C yang tepat waktu", "Meningkatnya mutu B", "%", "100"),
        ("Jumlah E yang dibina", "Meningkatnya mutu B", "lembaga", "4"),
        ("Jumlah G", "Meningkatnya peran F", "kegiatan", "3")]


def test_a_rotated_row_of_another_width_is_warned():
    text = "No\nSasaran\nIndikator Kinerja\nTarget\n1\nMeningkatnya A\nIndeks B\n80\n2\nIndeks C\n"
    r = rows_of(text)
    assert r[2] == (9, ["2", "", "Indeks C"], 10)
    assert [w[:2] for w in normalise(text).warnings] == [("cell-per-line-row", 9), ("cell-per-line", 1)]


def test_header_words_on_lines_without_a_numbered_row_are_no_table():
    assert not rows_of("No\nSasaran\nIndikator Kinerja\nTarget\n\nKeterangan\n")


def test_markdown_backslash_escapes_in_pipe_cells_are_the_characters_latex_kept():
    # V81
    text = ("| No | Sasaran | Indikator Kinerja | Formulasi | Sumber Data |\n|---|---|---|---|---|\n"
            "| 1 | Meningkatnya KTP\\-el | Persentase (A \\| B) usia 0\\-17 | $\\frac{A}{B} \\times 100\\%$ | SIAK\\_Terpusat |\n")
    assert rows_of(text)[1][1] == ["1", "Meningkatnya KTP-el", "Persentase (A | B) usia 0-17",
                                   "$\\frac{A}{B} \\times 100\\%$", "SIAK_Terpusat"]

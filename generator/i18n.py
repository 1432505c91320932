"""Interface strings and URL layout per language. Data stays as the decree writes it."""
from __future__ import annotations

LANGS = ("id", "en")
DEFAULT = "id"

# Page paths (docs-relative, without .md) per language.
PATHS = {
    "id": {"home": "index", "agencies": "lembaga/index", "agency": "lembaga/{id}",
           "explorer": "indikator/index", "downloads": "unduh/index", "dictionary": "kamus-data/index",
           "quality": "kualitas-data/index", "about": "tentang/index", "releases": "rilis/index", "reading": "membaca-data/index",
           "region": "wilayah/{code}"},
    "en": {"home": "index", "agencies": "agencies/index", "agency": "agencies/{id}",
           "explorer": "indicators/index", "downloads": "downloads/index", "dictionary": "data-dictionary/index",
           "quality": "data-quality/index", "about": "about/index", "releases": "releases/index", "reading": "reading-data/index",
           "region": "regions/{code}"},
}

STRINGS = {
    "id": {
        "site_name": "Kinerja Terbuka",
        "tagline": "Indikator kinerja pemerintah daerah sebagai data terbuka",
        "home": "Beranda", "agencies": "Lembaga", "explorer": "Penjelajah indikator",
        "downloads": "Unduh data", "dictionary": "Kamus data", "quality": "Kualitas data", "about": "Tentang", "reading": "Membaca data",
        "agency": "Lembaga", "region": "Wilayah", "province": "Provinsi", "kabupaten": "Kabupaten/kota",
        "kecamatan": "Kecamatan", "region_code": "kode Kemendagri",
        "instrument": "Instrumen", "number": "Nomor", "subject": "Tentang", "signed_on": "Tanggal ditetapkan",
        "signed_at": "Ditetapkan di", "signer": "Penandatangan", "period": "Periode", "kind": "Jenis",
        "source": "Sumber", "source_text": "teks keputusan", "sha256": "SHA-256",
        "flags": "Catatan sumber", "no_flags": "Tidak ada cacat sumber yang tercatat.",
        "unknown_agency_name": "Lembaga tidak disebutkan dalam dokumen",
        "positions": "Jabatan", "position": "Jabatan", "tugas": "Tugas", "fungsi": "Fungsi",
        "tugas_fungsi": "Tugas dan fungsi", "agency_duties": "Tugas dan fungsi lembaga",
        "indicators": "Indikator", "indicator": "Indikator", "goal": "Sasaran", "formula": "Penjelasan / formulasi",
        "target": "Target", "data_source": "Sumber data", "responsible": "Penanggung jawab",
        "lines": "Baris sumber", "calc_type": "Jenis penghitungan", "note": "Catatan",
        "iku": "Indikator Kinerja Utama (IKU)", "iki": "Indikator Kinerja Individu (IKI)",
        "all_indicators": "Semua indikator lembaga ini", "cascade": "Pohon kinerja (cascading)",
        "no_indicators": "Tidak ada indikator tercatat untuk jabatan ini.",
        "count_agencies": "lembaga", "count_documents": "keputusan", "count_positions": "jabatan",
        "count_indicators": "indikator",
        "download_package": "Paket data", "format": "Format", "size": "Ukuran", "file": "Berkas",
        "all_portal": "Seluruh portal",
        "dictionary_intro": "Setiap paket data memakai skema tabel yang sama. Nama kolom adalah antarmuka publik.",
        "field": "Kolom", "type": "Tipe", "description": "Keterangan", "required": "wajib", "values": "Nilai",
        "primary_key": "Kunci utama", "foreign_keys": "Kunci asing",
        "browse": "Telusuri menurut wilayah", "unknown_region": "Wilayah tidak diketahui",
        "search": "Cari", "filter_text": "Saring teks", "filter_all": "Semua",
        "visible_rows": "baris tampil", "download_visible": "Unduh baris yang tampil (CSV)",
        "lang_name": "Bahasa Indonesia",
        "explorer_intro": "Cari semua indikator dari semua lembaga menurut nama, formula, sumber data atau jabatan, lalu saring menurut provinsi, kabupaten/kota, lembaga dan jenis (IKU/IKI). Setiap hasil menuju barisnya di halaman lembaga.",
        "hits": "indikator ditemukan", "search_empty": "Ketik kata kunci atau pilih saringan.",
        "searching": "Mencari…", "search_error": "Pencarian tidak dapat dimuat",
        "search_placeholder": "mis. kehadiran pegawai", "search_noscript": "Pencarian memerlukan JavaScript. Semua indikator juga tersedia di halaman setiap lembaga dan sebagai unduhan.",
        "search_go": "Cari indikator",
        "quality_intro": "Seberapa lengkap indikator setiap keputusan: bagian indikator yang memiliki formula, sumber data, target dan penanggung jawab, serta cacat sumber yang tercatat.",
        "flagged_rows": "%s dan %s bertanda", "related": "Serupa di lembaga lain", "more": "lainnya",
        "releases": "Rilis data", "releases_intro": "Setiap rilis membekukan seluruh data pada satu versi yang dapat dikutip. Berkas rilis lama tetap tersedia di alamat yang sama.",
        "version": "Versi", "date": "Tanggal", "changes": "Perubahan", "added": "ditambah", "removed": "dihapus",
        "changed": "diubah", "no_release": "Belum ada rilis.", "status": "Status hukum", "in_force": "Berlaku",
        "superseded_by": "Diganti oleh", "supersedes": "Mengganti", "amends": "Mengubah", "decree_agencies": "Keputusan ini menetapkan indikator %d perangkat daerah", "last_changed": "Data terakhir berubah",
        "not_released": "belum dirilis", "release_word": "rilis", "cite": "Kutip data ini",
        "status.released": "rilis {release}", "status.changed": "berubah sejak rilis {release}, belum dirilis",
        "status.added": "ditambahkan sejak rilis {release}, belum dirilis", "status.unreleased": "belum dirilis",
        "data_version": "Versi data", "cite_release": "Rilis", "cite_snapshot": "Data saat ini (belum dirilis)",
        "cite_snapshot_intro": "Untuk mengutip data persis seperti sekarang, kutip snapshot ini dengan checksum isinya; berkas zip-nya dapat berubah pada pembaruan berikutnya.",
        "content_checksum": "checksum isi (SHA-256)",
        "satu_producer": "produsen data", "satu_walidata": "Walidata", "satu_frequency": "Frekuensi pemutakhiran",
        "satu_theme": "Tema", "satu_contact": "Kontak",
        "satu_walidata_default": "menurut aturan bawaan: Diskominfo wilayah; dapat diatur di config/satu-data.yaml", "history": "Riwayat keputusan",
        "catalog_intro": "Katalog mesin-terbaca:",
        "by_province": "Berkas setiap lembaga (format, ukuran dan SHA-256) ada di halaman lembaga itu; per provinsi: daftar lembaga dan, pada portal berskala nasional, berkas seluruh provinsi:",
        "quality_by_province": "Rincian per lembaga ada di halaman setiap provinsi.",
        "region_files": "Berkas unduhan", "region_quality": "Kualitas data", "region_agencies": "Lembaga",
        "page_word": "Halaman", "parts_nav": "Halaman lembaga ini",
        "parts_intro": "Jabatan beserta tugas, fungsi dan tabel indikatornya ada di halaman berikut; tabel semua indikator di bawah menautkan setiap indikator ke barisnya.",
        "agency_page": "Halaman lembaga (ringkasan, IKU, semua indikator)", "positions_range": "jabatan %d–%d",
        "reworded": "diubah kata-katanya", "target_changed": "target berubah", "no_differences": "Tidak ada perbedaan indikator.",
        "flag.lost_page": "Ada halaman yang hilang dalam sumber",
        "flag.probable_orphan_table": "Tabel kemungkinan milik jabatan lain",
        "flag.truncated_source": "Teks sumber terpotong",
        "flag.unknown_agency": "Nama lembaga tidak tercantum",
        "flag.duplicated_table": "Tabel disalin ulang dalam sumber",
        "flag.ocr_damaged": "Teks rusak karena OCR",
        "flag.metadata_missing": "Metadata keputusan tidak lengkap",
        "flag.reconstructed": "Direkonstruksi editor dari sumber yang rusak",
        "flag.year_from_period": "Tahun target diambil dari periode keputusan (perkiraan)",
        "unit": "Satuan", "baseline": "Kondisi awal",
        "kind.IKU": "IKU", "kind.IKI": "IKI", "kind.IKU-IKI": "IKU dan IKI",
        "level.visi": "Visi", "level.misi": "Misi", "level.tujuan_rpjmd": "Tujuan RPJMD",
        "level.sasaran_rpjmd": "Sasaran RPJMD", "level.tujuan_renstra": "Tujuan Renstra/SKPD",
        "level.sasaran_renstra": "Sasaran Renstra/SKPD", "level.sasaran_iku": "Sasaran strategis (IKU)",
        "level.sasaran_iki": "Sasaran kinerja individu",
        "number_short": "Nomor", "summary": "Ringkasan", "all_files": "semua berkas",
        "about_decree": "Tentang keputusan ini", "about_decree_summary": "Identitas keputusan, teks sumber dan status",
        "chart_data": "Data grafik", "chart_total": "Jumlah", "chart_goals_title": "Indikator menurut sasaran dan jenis",
        "chart_goals_desc": "Grafik batang: %s (%s IKU, %s IKI) dalam %s kelompok sasaran.",
        "chart_goals_top": "Terbanyak: %s, %s.", "chart_other_goals": "%s sasaran lainnya",
        "chart_no_goal": "Tanpa sasaran", "chart_years_title": "Target per tahun: %s",
        "chart_years_desc": "Target menurut tahun: %s.", "chart_baseline_desc": "Kondisi awal: %s.",
        "chart_year": "Tahun", "chart_baseline": "Kondisi awal", "iku_years": "Target IKU per tahun",
        "decree_text_title": "Teks keputusan", "lines_range": "baris %d–%d",
        "decree_text_intro": "Teks keputusan sebagaimana diubah ke teks (NIP disensor), setiap baris bernomor: baris sumber di tabel indikator menaut ke sini. Berkas teks:",
    },
    "en": {
        "site_name": "Kinerja Terbuka",
        "tagline": "Indonesian local-government performance indicators as open data",
        "home": "Home", "agencies": "Agencies", "explorer": "Indicator explorer",
        "downloads": "Downloads", "dictionary": "Data dictionary", "quality": "Data quality", "about": "About", "reading": "Reading the data",
        "agency": "Agency", "region": "Region", "province": "Province", "kabupaten": "Regency/city",
        "kecamatan": "District", "region_code": "Kemendagri code",
        "instrument": "Instrument", "number": "Number", "subject": "Subject", "signed_on": "Date signed",
        "signed_at": "Signed at", "signer": "Signed by", "period": "Period", "kind": "Kind",
        "source": "Source", "source_text": "decree text", "sha256": "SHA-256",
        "flags": "Source defects", "no_flags": "No source defects recorded.",
        "unknown_agency_name": "Agency not named in the document",
        "positions": "Positions", "position": "Position", "tugas": "Task (tugas)", "fungsi": "Functions (fungsi)",
        "tugas_fungsi": "Tasks and functions", "agency_duties": "Tasks and functions of the agency",
        "indicators": "Indicators", "indicator": "Indicator", "goal": "Goal (sasaran)", "formula": "Explanation / formula",
        "target": "Target", "data_source": "Data source", "responsible": "Responsible",
        "lines": "Source lines", "calc_type": "Calculation type", "note": "Note",
        "iku": "Key performance indicators (IKU)", "iki": "Individual performance indicators (IKI)",
        "all_indicators": "All indicators of this agency", "cascade": "Goal cascade",
        "no_indicators": "No indicators recorded for this position.",
        "count_agencies": "agencies", "count_documents": "decrees", "count_positions": "positions",
        "count_indicators": "indicators",
        "download_package": "Data package", "format": "Format", "size": "Size", "file": "File",
        "all_portal": "Whole portal",
        "dictionary_intro": "Every data package uses the same table schemas. Column names are a public interface.",
        "field": "Field", "type": "Type", "description": "Description", "required": "required", "values": "Values",
        "primary_key": "Primary key", "foreign_keys": "Foreign keys",
        "browse": "Browse by region", "unknown_region": "Unknown region",
        "search": "Search", "filter_text": "Filter text", "filter_all": "All",
        "visible_rows": "rows shown", "download_visible": "Download visible rows (CSV)",
        "lang_name": "English",
        "explorer_intro": "Search every indicator of every agency by name, formula, data source or position, then filter by province, regency/city, agency and kind (IKU/IKI). Each hit leads to its row on the agency page. Indicators are in bahasa Indonesia, as the decrees write them.",
        "hits": "indicators found", "search_empty": "Type a keyword or choose a filter.",
        "searching": "Searching…", "search_error": "Search could not be loaded",
        "search_placeholder": "e.g. kehadiran pegawai", "search_noscript": "Search needs JavaScript. Every indicator is also on its agency page and in the downloads.",
        "search_go": "Search indicators",
        "quality_intro": "How complete each decree's indicators are: the share that has a formula, a data source, a target and a responsible unit, and the source defects recorded.",
        "flagged_rows": "%s and %s flagged", "related": "Similar in other agencies", "more": "more",
        "releases": "Data releases", "releases_intro": "Each release freezes all the data at one citable version. Files of older releases stay at the same address.",
        "version": "Version", "date": "Date", "changes": "Changes", "added": "added", "removed": "removed",
        "changed": "changed", "no_release": "No release yet.", "status": "Legal status", "in_force": "In force",
        "superseded_by": "Superseded by", "supersedes": "Supersedes", "amends": "Amends", "decree_agencies": "This decree sets the indicators of %d regional agencies", "last_changed": "Data last changed",
        "not_released": "not released yet", "release_word": "release", "cite": "Cite this data",
        "status.released": "release {release}", "status.changed": "changed since release {release}, not yet released",
        "status.added": "added since release {release}, not yet released", "status.unreleased": "not yet released",
        "data_version": "Data version", "cite_release": "Release", "cite_snapshot": "Current data (not yet released)",
        "cite_snapshot_intro": "To cite the data exactly as it is now, cite this snapshot with its content checksum; its zip file may change with the next update.",
        "content_checksum": "content checksum (SHA-256)",
        "satu_producer": "data producer, produsen data", "satu_walidata": "Data custodian (walidata)",
        "satu_frequency": "Update frequency", "satu_theme": "Theme", "satu_contact": "Contact",
        "satu_walidata_default": "by the default rule: the region's Diskominfo; set in config/satu-data.yaml", "history": "Decree history",
        "catalog_intro": "Machine-readable catalogue:",
        "by_province": "Each agency's files (format, size and SHA-256) are listed on its page; by province: its agencies and, on a national-size portal, the whole province's files:",
        "quality_by_province": "Each agency's figures are on its province's page.",
        "region_files": "Downloads", "region_quality": "Data quality", "region_agencies": "Agencies",
        "page_word": "Page", "parts_nav": "Pages of this agency",
        "parts_intro": "The positions, with their tasks, functions and indicator tables, are on the pages below; the table of all indicators links each indicator to its row.",
        "agency_page": "Agency page (summary, IKU, all indicators)", "positions_range": "positions %d–%d",
        "reworded": "reworded", "target_changed": "target changed", "no_differences": "No indicator differences.",
        "flag.lost_page": "A page of the source is lost",
        "flag.probable_orphan_table": "Table probably belongs to another position",
        "flag.truncated_source": "Source text is truncated",
        "flag.unknown_agency": "Agency name not given",
        "flag.duplicated_table": "Table repeated in the source",
        "flag.ocr_damaged": "Text damaged by OCR",
        "flag.metadata_missing": "Decree metadata incomplete",
        "flag.reconstructed": "Reconstructed by an editor from damaged source",
        "flag.year_from_period": "Target year taken from the decree's period (a guess)",
        "unit": "Unit", "baseline": "Baseline",
        "kind.IKU": "IKU", "kind.IKI": "IKI", "kind.IKU-IKI": "IKU and IKI",
        "level.visi": "Vision (visi)", "level.misi": "Mission (misi)", "level.tujuan_rpjmd": "RPJMD objective",
        "level.sasaran_rpjmd": "RPJMD goal", "level.tujuan_renstra": "Agency objective (Renstra)",
        "level.sasaran_renstra": "Agency goal (Renstra)", "level.sasaran_iku": "Strategic goal (IKU)",
        "level.sasaran_iki": "Individual goal",
        "number_short": "no.", "summary": "Summary", "all_files": "all files",
        "about_decree": "About this decree", "about_decree_summary": "Decree identity, source text and status",
        "chart_data": "Chart data", "chart_total": "Total", "chart_goals_title": "Indicators by goal and kind",
        "chart_goals_desc": "Bar chart: %s (%s IKU, %s IKI) in %s goal groups.",
        "chart_goals_top": "Most: %s, %s.", "chart_other_goals": "%s other goals",
        "chart_no_goal": "No goal", "chart_years_title": "Targets by year: %s",
        "chart_years_desc": "Targets by year: %s.", "chart_baseline_desc": "Baseline: %s.",
        "chart_year": "Year", "chart_baseline": "Baseline", "iku_years": "IKU targets by year",
        "decree_text_title": "Decree text", "lines_range": "lines %d–%d",
        "decree_text_intro": "The decree as converted to text (NIPs redacted), every line numbered: the source lines in the indicator tables link here. Text file:",
    },
}
from .i18n_explore import EXPLORE, PATHS as EXPLORE_PATHS  # noqa: E402  (explorer, themes, map, finder)

for _lang, _strings in EXPLORE.items():
    STRINGS[_lang].update(_strings)
    PATHS[_lang].update(EXPLORE_PATHS[_lang])
assert STRINGS["id"].keys() == STRINGS["en"].keys()


def page_path(lang: str, key: str, **kw) -> str:
    return PATHS[lang][key].format(**kw)


def page_url(lang: str, key: str, **kw) -> str:
    """Site-relative URL (directory style) of a page, e.g. 'en/agencies/x/'."""
    path = page_path(lang, key, **kw)
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    return ("en/" if lang == "en" else "") + path


# --- numbers and counts in the page's language ----------------------------------------------
# Indonesian writes 1.250 and 12,5; English 1,250 and 12.5. Data text stays as the decree
# writes it; these are for numbers the portal itself prints (counts, chart labels, shares).
SEPARATORS = {"id": (".", ","), "en": (",", ".")}  # (thousands, decimal)


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """A number in the page's language: number(1250, "id") == "1.250",
    number(12.5, "id") == "12,5"; decimals=None shows as many as the value needs (up to 2)."""
    thousands, point = SEPARATORS[lang]
    if decimals is None:
        two = round(float(value), 2)
        decimals = 0 if two.is_integer() else (1 if round(two, 1) == two else 2)
    text = f"{abs(value):,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", point).replace("\0", thousands)
    return ("−" if value < 0 and text.strip("0" + thousands + point) else "") + text


def percent(value: float, lang: str, decimals: int | None = None) -> str:
    """12.5 -> "12,5%" (id) / "12.5%" (en)."""
    return number(value, lang, decimals) + "%"


# Count nouns: Indonesian nouns do not change with the number; English ones do.
PLURALS = {
    "en": {"agency": "agencies", "indicator": "indicators", "position": "positions", "decree": "decrees",
           "goal": "goals", "file": "files", "year": "years", "row": "rows", "page": "pages"},
}
NOUNS = {
    "id": {"agency": "lembaga", "indicator": "indikator", "position": "jabatan", "decree": "keputusan",
           "goal": "sasaran", "file": "berkas", "year": "tahun", "row": "baris", "page": "halaman"},
    "en": {k: k for k in PLURALS["en"]},
}


def noun(n: int, word: str, lang: str) -> str:
    """The count noun for n: noun(1, "agency", "en") == "agency", noun(2, ...) == "agencies"."""
    if lang == "en" and n != 1:
        return PLURALS["en"][word]
    return NOUNS[lang][word]


def count(n: int, noun: str, lang: str) -> str:
    """count(1, "agency", "en") == "1 agency", count(2, ...) == "2 agencies",
    count(1250, "indicator", "id") == "1.250 indikator"."""
    word = NOUNS[lang][noun]
    if lang == "en" and n != 1:
        word = PLURALS["en"][noun]
    return f"{number(n, lang)} {word}"


# --- downloads in the page's language ------------------------------------------------------
# A download's link label and format in words (generator/export.py's FORMATS keys); the
# file name itself is shown as a code.
RESOURCE_NAMES = {
    "id": {"regions": "wilayah", "agencies": "lembaga", "documents": "keputusan", "positions": "jabatan",
           "duties": "tugas dan fungsi", "goals": "sasaran", "indicators": "indikator", "targets": "target"},
    "en": {"regions": "regions", "agencies": "agencies", "documents": "decrees", "positions": "positions",
           "duties": "tasks and functions", "goals": "goals", "indicators": "indicators", "targets": "targets"},
}
FORMAT_NAMES = {
    "id": {"zip": "Paket data Frictionless (zip)", "xlsx": "Excel (XLSX)", "json": "JSON", "csv": "CSV (UTF-8)",
           "descriptor": "Deskriptor paket data Frictionless", "sqlite": "SQLite (datasette)",
           "datasette-metadata": "JSON (metadata datasette)", "parquet": "Parquet",
           "flat-csv": "CSV (UTF-8)", "flat-excel-csv": "CSV untuk Excel (UTF-8 BOM, CRLF)"},
    "en": {"zip": "Frictionless Data Package (zip)", "xlsx": "Excel (XLSX)", "json": "JSON", "csv": "CSV (UTF-8)",
           "descriptor": "Frictionless Data Package descriptor", "sqlite": "SQLite (datasette)",
           "datasette-metadata": "JSON (datasette metadata)", "parquet": "Parquet",
           "flat-csv": "CSV (UTF-8)", "flat-excel-csv": "CSV for Excel (UTF-8 BOM, CRLF)"},
}
LINK_LABELS = {
    "id": {"zip": "Paket data (ZIP)", "xlsx": "XLSX", "json": "JSON", "descriptor": "datapackage.json",
           "flat-csv": "CSV indikator (datar)", "flat-excel-csv": "CSV indikator untuk Excel",
           "sqlite": "SQLite", "datasette-metadata": "metadata datasette", "parquet": "Parquet"},
    "en": {"zip": "Data package (ZIP)", "xlsx": "XLSX", "json": "JSON", "descriptor": "datapackage.json",
           "flat-csv": "Indicators CSV (flat)", "flat-excel-csv": "Indicators CSV for Excel",
           "sqlite": "SQLite", "datasette-metadata": "datasette metadata", "parquet": "Parquet"},
}


def file_label(f: dict, lang: str) -> str:
    """A download's link text: 'CSV lembaga' for agencies.csv, 'Paket data (ZIP)', ...; the
    export's own label for a kind this table does not know."""
    kind = f.get("kind", "")
    stem = f.get("name", "").rsplit(".", 1)[0]
    if kind == "csv" and stem in RESOURCE_NAMES[lang]:
        return f"CSV {RESOURCE_NAMES[lang][stem]}"
    return LINK_LABELS[lang].get(kind, f.get("label", ""))


def format_name(f: dict, lang: str) -> str:
    return FORMAT_NAMES[lang].get(f.get("kind", ""), f.get("format", ""))

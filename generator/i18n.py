"""Interface strings and URL layout per language. Data stays as the decree writes it."""
from __future__ import annotations

LANGS = ("id", "en")
DEFAULT = "id"

# Page paths (docs-relative, without .md) per language.
PATHS = {
    "id": {"home": "index", "agencies": "lembaga/index", "agency": "lembaga/{id}",
           "explorer": "indikator/index", "downloads": "unduh/index", "dictionary": "kamus-data/index",
           "quality": "kualitas-data/index", "about": "tentang/index"},
    "en": {"home": "index", "agencies": "agencies/index", "agency": "agencies/{id}",
           "explorer": "indicators/index", "downloads": "downloads/index", "dictionary": "data-dictionary/index",
           "quality": "data-quality/index", "about": "about/index"},
}

STRINGS = {
    "id": {
        "site_name": "Kinerja Terbuka",
        "tagline": "Indikator kinerja pemerintah daerah sebagai data terbuka",
        "home": "Beranda", "agencies": "Lembaga", "explorer": "Penjelajah indikator",
        "downloads": "Unduh data", "dictionary": "Kamus data", "quality": "Kualitas data", "about": "Tentang",
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
        "flagged_rows": "%d jabatan dan %d indikator bertanda", "related": "Serupa di lembaga lain",
        "flag.lost_page": "Ada halaman yang hilang dalam sumber",
        "flag.probable_orphan_table": "Tabel kemungkinan milik jabatan lain",
        "flag.truncated_source": "Teks sumber terpotong",
        "flag.unknown_agency": "Nama lembaga tidak tercantum",
        "flag.duplicated_table": "Tabel disalin ulang dalam sumber",
        "flag.ocr_damaged": "Teks rusak karena OCR",
        "flag.metadata_missing": "Metadata keputusan tidak lengkap",
        "flag.reconstructed": "Direkonstruksi editor dari sumber yang rusak",
        "kind.IKU": "IKU", "kind.IKI": "IKI", "kind.IKU-IKI": "IKU dan IKI",
        "level.visi": "Visi", "level.misi": "Misi", "level.tujuan_rpjmd": "Tujuan RPJMD",
        "level.sasaran_rpjmd": "Sasaran RPJMD", "level.tujuan_renstra": "Tujuan Renstra/SKPD",
        "level.sasaran_renstra": "Sasaran Renstra/SKPD", "level.sasaran_iku": "Sasaran strategis (IKU)",
        "level.sasaran_iki": "Sasaran kinerja individu",
    },
    "en": {
        "site_name": "Kinerja Terbuka",
        "tagline": "Indonesian local-government performance indicators as open data",
        "home": "Home", "agencies": "Agencies", "explorer": "Indicator explorer",
        "downloads": "Downloads", "dictionary": "Data dictionary", "quality": "Data quality", "about": "About",
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
        "flagged_rows": "%d positions and %d indicators flagged", "related": "Similar in other agencies",
        "flag.lost_page": "A page of the source is lost",
        "flag.probable_orphan_table": "Table probably belongs to another position",
        "flag.truncated_source": "Source text is truncated",
        "flag.unknown_agency": "Agency name not given",
        "flag.duplicated_table": "Table repeated in the source",
        "flag.ocr_damaged": "Text damaged by OCR",
        "flag.metadata_missing": "Decree metadata incomplete",
        "flag.reconstructed": "Reconstructed by an editor from damaged source",
        "kind.IKU": "IKU", "kind.IKI": "IKI", "kind.IKU-IKI": "IKU and IKI",
        "level.visi": "Vision (visi)", "level.misi": "Mission (misi)", "level.tujuan_rpjmd": "RPJMD objective",
        "level.sasaran_rpjmd": "RPJMD goal", "level.tujuan_renstra": "Agency objective (Renstra)",
        "level.sasaran_renstra": "Agency goal (Renstra)", "level.sasaran_iku": "Strategic goal (IKU)",
        "level.sasaran_iki": "Individual goal",
    },
}
assert STRINGS["id"].keys() == STRINGS["en"].keys()


def page_path(lang: str, key: str, **kw) -> str:
    return PATHS[lang][key].format(**kw)


def page_url(lang: str, key: str, **kw) -> str:
    """Site-relative URL (directory style) of a page, e.g. 'en/agencies/x/'."""
    path = page_path(lang, key, **kw)
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    return ("en/" if lang == "en" else "") + path

"""The data dictionary in bahasa Indonesia: field descriptions the Table Schemas (English, the
source of truth) do not carry. A field missing here is shown with its English description."""
from __future__ import annotations

FIELDS_ID = {
    ("positions", "agency_id"): "Perangkat daerah pemilik jabatan; satu keputusan dapat menetapkan indikator "
                                "beberapa perangkat daerah.",
    ("indicators", "agency_id"): "Perangkat daerah pemilik indikator; IKU tingkat lembaga milik lembaganya "
                                 "(position_id kosong).",
    ("indicators", "position_id"): "Jabatan (IKI); kosong untuk IKU tingkat lembaga, yang menjadi milik lembaganya.",
    ("indicators", "unit"): "Satuan pengukuran sebagaimana tertulis (kolom Satuan); target per tahun ada di "
                            "tabel targets.",
    ("documents", "amends"): "Keputusan yang diubah oleh keputusan ini, sebagaimana judulnya menyebut sesudah "
                             "\"Perubahan [Kedua ...] atas\"; kosong bila tidak mengubah keputusan lain.",
    ("targets", "id"): "Pengenal target yang stabil: id indikator, jenis dan tahun (mis. ...--target-2024).",
    ("targets", "document_id"): "Keputusan.",
    ("targets", "indicator_id"): "Indikator yang diberi target.",
    ("targets", "year"): "Tahun berlakunya target; kosong bila tabel maupun keputusan tidak menyebut tahun.",
    ("targets", "kind"): "Jenis: target, atau nilai awal (mis. KONDISI AWAL), yang bukan target.",
    ("targets", "order"): "Urutan di antara target indikator tersebut (mulai 1, sesuai tulisan).",
    ("targets", "text"): "Target sebagaimana tertulis (mis. ≥ 90%, 1.250 orang, WTP).",
    ("targets", "value"): "Angka target dengan pemisah Indonesia dibaca benar (1.250 = 1250, 12,5 = 12.5); batas "
                          "bawah untuk rentang; kosong untuk predikat atau opini (B, WTP, Baik).",
    ("targets", "value_max"): "Batas atas rentang (80-85%, 80 s.d. 85 %).",
    ("targets", "comparator"): "Cara nilai membatasi target: exact (tepat), >= (paling sedikit), <= (paling "
                               "banyak), >, <, range (value sampai value_max); kosong bila tidak ada angka.",
    ("targets", "unit"): "Satuan target sebagaimana tertulis (%, dokumen, orang, Rp).",
    ("targets", "flags"): "Tanda dipisah titik koma: year_from_period = keputusan tidak menulis tahun, tahun "
                          "diambil dari periodenya (perkiraan); yang lain keraguan pengimpor atas sel target, seperti "
                          "field_flags pada tabel indikator (filled_down, items_mismatch, cells_shifted, moved_from_formula, "
                          "ocr_suspect).",
    ("indicators", "field_flags"): "Yang tidak dapat dibaca pengimpor dengan yakin, per kolom, sebagai kolom:kode "
                                   "(dipisah titik koma): filled_down (penanda sda / idem diganti isi sel di "
                                   "atasnya), ocr_suspect (rusak karena OCR), items_mismatch (jumlah butir sel "
                                   "berbeda dari sel indikator: disalin utuh, tidak dibagi dengan tebakan), "
                                   "cells_shifted (sel baris yang kehilangan sel awalnya, ditempatkan menurut isinya), "
                                   "moved_from_formula (dibaca dari kolom lain).",
}


def describe(lang: str, resource: str, field: dict) -> str:
    """A field's description in the page's language."""
    english = str(field.get("description") or "")
    if lang == "id":
        return FIELDS_ID.get((resource, str(field.get("name") or "")), english)
    return english

"""The stamp (cap) over a signature, read by OCR as a line of its own, is not part of the
signer's title (generator/importer/metadata.py, signature)."""
from generator.importer.metadata import extract

BLOCK = """Ditetapkan di Mangupura pada tanggal 5 Nopember 2021

a.n. BUPATI BADUNG

{stamp}

KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL,

DRS. NAMA PEJABAT Pembina Utama Muda
"""


def test_a_stamp_fragment_of_the_title_is_dropped():
    meta = extract(BLOCK.format(stamp="DINAS KEPEHDUDUKAH"))
    assert meta["signer_title"] == "a.n. BUPATI BADUNG KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"
    assert meta["signer_name"] == "DRS. NAMA PEJABAT"


def test_a_title_line_that_is_not_repeated_stays():
    meta = extract(BLOCK.format(stamp="SEKRETARIS DAERAH"))
    assert meta["signer_title"] == ("a.n. BUPATI BADUNG SEKRETARIS DAERAH KEPALA DINAS KEPENDUDUKAN DAN "
                                    "PENCATATAN SIPIL")


def test_the_a_n_line_is_never_a_stamp():
    meta = extract(BLOCK.format(stamp="").replace("a.n. BUPATI BADUNG", "a.n. KEPALA DINAS"))
    assert meta["signer_title"].startswith("a.n. KEPALA DINAS KEPALA DINAS")

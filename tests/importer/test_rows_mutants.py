"""Assertions that kill mutants of generator/importer/rows.py which the other importer tests
let live (make mutation; generator/dev/mutation.py)."""
from generator.importer import rows


def test_the_public_names_exist():
    """`__all__` names what other modules import from rows; a name that is not there breaks
    `from generator.importer.rows import *` and hides an unused import from ruff."""
    namespace: dict = {}
    exec("from generator.importer.rows import *", namespace)
    assert rows.__all__ and all(name in namespace for name in rows.__all__)


def test_a_table_opening_with_an_ocr_garbage_row(tmp_path):
    """The first row of a table holds only OCR garbage in the indicator column: the row is
    dropped and reported (V22) and taken by indicator_items, never handed to the rules after
    it (lost_page_fragment would read its first item, and there is none)."""
    from generator.importer import import_decree
    head = "\t".join(["Sasaran", "Indikator Kinerja", "Formulasi", "Sumber Data"])
    src = tmp_path / "x.txt"
    src.write_text("Jabatan : Asisten\nTugas :\n- a. Mengevaluasi dengan cara\n\n" + head + "\n"
                   "\t~~~ ~~\t\t\n"
                   "Meningkatnya layanan\tPersentase laporan tepat waktu\tA/B x 100%\tBidang\n")
    res = import_decree(src, tmp_path / "out")
    assert [r["name"] for r in res.tables["indicators"]] == ["Persentase laporan tepat waktu"]
    assert [w["line"] for w in res.warnings if w["code"] == "ocr-garbage"] == [6]

"""Tugas/fungsi items: list markers the conversion left out, glued items apart (duties.py),
and a split item keeps its released id while the new half gets a fresh one."""
import pytest

from generator.importer.duties import clean, items
from generator.importer.ids import stabilise
from generator.importer.sections import Item


@pytest.mark.parametrize("text,expected", [
    ("a merencanakan, mengatur dan membina;", "merencanakan, mengatur dan membina;"),
    ("f Menetapkan kebijakan pelayanan", "Menetapkan kebijakan pelayanan"),
    ("$_{ m W}$ Mengevaluasi dan menyusun hasil rekap", "Mengevaluasi dan menyusun hasil rekap"),
    ("${f i}$ Melaksanakan tugas lain", "Melaksanakan tugas lain"),
    (r"$_{\rm S}~$ melaksanakan tugas kedinasan", "melaksanakan tugas kedinasan"),
    (r"${\bf q} {\bf m}$ elaksanakan tugas kedinasan", "melaksanakan tugas kedinasan"),
    ("Melaksanakan tugas kedinasan lain", "Melaksanakan tugas kedinasan lain"),
    ("Pasal 5 ayat (2) huruf a", "Pasal 5 ayat (2) huruf a"),
])
def test_markers_out(text, expected):
    assert clean(text) == expected


def test_glued_items_apart():
    got = items([Item("a Menerima surat masuk; b Mengelompokkan surat menurut jenisnya; c Mendistribusikan", 5, 7),
                 Item("Menyusun laporan; dan menyampaikan", 8, 8)])
    assert [(i.text, i.first, i.last) for i in got] == [
        ("Menerima surat masuk;", 5, 7), ("Mengelompokkan surat menurut jenisnya;", 5, 7),
        ("Mendistribusikan", 5, 7), ("Menyusun laporan; dan menyampaikan", 8, 8)]


def duty(n, text, line):
    return {"id": f"d--p--fungsi-{n}", "position_id": "d--p", "kind": "fungsi", "text": text,
            "source_lines": str(line)}


def test_a_split_duty_keeps_its_id_and_the_new_half_is_fresh():
    released = {"duties": {d["id"]: d for d in [duty(1, "a Menerima surat; b Mengelompokkan surat", 5),
                                                 duty(2, "d Memantau berkas", 6)]}}
    tables = {"duties": [duty(1, "Menerima surat;", 5), duty(2, "Mengelompokkan surat", 5),
                         duty(3, "Memantau berkas", 6)]}
    stabilise(tables, released, set(released["duties"]))
    assert [d["id"] for d in tables["duties"]] == ["d--p--fungsi-1", "d--p--fungsi-3", "d--p--fungsi-2"]

"""Indonesian numbers and targets (generator/importer/numbers.py), table-driven."""
import pytest

from generator.importer.numbers import number, read_target


@pytest.mark.parametrize("written,value", [
    ("1.250", 1250), ("4.230", 4230), ("1.200", 1200), ("12,5", 12.5), ("245.810,5", 245810.5),
    ("2.350.000.000", 2350000000), ("100", 100), ("0,75", 0.75), ("12.5", 12.5), ("0.250", 0.25),
    ("1,250,000", 1250000), ("1,250.5", 1250.5), ("3", 3),
    ("1.2.3", None), ("12,5,1", None), ("1.25.000", None), ("abc", None),
])
def test_number(written, value):
    assert number(written) == value


@pytest.mark.parametrize("written,value,value_max,comparator,unit", [
    ("1.250", 1250, None, "exact", ""),
    ("4.230 orang", 4230, None, "exact", "orang"),
    ("12,5", 12.5, None, "exact", ""),
    ("245.810,5 jiwa", 245810.5, None, "exact", "jiwa"),
    ("Rp 2.350.000.000", 2350000000, None, "exact", "Rp"),
    ("Rp. 2.350.000.000,-", 2350000000, None, "exact", "Rp."),
    ("≥ 90%", 90, None, ">=", "%"),
    (">= 90 %", 90, None, ">=", "%"),
    ("Minimal 80%", 80, None, ">=", "%"),
    ("≤ 5 hari", 5, None, "<=", "hari"),
    ("Maksimal 3 hari", 3, None, "<=", "hari"),
    ("80-85%", 80, 85, "range", "%"),
    ("80 s.d. 85 %", 80, 85, "range", "%"),
    ("80% s/d 85%", 80, 85, "range", "%"),
    ("80 sampai dengan 85 persen", 80, 85, "range", "persen"),
    ("100 %", 100, None, "exact", "%"),
    ("100%", 100, None, "exact", "%"),
    ("1 dokumen", 1, None, "exact", "dokumen"),
    ("<p>12 Dokumen</p>", 12, None, "exact", "Dokumen"),
    ("B (65)", 65, None, "exact", ""),
    ("Level 3", 3, None, "exact", "Level"),
])
def test_target_with_a_number(written, value, value_max, comparator, unit):
    r = read_target(written)
    assert (r.value, r.value_max, r.comparator, r.unit) == (value, value_max, comparator, unit)
    assert r.text  # as written


@pytest.mark.parametrize("written", ["B", "BB", "A", "WTP", "Inovatif", "Baik", "Sangat Baik", "Opini WTP",
                                     "2 dokumen dan 1 laporan"])
def test_grades_and_opinions_are_text_without_a_value(written):
    r = read_target(written)
    assert r.text == written and r.value is None and r.value_max is None and r.comparator == ""


@pytest.mark.parametrize("written", ["-", "–", "", "  ", "<p>-</p>"])
def test_a_dash_is_no_target(written):
    assert read_target(written) is None


def test_text_is_kept_as_written():
    assert read_target("<b>≥ 90</b> %").text == "≥ 90 %"


def test_magnitude_words_scale_the_number():
    from generator.importer.numbers import read_target
    assert (read_target("Rp 23,47 T").value, read_target("Rp 23,47 T").unit) == (23_470_000_000_000, "Rp")
    assert read_target("Rp 112,5 M").value == 112_500_000_000
    assert (read_target("150 juta rupiah").value, read_target("150 juta rupiah").unit) == (150_000_000, "rupiah")
    assert (read_target("120 M").value, read_target("120 M").unit) == (120, "M")  # metres? no Rp: not scaled

"""One NIP detector (generator/privacy.py): every spelling is found, redaction leaves
no digit of it behind and keeps line numbers; ordinary numbers are left alone."""
import re

import pytest

from generator.privacy import find_nip, formula_like, redact

FW = str.maketrans("0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19")
SPELLINGS = [
    "19700101 199003 1 001", "197001011990031001", "19700101-199003-1-001", "19700101/199003/1/001",
    "19700101,199003,1,001", "19700101.199003.1.001", "1970 0101 1990 03 1 001", "19700101 - 199003 - 1 - 001",
    "19700101 199003 1 001".translate(FW), "197001011990031001".translate(FW),
    "19700101\u200b199003\u200b1\u200b001", "1970\u200d0101\u2060199003\u00ad1001", "19700101\u3000199003\u30001\u3000001",
]


@pytest.mark.parametrize("nip", SPELLINGS)
def test_every_spelling_is_found_and_fully_redacted(nip):
    text = f"Camat Contoh, {nip}, Tuban"
    m = find_nip(text)
    assert m is not None and m.group(0) == nip
    assert redact(text) == "Camat Contoh, [disensor], Tuban"


@pytest.mark.parametrize("text", ["NIP. 19740226 199311 1 001", "NIP.196508081992031019",
                                  "WIF 1365116 198703 1 006", "U NIP 1965116 198703 1 006", "NIP: 1965 0811 1987"])
def test_labelled_and_ocr_damaged_forms(text):
    assert find_nip(text)
    out = redact(text)
    assert "[disensor]" in out and not re.search(r"\d", out.replace("[disensor]", "")), out


@pytest.mark.parametrize("text, value", [
    ("NIP. l9751O12 2OO5O1 1 OO3", "l9751O12 2OO5O1 1 OO3"),  # OCR: l for 1, O for 0
    ("NIP : I9751012 200501 1 0o3 Ilmu", "I9751012 200501 1 0o3"),  # I and o; stops before a word
    ("nip. 19751012 2005O1 1 00L", "19751012 2005O1 1 00L"),
])
def test_a_labelled_nip_with_ocr_letters_for_digits_is_found_whole(text, value):
    m = find_nip(text)
    assert m is not None and m.group(0) == value
    assert value not in redact(text) and "[disensor]" in redact(text)


@pytest.mark.parametrize("text", ["NIP: Ir. Budi Santoso", "NIP lllllllll OOOO", "NIP: -"])
def test_a_label_before_letters_only_is_not_an_nip(text):
    assert find_nip(text) is None and redact(text) == text


def test_the_bare_18_digit_structure_alone_is_enough():
    """No label, no spaces: only the date-year-sex-serial structure finds it."""
    assert find_nip("kode 197001011990031001.") .group(0) == "197001011990031001"
    assert redact("kode 197001011990031001.") == "kode [disensor]."


def test_importer_redaction_leaves_nothing_of_a_dashed_nip():
    """The importer's redaction used to leave '-199003-1-001' behind."""
    assert redact("NIP 19700101-199003-1-001\nJabatan") == "NIP [disensor]\nJabatan"


def test_line_breaks_inside_a_match_are_kept():
    text = "NIP. 19740226\n199311 1 001 akhir"
    out = redact(text)
    assert out.count("\n") == text.count("\n") and not re.search(r"\d", out)


@pytest.mark.parametrize("text", ["2024", "Rp 1.500.000.000", "0356-123456", "202401012024013001",
                                  "197001321990031001", "1234567890123456789012", "35.23.01.2001",
                                  "12 Januari 2024", "target 95,5%", "Tahun 2019-2024, 2025-2029"])
def test_ordinary_numbers_are_not_nips(text):
    assert find_nip(text) is None
    assert redact(text) == text


def test_a_longer_group_of_digits_is_not_cut_into_an_nip():
    assert find_nip("9197001011990031001") is None and find_nip("1970010119900310019") is None


@pytest.mark.parametrize("value", ["=1+1", "+1", "@SUM(A1)", "-x", "\t1", "\r1", " =1+1", "\u3000=1", "\uff1d1+1",
                                   "\uff0bcmd", "\uff20x", "  @x", "\u00a0+1"])
def test_formula_like(value):
    assert formula_like(value)


@pytest.mark.parametrize("value", ["", "a=1", "-5", "-5,5%", " -12", "teks", "1+1", "- "])
def test_not_formula_like(value):
    assert not formula_like(value)

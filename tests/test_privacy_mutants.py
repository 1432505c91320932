"""Assertions that kill mutants of generator/privacy.py which the other tests let live
(make mutation; generator/dev/mutation.py)."""
from __future__ import annotations

import dataclasses

import pytest

from generator.privacy import NipMatch, find_nip, formula_like, has_lone_surrogate, redact

# written out here, not taken from the module: a character dropped there must fail a test
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2062", "\u2063", "\u2064", "\u180e"]


@pytest.mark.parametrize("c", INVISIBLE)
def test_every_invisible_character_inside_an_nip_is_seen_through(c):
    nip = c.join(["19700101", "199003", "1", "001"])
    text = f"Kepala, {nip}, Tuban"
    m = find_nip(text)
    assert m is not None and m.group(0) == nip and (m.start(), m.end()) == (8, 8 + len(nip))
    assert redact(text) == "Kepala, [disensor], Tuban"


@pytest.mark.parametrize("c", INVISIBLE)
def test_an_invisible_character_before_a_formula_is_skipped(c):
    assert formula_like(c + "=1+1")


def test_match_positions_are_in_the_original_text():
    m = find_nip("ab NIP 19700101 199003 1 001 cd")
    assert (m.start(), m.end(), m.group(0)) == (7, 28, "19700101 199003 1 001")


def test_a_match_cannot_be_changed():
    m = find_nip("197001011990031001")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.text = ""  # type: ignore[misc]
    assert isinstance(m, NipMatch)


@pytest.mark.parametrize("text", ["", "tanpa angka sama sekali", "teks\nberbaris"])
def test_text_without_digits_is_returned_as_it_is(text):
    assert redact(text) == text and find_nip(text) is None


def test_lone_surrogates():
    assert has_lone_surrogate("a\ud800b") and has_lone_surrogate("\udfff")
    assert not has_lone_surrogate("biasa \U0001f600 \ud7ff\ue000")


def test_other_scripts_decimal_digits_are_read_as_digits():
    arabic = "19700101 199003 1 001".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert find_nip(f"NIP {arabic}") is not None
    assert redact(f"x {arabic} y") == "x [disensor] y"


@pytest.mark.parametrize("space", ["\u3000", "\u00a0", "\u2007", "\u2009", "\u202f"])
def test_wide_and_no_break_spaces_inside_a_labelled_nip(space):
    """The OCR-damaged labelled form (no date structure) is found through any space."""
    text = f"NIP:{space}1965{space}0811{space}1987"
    assert find_nip(text) is not None
    assert redact(text) == "NIP:" + space + "[disensor]"


@pytest.mark.parametrize("text", ["no 12 197001011990031001", "197001011990031001 12 x", "12.197001011990031001"])
def test_an_nip_beside_another_written_number_is_found(text):
    """A run of digits with separators holds several written numbers; the NIP is one of them."""
    assert find_nip(text).group(0) == "197001011990031001"


@pytest.mark.parametrize("label", ["\uff2e\uff29\uff30 ", "NIP\uff1a"])
def test_fullwidth_letters_and_colon_in_the_label(label):
    """Fullwidth forms are read as their ASCII letters: an OCR-damaged number after a
    fullwidth label is still a labelled NIP."""
    assert find_nip(label + "1965 0811 1987").group(0) == "1965 0811 1987"


@pytest.mark.parametrize("text", ["x 9197001011990031001 y", "1 2197001011990031001", "x 1970010119900310019"])
def test_no_nip_is_cut_out_of_a_longer_group_anywhere_in_a_text(text):
    assert find_nip(text) is None

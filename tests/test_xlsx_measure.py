"""Column widths are measured on the cells' text as a reader sees it: escaped characters
count once, a multi-line cell by its longest line, empty cells keep their column."""
from __future__ import annotations

from generator.xlsx import _measure, sheet_xml


def expected(rows: list[list], budget: int) -> list[int]:
    widths: list[int] = []
    for row in rows[:budget]:
        while row and row[-1] in (None, ""):
            row = row[:-1]
        for k, v in enumerate(row):
            text = "" if v in (None, "") else repr(v) if isinstance(v, float) else str(v)
            widths += [0] * (k + 1 - len(widths))
            widths[k] = max(widths[k], max(len(line) for line in text.split("\n")))
    return widths


def test_widths_from_the_text_a_reader_sees():
    rows = [["id", "nama", "satuan", "catatan"],
            ["a1", "Indeks <kepuasan> & \"mutu\"", "", "baris satu\nbaris kedua lebih panjang"],
            ["a2", None, 12345678, 3.25],
            ["a3", "", "", ""],
            ["a-very-long-identifier", "x", "%", ""]]
    xml = sheet_xml(rows)
    for budget in (1, 2, 3, 5, 50):
        widths: list[int] = []
        assert _measure(xml, widths, budget) == min(budget, len(rows))
        assert widths == expected(rows, budget)
    assert expected(rows, 5) == [22, 26, 8, 25]


def test_a_piece_of_rows_is_measured_from_its_first_row():
    """The pieces after a sheet's head start with a row (row_xml): it counts too."""
    from generator.xlsx import row_xml
    rows = [["panjang sekali", "b"], ["c", "d"]]
    widths: list[int] = []
    assert _measure("".join(row_xml(r) for r in rows).encode(), widths, 10) == 2
    assert widths == [len("panjang sekali"), 1]


def test_a_column_with_no_text_measures_nothing():
    widths: list[int] = []
    _measure(sheet_xml([["a", "", "b"], ["c", None, "dd"]]), widths, 5)
    assert widths == [1, 0, 2]


def test_widths_of_many_rows_of_every_kind_of_value():
    """Texts longer in UTF-8 bytes than in characters, entities, several lines, numbers and
    empty cells, with the widths growing in later rows and values exactly at a width."""
    import random
    rnd = random.Random(4)
    pieces = ["a", "é", "ß", "漢", "\U0001f600", "&", "<", ">", "\"", "'", "\n", " ", "x" * 7, "1"]
    def value():
        kind = rnd.random()
        if kind < 0.15:
            return rnd.choice([None, ""])
        if kind < 0.3:
            return rnd.choice([rnd.randint(-10 ** 9, 10 ** 9), rnd.random() * 10 ** rnd.randint(0, 12), True, False])
        return "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 3 + len(rows))))
    rows: list[list] = [["id", "nama", "x"]]
    for _ in range(300):
        rows.append([value() for _ in range(rnd.randint(1, 7))])
    xml = sheet_xml(rows)
    for budget in (1, 7, 150, 301, 500):
        widths: list[int] = []
        assert _measure(xml, widths, budget) == min(budget, len(rows))
        bools = [[("TRUE" if v else "FALSE") if isinstance(v, bool) else v for v in r] for r in rows]
        assert widths == expected(bools, budget)
    # a value exactly as long in bytes as its column is wide, then one longer in bytes but not in text
    widths = []
    _measure(sheet_xml([["abcd"], ["éé"], ["&amp;"]]), widths, 5)
    assert widths == [5]

"""The formula cells' plain-text form and drawn width (generator/formula.py, mathml_plain and
formula_cell), element by element: what a screen reader and a copy read, and when a drawing
is too wide to be drawn. Each expected text is written out, so a changed rule shows."""
import pytest

from generator.formula import formula_cell, latex_to_mathml, mathml_plain


def math(body: str) -> str:
    return f"<math>{body}</math>"


@pytest.mark.parametrize("body,text,width", [
    ("<mtext>  jumlah   pegawai </mtext>", "jumlah pegawai", 16),  # runs of blanks read as one
    ("<mi>a</mi><mo>+</mo><mn>1</mn>", "a + 1", 4.5),  # an operator is 1.5 wider than its sign
    ("<mrow><mi>ab</mi><mi>cd</mi></mrow>", "ab cd", 4),  # a row of two is no fraction nor power
    ("<mrow><mi>a</mi><mi>b</mi><mi>c</mi></mrow>", "a b c", 3),
    ("<mi>a</mi><mfrac><mi>b</mi><mi>cd</mi></mfrac>", "a (b ÷ cd)", 4),  # in a row: bracketed
    ("<msup><mi>x</mi><mn>2</mn></msup>", "x^2", 1.7),  # a script is drawn 0.7 as wide
    ("<msup><mi>x</mi><mrow><mi>a</mi><mi>b</mi></mrow></msup>", "x^(a b)", 2.4),
    ("<msub><mi>x</mi><mi>abcd</mi></msub>", "x_(abcd)", 3.8),  # over 3 characters: bracketed
    ("<msub><mi>x</mi><mi>abc</mi></msub>", "x_abc", 3.1),
    ("<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>", "x_i^2", 2.4),
    ("<munderover><mo>∑</mo><mi>i</mi><mi>n</mi></munderover>", "∑_i^n", 3.9),
    ("<munder><mi>x</mi><mi>y</mi></munder>", "x_y", 1.7),
    ("<mover><mi>x</mi><mi>y</mi></mover>", "x^y", 1.7),
    ("<msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt>", "√(x + 1)", 4.5),
    ("<mroot><mi>x</mi><mn>3</mn></mroot>", "root 3 of (x)", 2),
    ("<mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd></mtr></mtable>",
     "a b; c", 2),  # rows joined by '; ', as wide as its widest row
    ("<mtable></mtable>", "", 0),
    ("<mi>a</mi><mphantom><mi>bb</mi></mphantom>", "a", 1),  # a phantom is neither read nor drawn
    ("<semantics><mi>x</mi><annotation>x y</annotation></semantics>", "x", 1),
    ("<mo>(</mo><mspace/><mi>x</mi><mo>)</mo>", "( x)", 6),  # an explicit space is kept
    ("<mi>f</mi><mo>(</mo><mi>x</mi><mo>)</mo>", "f (x)", 7),  # a bracket hugs what it holds
    ("<mi>a</mi><mo>,</mo><mi>b</mi><mo>%</mo><mo>!</mo><mo>;</mo><mo>[</mo><mi>c</mi><mo>]</mo>",
     "a, b%!; [c]", 18),  # punctuation hugs what comes before it
])
def test_plain_text_and_width_of_each_element(body, text, width):
    assert mathml_plain(math(body)) == (text, pytest.approx(width))


@pytest.mark.parametrize("sign,read", [
    ("×", "×"), ("÷", "÷"), ("=", "="), ("+", "+"), ("−", "−"), ("&lt;", "<"), ("&gt;", ">"), ("≤", "≤"),
    ("≥", "≥"), ("≠", "≠"), ("±", "±"), ("·", "·"), ("/", "/"),
    ("-", "−"), ("*", "×"), ("⋅", "·"),  # ASCII and look-alike signs read as the sign they stand for
])
def test_an_operator_is_spaced_even_next_to_a_bracket(sign, read):
    assert mathml_plain(math(f"<mo>(</mo><mo>{sign}</mo><mi>b</mi><mo>)</mo>"))[0] == f"( {read} b)"


def test_other_operators_hug_a_bracket():
    assert mathml_plain(math("<mo>(</mo><mo>∑</mo><mi>b</mi><mo>)</mo>"))[0] == "(∑ b)"
    assert mathml_plain(math("<mi>b</mi><mo>′</mo><mo>)</mo>"))[0] == "b ′)"


def test_a_fraction_alone_is_not_bracketed():
    assert mathml_plain(math("<mfrac><mi>a</mi><mi>b</mi></mfrac>"))[0] == "a ÷ b"
    assert mathml_plain(math("<mfrac><mi>a</mi><mi>b</mi></mfrac><mo>×</mo><mn>100</mn>"))[0] == "(a ÷ b) × 100"


def test_text_in_the_drawing_is_escaped():
    assert latex_to_mathml("a > b") == "<math><mi>a</mi><mo>&gt;</mo><mi>b</mi></math>"
    assert latex_to_mathml(r"a < b \& c") == "<math><mi>a</mi><mo>&lt;</mo><mi>b</mi><mi>&amp;</mi><mi>c</mi></math>"


def test_the_limits_are_inclusive():
    """A drawing exactly max_chars wide is drawn; exactly narrow_chars wide is not kt-wide."""
    cell = r"$\frac{1234}{5}$"  # width 5
    assert mathml_plain(latex_to_mathml(r"\frac{1234}{5}"))[1] == 5
    assert str(formula_cell(cell, max_chars=5, narrow_chars=5)).startswith('<math aria-hidden="true"><mfrac>')
    assert str(formula_cell(cell, max_chars=5, narrow_chars=4.9)).startswith('<math aria-hidden="true" class="kt-wide">')
    assert str(formula_cell(cell, max_chars=4.9)) == '<span class="kt-ft">1234 ÷ 5</span>'


def test_without_limits_every_drawing_is_kept():
    wide = "x" * 500
    assert str(formula_cell("", wide, "y")).startswith('<math aria-hidden="true"><mfrac>')


def test_a_ratio_needs_both_parts():
    assert str(formula_cell("A <b>", "Jumlah hadir", "")) == "A &lt;b&gt;"
    assert str(formula_cell("A <b>", "", "Jumlah")) == "A &lt;b&gt;"
    assert str(formula_cell("", "Jumlah hadir", "Jumlah")).startswith('<math aria-hidden="true"><mfrac>')


def test_latex_that_cannot_be_drawn_is_shown_as_written():
    """A $...$ segment the converter refuses is shown as code beside the ones drawn; when
    none is drawn the cell is the text as written, escaped."""
    assert str(formula_cell(r"$x$ atau $\href{j}{k}$")) == (
        '<math aria-hidden="true"><mi>x</mi></math><span class="kt-ft">x</span> atau '
        r'<code class="kt-latex">$\href{j}{k}$</code>')
    assert str(formula_cell(r"$\href{j}{k}$ <b>")) == r"$\href{j}{k}$ &lt;b&gt;"

"""Formulas: LaTeX and ratios to compact MathML (generator/formula.py)."""
import pytest

from generator.formula import compact_mathml, latex_to_mathml, ratio_mathml, render_formula


def test_mathml_is_compact():
    m = latex_to_mathml(r"\frac{\text{Jumlah hadir}}{\text{Jumlah hari kerja}} \times 100\%")
    assert m == ("<math><mfrac><mtext>Jumlah&#xA0;hadir</mtext><mtext>Jumlah&#xA0;hari&#xA0;kerja</mtext>"
                 "</mfrac><mo>×</mo><mn>100</mn><mi>%</mi></math>")


def test_compaction_keeps_rows_that_group():
    m = latex_to_mathml(r"\left( \frac{a}{b} \right) \sqrt{x} + a_{i+1} < b \& c")
    # the fenced row stays a row (its fences stretch to it); a multi-part script stays one argument
    assert '<mrow><mo stretchy="true" fence="true" form="prefix">(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac>' in m
    assert "<msub><mi>a</mi><mrow><mi>i</mi><mo>+</mo><mn>1</mn></mrow></msub>" in m
    assert "<msqrt><mi>x</mi></msqrt>" in m and "<mo>&lt;</mo>" in m and "&amp;" in m
    assert "xmlns" not in m and "display=" not in m


def test_unsafe_latex_is_not_converted():
    assert latex_to_mathml(r"\href{javascript:alert(1)}{x}") is None
    assert latex_to_mathml(r"\text{<b>x</b>}") is None  # the converter passes '<' through: refused
    assert compact_mathml("<!DOCTYPE x><math></math>") is None
    out = render_formula(r"$\href{x}{y}$")
    assert "<math" not in out and str(out) == r"$\href{x}{y}$"  # shown as written


def test_converter_output_that_is_not_xml_is_refused():
    # the converter passes '<' inside \text through: such markup is never put in a page
    assert latex_to_mathml(r"\text{a < b}") is None
    assert latex_to_mathml(r"\text{a <mi}") is None
    assert "<math" not in render_formula(r"Rumus: $\text{a <mi}$")


def test_ratio_is_escaped():
    assert ratio_mathml("A <b>", "B & C", "100%") == (
        "<math><mfrac><mtext>A &lt;b&gt;</mtext><mtext>B &amp; C</mtext></mfrac><mo>×</mo><mtext>100%</mtext></math>")


def test_text_around_a_math_segment_is_escaped():
    out = str(render_formula(r"<b>x</b> & $\frac{a}{b}$ <i>y</i>"))
    assert out.startswith("&lt;b&gt;x&lt;/b&gt; &amp; <math>") and out.endswith("</math> &lt;i&gt;y&lt;/i&gt;")
    assert "<b>" not in out and "<i>" not in out


def test_only_allowed_mathml_tags_and_attributes_pass():
    from generator.formula import _safe_mathml

    assert _safe_mathml('<math display="block"><mi mathvariant="bold">x</mi></math>')
    assert not _safe_mathml("<math><script>alert(1)</script></math>")
    assert not _safe_mathml('<math><mi onclick="alert(1)">x</mi></math>')
    assert not _safe_mathml('<math><mi href="x">x</mi></math>')
    assert not _safe_mathml("<math><mtext>javascript:alert(1)</mtext></math>")
    assert not _safe_mathml('<math><maction actiontype="toggle"><mi>x</mi></maction></math>')


def test_a_text_without_math_is_escaped_or_drawn_as_a_ratio():
    assert str(render_formula("a < b")) == "a &lt; b"
    assert str(render_formula("biaya $5 <x>", "")) == "biaya $5 &lt;x&gt;"  # a lone $ is text
    assert "<mfrac>" in str(render_formula("A ----- x 100% B", "A", "B", "100%"))
    assert str(render_formula("A/B", "A", "")) == "A/B"  # no denominator: the text as written
    assert str(render_formula("", "", "")) == ""


def test_the_mathml_allow_lists_are_exactly_these():
    """The allow-lists are a safety boundary (what a decree's LaTeX may become in a page):
    any change to them must be deliberate, and show up here."""
    from generator.formula import ALLOWED_ATTRS, ALLOWED_TAGS

    assert ALLOWED_TAGS == {
        "math", "mrow", "mi", "mn", "mo", "mfrac", "msub", "msup", "msubsup", "munderover", "munder", "mover",
        "mtext", "mspace", "msqrt", "mroot", "mstyle", "mtable", "mtr", "mtd", "mpadded", "mphantom",
        "semantics", "annotation", "menclose"}
    assert ALLOWED_ATTRS == {
        "xmlns", "display", "stretchy", "fence", "separator", "lspace", "rspace", "mathvariant", "width", "height",
        "depth", "movablelimits", "accent", "accentunder", "displaystyle", "scriptlevel", "linethickness",
        "columnalign", "rowspacing", "columnspacing", "form", "largeop", "symmetric", "minsize", "maxsize",
        "notation", "encoding"}


@pytest.mark.parametrize("latex, tag", [
    (r"x^{2}", "msup"), (r"x_{i}^{2}", "msubsup"), (r"\sqrt[3]{x}", "mroot"),
    (r"\begin{matrix} a & b \\ c & d \end{matrix}", "mtable"), (r"\overline{x}", "mover"), (r"a \quad b", "mspace"),
])
def test_latex_needing_each_kind_of_layout_is_drawn(latex, tag):
    out = str(render_formula(f"${latex}$"))
    assert out.startswith("<math>") and f"<{tag}" in out, out


@pytest.mark.parametrize("latex", [r"\url{x}", r"\data{x}", r"\def\a{b}", r"\fbox{x}", r"\require{x}", r"\unicode{x}"])
def test_forbidden_commands_are_refused_even_where_the_output_would_pass(latex):
    """These convert to MathML the allow-lists accept: only FORBIDDEN keeps them out."""
    assert latex_to_mathml(latex) is None
    assert "<math" not in str(render_formula(f"${latex}$"))


def test_latex_is_converted_up_to_2000_characters():
    fits = "x+" * 999 + "xx"
    assert len(fits) == 2000 and latex_to_mathml(fits) is not None
    assert latex_to_mathml(fits + "x") is None


def test_an_unconverted_segment_beside_a_converted_one_is_shown_as_written():
    out = str(render_formula(r"$\frac{a}{b}$ lalu $\href{x}{y}$"))
    assert out.startswith("<math>") and out.endswith(r'<code class="kt-latex">$\href{x}{y}$</code>')


def test_serialisation_escapes_attributes_and_keeps_tails():
    out = compact_mathml('<math><mi mathvariant="a&quot;b">x</mi>"q" <mo>+</mo>tail "t"</math>')
    assert out == '<math><mi mathvariant="a&quot;b">x</mi>"q" <mo>+</mo>tail "t"</math>'

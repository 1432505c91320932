"""Mutation testing of the guard modules: does a test fail when the code is wrong?

    python -m generator.dev.mutation [MODULE ...] [--list] [--timeout S] [--functions F,G] [--lines A-B]
    make mutation                        (every module of TARGETS, one after another, niced)

A large module is run in parts, each part a run of its own: `--functions` (comma-separated;
`<module>` names the mutants outside every function: constants, decorators, defaults) and
`--lines A-B,C-D` (the mutants on those source lines); `--list` shows what a part holds.

A small AST mutator (no dependency): each mutant changes one thing in one module, the
module's own test files run against it (`pytest -x`, in a copy of the repository so the
working tree is never touched), and the mutant is *killed* when a test fails. A surviving
mutant is a change no test notices: either a missing assertion, or an equivalent mutant
(listed with its reason in EQUIVALENT, so the score says which is which).

Which tests run for a mutant (the run costs what its tests cost, so this is most of the
time): the module's test files run once on the unchanged code with a line tracer
(generator/dev/mutation_trace.py), which records the lines of the module each test runs.
A mutant inside a function body then runs only the tests that run one of its lines (a test
that never reaches a line behaves the same whatever the line says), fastest first, and all
the tests of a file when the line ran while a shared fixture was set up (the fixture is
built by whichever test comes first). A mutant outside function bodies (module constants,
default values, decorators: run at import) runs every test, as does `--all-tests`; first the
tests that are likely to see it (those that run a line naming what its statement binds, or
whose file names it or holds the constant it changes), then the others, fastest first, so a
kill comes early and only a survivor pays for the whole set.
A mutant no test reaches survives without a run. A run that outlasts --timeout is reported
apart (TIMEOUT, each listed): it counts as caught in the score, as a mutant that makes a
test loop is, but on a loaded machine it may only be slow, so the report says how many.
A kill is only believed when the failing test passes on the unchanged code by itself
(checked once per test), so a test that depends on another one running before it cannot
kill a mutant.

Operators: comparison flipped (== !=, < <=, > >=, in / not in, is / is not), and/or
swapped, `not` dropped, True/False swapped, an integer changed by one, a string emptied
(patterns and messages; not docstrings), + and - swapped, a statement that is a call
(`findings.append(...)`) removed, a return value replaced by the empty value of its
declared type.
"""
from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# module (path under generator/) -> the test files that guard it
TARGETS: dict[str, list[str]] = {
    "privacy.py": ["tests/test_privacy_fast.py", "tests/test_privacy.py", "tests/test_privacy_mutants.py"],
    "zipfiles.py": ["tests/test_zipfiles.py", "tests/test_streaming.py"],
    "xlsx.py": ["tests/test_xlsx.py", "tests/test_xlsx_sheets.py", "tests/test_xlsx_measure.py", "tests/test_export.py",
                "tests/test_streaming.py"],
    "formula.py": ["tests/test_formula.py", "tests/test_formula_plain.py", "tests/test_agency_view.py"],
    "releases.py": ["tests/test_releases_mutants.py", "tests/test_release.py::test_releases_sort_as_numbers"],
    "scan.py": ["tests/test_scan_mutants.py", "tests/test_scan.py"],
    "validate.py": ["tests/test_validate_mutants.py", "tests/test_validate.py"],  # the fast file first (-x)
    "importer/rows.py": ["tests/importer"],
    "rules.py": ["tests/test_rules.py", "tests/test_validate_mutants.py", "tests/test_validate.py",
                 "tests/bad_input"],
}
# (module, line, operator description) of mutants that cannot be told apart from the
# original by any input, each with the reason
EQUIVALENT: dict[tuple[str, str], str] = {
    ("privacy.py", "const:'\\\\d'->empty"): "ANY_DIGIT is a fast path: an empty pattern matches every text, "
                                       "which then goes the slow way to the same answer",
    ("privacy.py", "boolop:Or->And @ _normal"): "the ASCII fast path of _normal: the slow path maps the same text",
    ("privacy.py", "boolop:Or->And @ find_nip"): "the no-digit fast path: without it _spans finds nothing",
    ("privacy.py", "boolop:Or->And @ redact"): "the no-digit fast path: without it _spans finds nothing",
    ("privacy.py", "const:0->1 @ group"): "group(n) ignores n (the NipMatch has one group, as re.Match's 0)",
    ("privacy.py", "cmp0:LtE->Lt @ _spans"): "two NIP spans never touch without overlapping: each ends on a digit "
                                          "that no other digit follows (run ends, lookaheads)",
    ("privacy.py", "cmp0:LtE->Lt @ _normal"): "the ends of the fullwidth range (U+FF01 !, U+FF5E ~) are punctuation "
                                         "that separators match whether converted or not",
    ("privacy.py", "cmp1:LtE->Lt @ _normal"): "the ends of the fullwidth range (U+FF01 !, U+FF5E ~) are punctuation "
                                         "that separators match whether converted or not",
    ("privacy.py", "cmp0:Gt->GtE @ _spans"): "no pattern yields an empty span (b > a always)",
    ("formula.py", "drop call el.attrib.pop @ compact_mathml"): "ElementTree reads xmlns as the namespace, never "
                                                           "as an attribute: there is nothing to pop",
    ("formula.py", "const:'xmlns'->empty @ compact_mathml"): "the same pop, of a key that is never there",
    ("formula.py", "const:4096->4097 @ latex_to_mathml"): "the size of a memo (lru_cache)",
    ("formula.py", "const:'$'->empty @ render_formula"): "a text without $ has no math segment: the loop finds "
                                                     "nothing and the text is escaped the same way",
    ("formula.py", "const:'$'->empty @ formula_cell"): "a text without $ has no math segment: nothing is "
                                                   "converted and the cell goes on as if the test had failed",
    ("formula.py", "const:1->2 @ _math_with_text"): "a drawing holds one '<math': replacing at most 1 or 2 "
                                                  "of them is the same",
    ("scan.py", "const:200->201 @ scan_pages"): "the page count from which pages are scanned in a process pool: "
                                              "the same results either way",
    ("scan.py", "return () @ _link_verdict #4"): "`return None` made `return ()`: both falsy, the only use is "
                                                 "`if verdict`",
    ("scan.py", "cmp0:Gt->GtE @ scan_pages"): "the page count from which pages are scanned in a process pool",
    ("scan.py", "const:64->65 @ scan_pages"): "the process pool's chunk size: the same results in the same order",
    ("scan.py", "const:'scan'->empty @ scan_pages #1"): "the step's name inside the cache key: the same key "
                                                      "stores and finds a page, in the step's own folder",
    ("scan.py", "const:'/'->empty @ _resolve #1"): "the default of base_path: both callers (_check_url) pass it",
    ("scan.py", "const:'.'->empty @ _resolve"): "posixpath.normpath('') is '.' too",
    ("scan.py", "const:'.'->empty @ _walk #1"): "the site's own '.' in dirs: _link_verdict turns the target '.' "
                                               "into 'index.html' before it looks in dirs (normpath never gives '')",
    ("scan.py", "const:'.html'->empty @ scan_site #3"): "the pages the privacy pass would read again: with '.html' "
                                                       "in the suffixes they were read by the page pass and are in "
                                                       "`done`; without it the suffixes hold no '.html' to take away",
    ("scan.py", "const:True->False @ scan_privacy"): "the default of archives: scan_site, the one caller, passes it",
    ("scan.py", "const:False->True @ _parser"): "remove_comments: comments are skipped wherever the tree is read "
                                              "(tags and attributes; script bodies are raw text, not parsed)",
    ("scan.py", "const:\"'sha256-\"->empty @ _check_csp"): "the policy's other words join the set of hashes, and "
                                                          "no script's hash ('sha256-...') is ever one of them",
    ("scan.py", "const:True->False"): "Finding(frozen=True): no code hashes a finding or changes one once made",
    ("scan.py", "const:'utf-8'->empty @ _parser"): "lxml's HTMLParser(encoding='') reads UTF-8 as encoding='utf-8' "
                                                 "does, whatever charset the page declares (encoding=None would not)",
    ("validate.py", "const:1->2 @ check"): "the default of workers: in two processes the same problems come in the "
                                           "same order (tests/test_validate.py)",
    ("validate.py", "const:1->2 @ validate_sources #1"): "the default of workers: in two processes the same problems "
                                                         "come in the same order (tests/test_validate.py)",
    ("validate.py", "const:'kt-validate-'->empty @ frictionless_problems"): "the prefix of a temporary folder's name",
    ("validate.py", "const:'name'->empty @ frictionless_problems"): "the concatenated package's name: frictionless "
                                                                  "needs none, and no problem carries it",
    ("validate.py", "const:'portal'->empty @ frictionless_problems"): "the same name's value",
    ("validate.py", "const:'validate'->empty @ validate_sources #1"): "the step's name inside the cache key: the "
                                                                    "same key stores and finds a package, in the "
                                                                    "step's own folder",
    ("releases.py", "const:1->2 @ last_changed"): "split('--', 2)[0] is split('--', 1)[0]",
    ("xlsx.py", "boolop:Or->And @ workbook_parts"): "the default of filters: workbook_chunks, the one caller, "
                                                    "passes them (and [] stays [] either way)",
    ("xlsx.py", "cmp0:Lt->LtE @ _measure #2"): "end < 0 or <= 0: '</row>' is found after a '<row>', never at 0",
    ("xlsx.py", "cmp0:Lt->LtE @ _measure #3"): "widths extended by zero columns when already as long",
    ("xlsx.py", "const:b'<row>'->empty @ _measure"): "rows are written back to back (row_xml) after a head without "
                                                    "'<c': the search starts where the next row starts either way",
    ("xlsx.py", "const:1->2 @ _measure #1"): "no '<row>' found: end is -1 or -2, both below 0 (break)",
    ("xlsx.py", "const:b'&'->empty @ _measure"): "a fast path: unescape changes nothing in a text without '&'",
    ("xlsx.py", "const:1->2 @ finish_sheet #4"): "SHEET_HEAD holds one <sheetData>: replacing at most 1 or 2 of them "
                                                "is the same",
    ("xlsx.py", "binop:Sub->Add @ finish_sheet #2"): "the head's bytes gathered across pieces: the first piece "
                                                    "always holds the whole head (the writers' SHEET_HEAD and header "
                                                    "row), so only text[:len(head)] of the first is ever taken",
    ("xlsx.py", "const:4->5 @ finish_sheet #2"): "(carry + text[-5:])[-4:] keeps the same last 4 bytes",
    ("xlsx.py", "const:0->1 @ _measure #4"): "end < 1 is end < 0: '</row>' is found after a '<row>', never at 0",
    ("xlsx.py", "binop:Add->Sub @ _measure #2"): "the next search from 6 bytes before '</row>' instead of after it "
                                                "finds the same next '<row>' (cell text never holds '<': escaped)",
    ("xlsx.py", "cmp0:Gt->GtE @ _measure"): "a width set to the length it already has",
    ("xlsx.py", "cmp0:Lt->LtE @ finish_sheet"): "start += text[:0] when start is already as long as the head",
    ("xlsx.py", "cmp0:Gt->GtE @ finish_sheet"): "_measure with a budget of 0 measures nothing",
    ("zipfiles.py", "const:31->32 @ _zeros_table"): "one more row in the operator matrix is never read (32-bit CRC)",
    ("zipfiles.py", "const:0->1 #3"): "ZIP_EPOCH's seconds: MS-DOS time counts in 2-second steps, 0 and 1 s are "
                                      "both 0",
    ("zipfiles.py", "const:9->10"): "DOS_DATE: the year offset from 1980 is 0, shifted by 9 or 10",
    ("zipfiles.py", "const:1->2 #3"): "DOS_DATE: ZIP_EPOCH[1] and [2] are both 1 (January the 1st)",
    ("importer/rows.py", "return False @ continues_previous"): "a row without indicator text goes on to "
                                                              "indicator_items, which finds no item in it and takes it "
                                                              "(no item, so no OCR-garbage warning either)",
    ("importer/rows.py", "return False @ new_records"): "the last rule of ROW_RULES: no rule comes after it, so "
                                                       "whether it says it took the row changes nothing",
}

SWAP_CMP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE,
            ast.GtE: ast.Gt, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
EMPTY = {"list": "[]", "dict": "{}", "set": "set()", "str": '""', "bytes": 'b""', "int": "0", "float": "0.0",
         "bool": "False", "tuple": "()"}


@dataclass(frozen=True)
class Mutant:
    module: str
    index: int  # the index-th mutation point of the module, in walk order
    line: int
    what: str
    function: str  # the enclosing function ('' at module level)
    lines: tuple[int, ...] = ()  # the source lines a test runs when it runs this mutant's code
    in_body: bool = False  # inside a function body (run when called, not at import)
    # outside function bodies: what its module-level statement binds, the lines that name it,
    # and the constant it changes (which tests to try first: select)
    names: tuple[str, ...] = ()
    uses: tuple[int, ...] = ()
    constant: str = ""
    nth: int = 0  # among mutants of the same change in the same function, the nth in the source (0: the only one)

    @property
    def key(self) -> str:
        """What EQUIVALENT names it by (line numbers move; the function does not): the change
        and its function, and `#n` when the function has that change in several places."""
        key = f"{self.what} @ {self.function}" if self.function else self.what
        return f"{key} #{self.nth}" if self.nth else key


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def _skipped(tree: ast.AST) -> set[int]:
    """Nodes never mutated: docstrings, annotations, f-string pieces, __future__ imports."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        parts: list[ast.AST] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            parts = [a.annotation for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs if a.annotation]
            parts += [node.returns] if node.returns else []
        elif isinstance(node, ast.AnnAssign):
            parts = [node.annotation]
        elif isinstance(node, ast.JoinedStr):
            parts = list(node.values)
        for part in parts:
            skip.update(id(n) for n in ast.walk(part))
    return skip


def _return_types(tree: ast.AST) -> dict[int, str]:
    """id(return node) -> the empty value of its function's declared return type."""
    out = {}
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and fn.returns is not None:
            base = ast.unparse(fn.returns).split("[")[0].strip("\"'")
            if base in EMPTY:
                for node in ast.walk(fn):
                    if isinstance(node, ast.Return) and node.value is not None and \
                            not _is_value(node.value, EMPTY[base]):  # `return ""` stays itself
                        out[id(node)] = EMPTY[base]
    return out


def _is_value(node: ast.expr, source: str) -> bool:
    """The expression is that literal already (`return ''` for "", `return 0` for 0.0): a
    mutant that would change nothing."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return False
    empty = ast.literal_eval(source)
    return type(value) is type(empty) and value == empty or \
        isinstance(value, (int, float)) and not isinstance(value, bool) and isinstance(empty, float) and value == empty


def _code_like(value: str | bytes) -> bool:
    """A pattern, a name, a markup piece: not prose (a message's wording is not a guard)."""
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    return " " not in text or any(c in text for c in "\\[]()^$*+?|{}")


def _functions(tree: ast.AST) -> dict[int, str]:
    """id(node) -> the name of the innermost function around it."""
    out: dict[int, str] = {}
    for fn in ast.walk(tree):  # outer functions first: inner ones overwrite
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.update((id(n), fn.name) for n in ast.walk(fn))
    return out


def points(tree: ast.AST) -> Iterator[tuple[ast.AST, str, int]]:
    """(node, what the mutation does, line) for every mutation point, in a stable order."""
    skip = _skipped(tree)
    returns = _return_types(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in SWAP_CMP:
                    yield node, f"cmp{i}:{type(op).__name__}->{SWAP_CMP[type(op)].__name__}", line
        elif isinstance(node, ast.BoolOp):
            yield node, f"boolop:{type(node.op).__name__}->{'Or' if isinstance(node.op, ast.And) else 'And'}", line
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "drop not", line
        elif isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool):
                yield node, f"const:{v}->{not v}", line
            elif isinstance(v, int):
                yield node, f"const:{v}->{v + 1}", line
            elif isinstance(v, (str, bytes)) and v and _code_like(v):
                yield node, f"const:{v!r:.30}->empty", line
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            yield node, f"binop:{type(node.op).__name__}->{'Sub' if isinstance(node.op, ast.Add) else 'Add'}", line
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            yield node, f"drop call {ast.unparse(node.value.func):.30}", line
        elif isinstance(node, ast.Return) and id(node) in returns:
            yield node, f"return {returns[id(node)]}", line


def mutate(tree: ast.Module, index: int) -> tuple[ast.Module, str, int]:
    """A copy of tree with the index-th mutation point changed."""
    tree = copy.deepcopy(tree)
    returns = _return_types(tree)
    for i, (node, what, line) in enumerate(points(tree)):
        if i != index:
            continue
        if isinstance(node, ast.Compare):
            k = int(what[3:what.index(":")])
            node.ops[k] = SWAP_CMP[type(node.ops[k])]()
        elif isinstance(node, ast.BoolOp):
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        elif isinstance(node, ast.UnaryOp):
            _replace(tree, node, node.operand)
        elif isinstance(node, ast.Constant):
            v = node.value
            node.value = (not v) if isinstance(v, bool) else v + 1 if isinstance(v, int) else (b"" if isinstance(v, bytes) else "")
        elif isinstance(node, ast.BinOp):
            node.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
        elif isinstance(node, ast.Expr):
            _replace(tree, node, ast.Pass())
        elif isinstance(node, ast.Return):
            node.value = ast.parse(returns[id(node)], mode="eval").body
        return ast.fix_missing_locations(tree), what, line
    raise IndexError(index)


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list) and any(v is old for v in value):
                value[[i for i, v in enumerate(value) if v is old][0]] = new
                return


def _placement(tree: ast.AST) -> tuple[set[int], dict[int, ast.stmt]]:
    """The ids of nodes inside a function body, and id(node) -> its innermost statement."""
    in_body: set[int] = set()
    stmt_of: dict[int, ast.stmt] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_body.update(id(n) for st in fn.body for n in ast.walk(st))
    for st in ast.walk(tree):  # outer statements first: inner ones overwrite
        if isinstance(st, ast.stmt):
            stmt_of.update((id(n), st) for n in ast.walk(st))
    return in_body, stmt_of


def _lines(node: ast.AST, stmt: ast.stmt | None) -> tuple[int, ...]:
    """From the first line of the node's statement to the node's last line: the tracer
    reports the line a statement starts on, and in 3.11 the lines inside it as they run."""
    first: int = min(getattr(node, "lineno", 0), stmt.lineno if stmt else 10**9)
    end: int | None = getattr(node, "end_lineno", None)
    last: int = end if end is not None else getattr(node, "lineno", first)
    return tuple(range(first, last + 1))


MODULE_LEVEL = "<module>"  # --functions: the mutants outside every function


def _bound(stmt: ast.stmt) -> set[str]:
    """The names a module-level statement binds (a class: its name and its fields')."""
    out: set[str] = set()
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        out.add(stmt.name)
    if isinstance(stmt, ast.ClassDef):
        out.update(n.target.id for n in stmt.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name))
    targets = stmt.targets if isinstance(stmt, ast.Assign) else \
        [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else []
    for target in targets:
        out.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return out


def _uses(tree: ast.AST, names: set[str]) -> tuple[int, ...]:
    """The lines inside function bodies that name one of names (a name or an attribute)."""
    lines = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for n in (n for st in fn.body for n in ast.walk(st)):
                if isinstance(n, ast.Name) and n.id in names or isinstance(n, ast.Attribute) and n.attr in names:
                    lines.add(n.lineno)
    return tuple(sorted(lines))


def _wanted(tree: ast.AST, functions: set[str] | None, lines: list[tuple[int, int]] | None,
            names: dict[int, str]) -> set[int] | None:
    """The ids of the nodes whose mutants a run takes (None: every one)."""
    if not functions and not lines:
        return None
    nodes = list(ast.walk(tree))
    wanted = {id(n) for n in nodes}
    if functions:
        wanted = {id(n) for fn in nodes if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
                  and fn.name in functions for n in ast.walk(fn)}
        if MODULE_LEVEL in functions:
            wanted.update(id(n) for n in nodes if id(n) not in names)
    if lines:
        wanted &= {id(n) for n in nodes if any(a <= getattr(n, "lineno", 0) <= b for a, b in lines)}
    return wanted


def mutants(module: str, functions: set[str] | None = None,
            lines: list[tuple[int, int]] | None = None) -> list[Mutant]:
    """The module's mutants; with functions and/or lines, those inside these functions
    (MODULE_LEVEL: outside every function) and on these lines (first, last)."""
    tree = ast.parse((ROOT / "generator" / module).read_text(encoding="utf-8"))
    names = _functions(tree)
    wanted = _wanted(tree, functions, lines, names)
    in_body, stmt_of = _placement(tree)
    top = {id(n): st for st in getattr(tree, "body", []) for n in ast.walk(st)}

    def make(i: int, node: ast.AST, what: str, line: int) -> Mutant:
        m = Mutant(module, i, line, what, names.get(id(node), ""), _lines(node, stmt_of.get(id(node))),
                   id(node) in in_body)
        if m.in_body or id(node) not in top:
            return m
        bound = _bound(top[id(node)])
        value = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
        return replace(m, names=tuple(sorted(bound)), uses=_uses(tree, bound), constant=value)
    found = [(make(i, node, what, line), (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)), id(node))
             for i, (node, what, line) in enumerate(points(tree))]
    same: dict[str, list] = {}
    for m, place, _ in found:
        same.setdefault(m.key, []).append((place, m.index))
    nth = {index: n for group in same.values() if len(group) > 1
           for n, (_, index) in enumerate(sorted(group), start=1)}
    return [replace(m, nth=nth.get(m.index, 0)) for m, _, node in found if wanted is None or node in wanted]


def select(m: Mutant, traced: dict[str, dict], texts: dict[str, str] | None = None) -> list[str] | None:
    """The test ids that run the mutant's lines, fastest first. A mutant outside function
    bodies: every traced test, file by file (a file's fixtures are set up once), the files
    with a likely test first (it runs a line that names what the mutant's statement binds, or
    its file's text, texts[file], holds such a name or the changed constant), the likely
    tests first in each file, then fastest first. None: every test file, as TARGETS lists them."""
    if not m.in_body:
        if not traced:
            return None
        uses, words = set(m.uses), [w for w in (*m.names, m.constant) if w]

        def likely(test: str) -> bool:
            seen = traced[test]
            text = (texts or {}).get(test.split("::")[0], "")
            return bool(uses & set(seen.get("setup", ())) or uses & set(seen.get("call", ()))) or \
                any(w in text for w in words)
        files: dict[str, list[str]] = {}
        for test in traced:
            files.setdefault(test.split("::")[0], []).append(test)
        first = {t for t in traced if likely(t)}

        def file_order(f: str) -> tuple[bool, float, str]:
            return not any(t in first for t in files[f]), sum(traced[t].get("seconds", 0.0) for t in files[f]), f
        return [t for f in sorted(files, key=file_order)
                for t in sorted(files[f], key=lambda t: (t not in first, traced[t].get("seconds", 0.0), t))]
    lines = set(m.lines)
    chosen: set[str] = set()
    for test, seen in traced.items():
        if lines & set(seen.get("setup", ())):  # a fixture ran it: it may serve the whole file
            chosen.update(t for t in traced if t.split("::")[0] == test.split("::")[0])
        elif lines & set(seen.get("call", ())):
            chosen.add(test)
    return sorted(chosen, key=lambda t: (traced[t].get("seconds", 0.0), t))


def sandbox() -> Path:
    """A copy of the repository (no .git, no outputs) with the shared virtualenv linked."""
    tmp = Path(tempfile.mkdtemp(prefix="kt-mutation-"))
    top = {".git", ".venv", "site", "build", ".cache", ".mypy_cache", ".ruff_cache", ".pytest_cache", "releases"}

    def ignore(folder: str, names: list[str]) -> list[str]:
        here = Path(folder) == ROOT
        return [n for n in names if (here and n in top) or n in ("node_modules", "__pycache__")]
    shutil.copytree(ROOT, tmp / "repo", ignore=ignore, symlinks=True)
    if (ROOT / "releases").is_dir():
        shutil.copytree(ROOT / "releases", tmp / "repo" / "releases")
    os.symlink((ROOT / ".venv").resolve(), tmp / "repo" / ".venv")
    return tmp / "repo"


PYTEST_ARGS = ["-q", "-rfE", "-p", "no:cacheprovider", "-p", "no:xdist", "-o", "addopts=-m 'not browser and not slow'"]


def _verdict(returncode: int | None, output: str) -> tuple[str, list[str]]:
    if returncode is None:
        return "timeout", []
    failed = [line.split(" ", 1)[1].split(" - ")[0].strip() for line in output.splitlines()
              if line.startswith(("FAILED ", "ERROR "))]
    return ("survived" if returncode == 0 else "killed"), failed


def _pytest(repo: Path, tests: list[str], timeout: float, env: dict[str, str] | None = None,
            stop: bool = True) -> tuple[str, list[str]]:
    """Run the tests in a new interpreter: ("killed" | "survived" | "timeout", failed test ids)."""
    cmd = [str(repo / ".venv" / "bin" / "python"), "-m", "pytest", *PYTEST_ARGS, *(["-x"] if stop else []), *tests]
    try:
        proc = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, timeout=timeout, check=False,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})})
    except subprocess.TimeoutExpired:
        return "timeout", []
    return _verdict(proc.returncode, proc.stdout)


class Server:
    """generator/dev/mutation_server.py in the sandbox: each run a fork of an interpreter that
    has pytest and the libraries imported, and imports the project's modules afresh."""

    def __init__(self, repo: Path):
        self.repo = repo
        self.out = repo.parent / "pytest.out"
        self.proc = subprocess.Popen([str(repo / ".venv" / "bin" / "python"), "-m", "generator.dev.mutation_server"],
                                     cwd=repo, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        assert self.proc.stdout is not None
        if "ready" not in json.loads(self.proc.stdout.readline() or "{}"):
            raise RuntimeError("the mutation fork server did not start")

    def pytest(self, tests: list[str], timeout: float) -> tuple[str, list[str]]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = {"args": [*PYTEST_ARGS, "-x", *tests], "timeout": timeout, "out": str(self.out)}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        rc = json.loads(self.proc.stdout.readline())["rc"]
        return _verdict(rc, self.out.read_text(encoding="utf-8", errors="replace"))

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def run_tests(repo: Path, tests: list[str], timeout: float) -> str:
    return _pytest(repo, tests, timeout)[0]


def trace(repo: Path, module: str, tests: list[str], timeout: float) -> dict[str, dict] | None:
    """Run the module's tests once on the unchanged code with the line tracer: the lines of
    the module each test runs (None when a test fails without any mutation)."""
    out = repo.parent / "traced.json"
    verdict, _ = _pytest(repo, ["-p", "generator.dev.mutation_trace", *tests], timeout, stop=False,
                         env={"KT_MUTATION_TARGET": str(repo / "generator" / module), "KT_MUTATION_MAP": str(out)})
    if verdict != "survived":
        return None
    return json.loads(out.read_text(encoding="utf-8"))


def run_module(module: str, timeout: float, functions: set[str] | None, out=sys.stdout,
               all_tests: bool = False, lines: list[tuple[int, int]] | None = None) -> dict[str, int]:
    repo = sandbox()
    server: Server | None = None
    try:
        path = repo / "generator" / module
        original = path.read_text(encoding="utf-8")
        tree = ast.parse(original)
        tests = TARGETS[module]
        t0 = time.perf_counter()
        traced = trace(repo, module, tests, timeout * 10)
        if traced is None:
            print(f"{module}: its tests fail without any mutation (run them: {' '.join(tests)})", file=out, flush=True)
            return {"killed": 0, "survived": 1, "timeout": 0, "equivalent": 0}
        server = Server(repo)
        passes_alone: dict[str, bool] = {}  # test id -> passes on the unchanged code by itself

        def alone(test: str) -> bool:
            if test not in passes_alone:
                path.write_text(original, encoding="utf-8")
                passes_alone[test] = server.pytest([test], timeout)[0] == "survived"
            return passes_alone[test]
        counts = {"killed": 0, "survived": 0, "timeout": 0, "equivalent": 0}
        ran = 0
        texts = {f: (repo / f).read_text(encoding="utf-8", errors="replace")
                 for f in {t.split("::")[0] for t in traced} if (repo / f).is_file()}
        for m in mutants(module, functions, lines):
            chosen = None if all_tests else select(m, traced, texts)
            if chosen == []:
                verdict, note = "survived", "no test runs this line"
            else:
                mutated, _, _ = mutate(tree, m.index)
                path.write_text(ast.unparse(mutated) + "\n", encoding="utf-8")
                verdict, failed = server.pytest(tests if chosen is None else chosen, timeout)
                ran += len(tests if chosen is None else chosen)
                note = ""
                if verdict == "killed" and chosen is not None and failed and not all(alone(t) for t in failed):
                    path.write_text(ast.unparse(mutated) + "\n", encoding="utf-8")
                    verdict, _ = server.pytest(tests, timeout)  # not to be believed: every test file
                    note = "a selected test fails alone on the unchanged code: every test file ran"
            if verdict == "survived" and (module, m.key) in EQUIVALENT:
                verdict = "equivalent"
            counts[verdict] += 1
            if verdict in ("survived", "equivalent", "timeout"):
                reason = EQUIVALENT.get((module, m.key), "") or note
                print(f"  {verdict.upper()} {module}:{m.line} {m.key}" + (f"  ({reason})" if reason else ""),
                      file=out, flush=True)
        path.write_text(original, encoding="utf-8")
        total = sum(counts.values())
        score = 100 * (total - counts["survived"]) / total if total else 100.0
        print(f"{module}: {total} mutants, {counts['killed']} killed, {counts['timeout']} timed out, "
              f"{counts['equivalent']} equivalent, {counts['survived']} survived: {score:.0f}% "
              f"({time.perf_counter() - t0:.0f} s"
              + ("" if all_tests else f", {len(traced)} tests traced, {ran} test runs") + ")", file=out, flush=True)
        return counts
    finally:
        if server is not None:
            server.close()
        shutil.rmtree(repo.parent, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.dev.mutation")
    ap.add_argument("modules", nargs="*", help=f"modules under generator/ (default: {' '.join(TARGETS)})")
    ap.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per mutant's test run")
    ap.add_argument("--functions", help=f"only mutants inside these functions (comma-separated; {MODULE_LEVEL}: "
                                        "outside every function)")
    ap.add_argument("--lines", help="only mutants on these lines (A-B, comma-separated)")
    ap.add_argument("--all-tests", action="store_true",
                    help="run every test file for every mutant (no selection by traced lines; slow)")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `kill PID`: the sandbox and server are cleaned up
    functions = set(args.functions.split(",")) if args.functions else None
    lines = [(int(a), int(b or a)) for a, _, b in (r.partition("-") for r in args.lines.split(","))] \
        if args.lines else None
    survived = 0
    for module in args.modules or list(TARGETS):
        if module not in TARGETS:
            ap.error(f"{module}: not a guard module ({', '.join(TARGETS)})")
        if args.list:
            for m in mutants(module, functions, lines):
                print(f"{m.module}:{m.line} #{m.index} {m.key}")
            continue
        survived += run_module(module, args.timeout, functions, all_tests=args.all_tests, lines=lines)["survived"]
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())

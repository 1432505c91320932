"""Frictionless' verdict on tables that pass every one of its checks, without its row machinery.

frictionless reads each row through Python objects (cells, rows, handlers, errors) and reads
every table a foreign key points to once more for its lookup: most of validation's time,
~0.3 ms per indicator. `proven_clean` answers one question: would frictionless report nothing
at all on this package? It asks the same things in the same terms (frictionless' own cell
readers from the same schemas, so types, missing values and constraints are its own; the CSV
dialect it sniffs from the first lines, computed as it computes it; primary keys, unique
fields and foreign keys as its row stream checks them) with plain sets and loops. Only a
True is trusted: the caller (validate.frictionless_problems) runs frictionless itself
whenever the answer is False, so every problem, its wording and its order come from
frictionless. The descriptor, the schemas and the header row are checked by frictionless
itself, on the same package with the header line alone.
"""
from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from typing import Any

from .datapackage import csv_bytes

Tables = dict[str, tuple[list[str], list[dict]]]  # resource -> (columns, rows) as the CSVs are written


def proven_clean(desc: dict, tables: Tables, folder: Path) -> bool:
    """True when frictionless' validation of the package `desc` over these tables (written
    by datapackage.csv_bytes) reports no error. folder: an empty folder for the header-only
    package frictionless checks the descriptor and the header on."""
    from frictionless import FrictionlessException, Package

    for name, (columns, _) in tables.items():
        (folder / f"{name}.csv").write_bytes(csv_bytes(columns, []))
    try:
        package = Package(desc, basepath=str(folder))
        if not package.validate().valid:
            return False
        resources = {r.name: r for r in package.resources}
    except FrictionlessException:
        return False
    if set(resources) != set(tables):
        return False
    targets: dict[str, list[tuple]] = {}
    for name, (columns, rows) in tables.items():
        fields = resources[name].schema.fields
        if [f.name for f in fields] != columns or not _sniffed_as_written(columns, rows):
            return False
        read = _read(fields, rows, set(resources[name].schema.primary_key))
        if read is None:
            return False
        targets[name] = read
    return all(_keys_hold(resources[name], targets, tables) for name in tables)


def _sniffed_as_written(columns: list[str], rows: list[dict]) -> bool:
    """frictionless' CSV parser sniffs the dialect from the first lines of the file
    (formats/csv/parser.py: SAMPLE_SIZE lines, csv.Sniffer over ',\\t;|', a "'" quote taken
    as '"'); True when that dialect reads the file as csv_bytes wrote it (comma, double
    quote doubled, no escape character, no initial space skipped). The first rows' bytes are
    the file's first lines: a row takes one line at least."""
    from frictionless.formats.csv.parser import SAMPLE_SIZE

    text = csv_bytes(columns, rows[:SAMPLE_SIZE]).decode("utf-8")
    sample = list(itertools.islice(io.StringIO(text, newline=""), SAMPLE_SIZE))
    try:
        config = csv.Sniffer().sniff("".join(sample), ",\t;|")
    except csv.Error:
        return True  # frictionless falls back to csv.excel, the dialect csv_bytes writes
    quote = '"' if config.quotechar == "'" else config.quotechar
    return config.delimiter == "," and quote == '"' and not config.skipinitialspace and config.escapechar is None


def _read(fields: list, rows: list[dict], key: set[str]) -> list[tuple] | None:
    """Each row's values as frictionless' cell readers give them, or None when a cell has a
    note (a type or constraint error), a row is blank (every cell missing), or a cell could
    not be read back from the CSV as written (NUL, longer than the csv module's limit).
    A reader is a pure function of the cell: it is asked once per distinct value of a field
    (key fields, whose values are distinct, are asked directly), and a string field of the
    default format without a constraint is read as its reader reads it (a missing value is
    None, any other text itself)."""
    limit = csv.field_size_limit()
    columns: list[tuple[str, Any, Any]] = []  # name, reader (None: plain), memo (plain: the missing values)
    for f in fields:
        if _plain(f):
            columns.append((f.name, None, frozenset(_missing_values(f))))
        else:
            columns.append((f.name, f.create_cell_reader(), {} if f.name not in key else None))
    out = []
    noted = object()
    for row in rows:
        values: list[Any] = []
        for name, reader, memo in columns:
            cell = row.get(name, "")
            if cell is None:
                cell = ""
            if not isinstance(cell, str) or "\x00" in cell or len(cell) > limit:
                return None
            if reader is None:  # plain: memo holds the missing values
                values.append(None if cell in memo else cell)
                continue
            value = memo.get(cell, noted) if memo is not None else noted
            if value is noted:
                value, notes = reader(cell)
                if notes:
                    return None
                if memo is not None:
                    memo[cell] = value
            values.append(value)
        if all(v is None for v in values):
            return None
        out.append(tuple(values))
    return out


def _plain(field) -> bool:
    """A string field of the default format with no constraint: its reader (frictionless'
    Field.create_cell_reader, StringField.create_value_reader) turns a missing value into
    None and gives any other text back, without a note."""
    from frictionless.fields import StringField

    return type(field) is StringField and field.format == "default" and \
        all(field.constraints.get(name) is None for name in field.supported_constraints)


def _missing_values(field) -> list[str]:
    """The missing values a field's reader uses (Field.create_cell_reader)."""
    if not field.has_defined("missing_values") and field.schema:
        return field.schema.missing_values
    return field.missing_values


def _keys_hold(resource, targets: dict[str, list[tuple]], tables: Tables) -> bool:
    """The primary key (no row with every key cell missing, no key twice), unique fields
    and foreign keys, as frictionless' row stream checks them (resources/table.py)."""
    schema = resource.schema
    columns = tables[resource.name][0]
    rows = targets[resource.name]
    index = {c: i for i, c in enumerate(columns)}
    if schema.primary_key and set(schema.primary_key) <= set(columns):
        key = [index[c] for c in schema.primary_key]
        keys = [tuple(r[i] for i in key) for r in rows]
        if any(set(k) == {None} for k in keys) or len(set(keys)) != len(keys):
            return False
    for field in schema.fields:
        if field.constraints.get("unique"):
            values = [r[index[field.name]] for r in rows if r[index[field.name]] is not None]
            if len(set(values)) != len(values):
                return False
    for fk in schema.foreign_keys:
        own = tuple(fk["fields"])
        if not set(own) <= set(columns):
            continue
        source = fk["reference"]["resource"] or resource.name
        if source not in targets:
            return False
        ref_columns = tables[source][0]
        ref = tuple(fk["reference"]["fields"])
        if not set(ref) <= set(ref_columns):
            return False
        ref_index = [ref_columns.index(c) for c in ref]
        lookup = {t for t in (tuple(r[i] for i in ref_index) for r in targets[source]) if set(t) != {None}}
        own_index = [index[c] for c in own]
        for r in rows:
            cells = tuple(r[i] for i in own_index)
            if set(cells) != {None} and cells not in lookup:
                return False
    return True

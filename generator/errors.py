"""Problems are data; exceptions only for 'cannot continue' (mapped to exit codes)."""
from __future__ import annotations

from dataclasses import dataclass, asdict
from collections.abc import Iterable

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the data. `row` is the 1-based data row (header excluded)."""

    package: str
    resource: str | None
    row: int | None
    field: str | None
    code: str
    message: str
    severity: str = "error"  # "error" or "warning"
    file: str | None = None

    def where(self) -> str:
        parts = [self.file or self.package]
        if self.resource and not self.file:
            parts.append(self.resource)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.severity.upper()} [{self.code}] {self.where()}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


class Report:
    """All problems of a run, errors and warnings, in a stable order."""

    def __init__(self, problems: Iterable[Problem] = ()):
        self.problems: list[Problem] = list(problems)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)

    def sorted(self) -> list[Problem]:
        key = lambda p: (p.package, p.resource or "", p.row or 0, p.field or "", p.code, p.message)
        return sorted(self.problems, key=key)

    def format(self) -> str:
        lines = [str(p) for p in self.sorted()]
        lines.append(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)


class GeneratorError(Exception):
    """Cannot continue. Carries the exit code."""

    exit_code = EXIT_DATA


class DataError(GeneratorError):
    """The data has problems; the report says which."""

    def __init__(self, report: Report):
        super().__init__(report.format())
        self.report = report


class UsageError(GeneratorError):
    exit_code = EXIT_USAGE

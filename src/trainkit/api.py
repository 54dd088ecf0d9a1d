"""The library entry points; the CLI is a thin layer over these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .check import check_curriculum
from .diagnostics import Report
from .load.curriculum_files import find_curriculum_files
from .model.curriculum import Curriculum, read_curriculum


@dataclass
class Validation:
    """The outcome of `validate`: the curriculum (when it could be read) and every finding."""

    curriculum: Curriculum | None
    report: Report

    def ok(self, strict: bool = False) -> bool:
        return self.curriculum is not None and not self.report.has_errors(strict)


def validate(path: Path | str) -> Validation:
    """load → model → check: read every file of the curriculum at `path` and report all problems."""
    root = Path(path)
    report = Report()
    files, found = find_curriculum_files(root)
    report.extend(found)
    if files is None:
        return Validation(None, report)
    curriculum, found = read_curriculum(files)
    report.extend(found)
    if curriculum is not None:
        report.extend(check_curriculum(curriculum))
    return Validation(curriculum, report)


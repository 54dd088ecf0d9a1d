"""Problems found in a curriculum, located in the author's files, and how to print them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "erreur" if self is Severity.ERROR else "avertissement"


YamlPath = tuple[str | int, ...]


def format_yaml_path(path: YamlPath) -> str:
    """`("modules", "expert", "sessions", 3, "duration")` → `modules.expert.sessions[3].duration`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Diagnostic:
    """One problem, as the author needs it: where, what, and what to do."""

    severity: Severity
    code: str
    message: str
    file: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str = ""
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self, root: Path | None = None) -> str:
        if self.file is None:
            return ""
        name = _display_path(self.file, root)
        if self.line is None:
            return name
        return f"{name}:{self.line}:{self.column or 1}"


def _display_path(file: Path, root: Path | None) -> str:
    # Paths relative to the working directory read best in a terminal and in CI.
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            return file.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return file.as_posix()


@dataclass
class Report:
    """Every diagnostic of one run, in the order the files were read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Diagnostic]:
        return sorted(
            self.diagnostics,
            key=lambda d: (str(d.file or ""), d.line or 0, d.column or 0, d.code),
        )


def render_text(report: Report, root: Path | None = None) -> str:
    lines: list[str] = []
    for d in report.sorted():
        where = d.location(root)
        head = f"{where}: " if where else ""
        path = f"{d.path} : " if d.path else ""
        lines.append(f"{head}{d.severity.label} [{d.code}] {path}{d.message}")
        if d.hint:
            lines.append(f"    conseil : {d.hint}")
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        lines.append(f"{_plural(errors, 'erreur')}, {_plural(warnings, 'avertissement')}.")
    else:
        lines.append("Curriculum valide : aucune erreur, aucun avertissement.")
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def render_json(report: Report, root: Path | None = None) -> str:
    items = []
    for d in report.sorted():
        item = asdict(d)
        item["severity"] = d.severity.value
        item["file"] = _display_path(d.file, root) if d.file else None
        items.append(item)
    payload = {
        "valid": not report.errors,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "diagnostics": items,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _escape_github(value: str, *, property_value: bool = False) -> str:
    # GitHub's workflow-command escaping: %, CR and LF always; : and , in properties.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render_github(report: Report, root: Path | None = None) -> str:
    lines = []
    for d in report.sorted():
        props = []
        if d.file is not None:
            props.append(f"file={_escape_github(_display_path(d.file, root), property_value=True)}")
        if d.line is not None:
            props.append(f"line={d.line}")
            props.append(f"col={d.column or 1}")
        props.append(f"title={_escape_github(f'trainkit {d.code}', property_value=True)}")
        message = f"{d.path} : {d.message}" if d.path else d.message
        if d.hint:
            message += f"\nConseil : {d.hint}"
        kind = "error" if d.is_error else "warning"
        lines.append(f"::{kind} {','.join(props)}::{_escape_github(message)}")
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}

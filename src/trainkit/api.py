"""The library entry points; the CLI is a thin layer over these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .audience import AUDIENCES, Audience
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



class InputError(Exception):
    """A file other than the curriculum (mkdocs.yml, a CSV…) is unusable; the message is for the user."""

    def __init__(self, message: str, diagnostics: list | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass
class BuildResult:
    validation: Validation
    sites: dict[str, Path] = field(default_factory=dict)
    packages: list[Path] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)


def build(
    path: Path | str,
    *,
    site_dir: Path = Path("site"),
    dist_dir: Path = Path("dist"),
    work_dir: Path = Path("build") / "site-src",
    audiences: tuple[Audience, ...] = AUDIENCES,
    templates_dir: Path | None = None,
    config_file: Path | None = Path("mkdocs.yml"),
    strict: bool = False,
    packages: bool = True,
) -> BuildResult:
    """validate → LMS packages → site(s). Nothing is written when the curriculum has errors."""
    from .load.yaml_source import YamlInputError
    from .outputs.site import build_site, load_user_config

    validation = validate(path)
    result = BuildResult(validation)
    if not validation.ok(strict):
        return result
    assert validation.curriculum is not None
    try:
        user = load_user_config(config_file)
    except YamlInputError as exc:
        raise InputError("le fichier de configuration du site est illisible", [exc.diagnostic]) from None
    if packages:
        from .outputs.documents import build_documents

        result.packages = export(validation.curriculum, dist_dir, templates_dir=templates_dir)
        result.documents = build_documents(validation.curriculum, dist_dir, templates_dir)
    result.sites = build_site(
        validation.curriculum,
        site_dir,
        audiences=audiences,
        work_dir=work_dir,
        templates_dir=templates_dir,
        user_config=user,
        packages=result.packages + result.documents,
    )
    return result


def export(
    curriculum: Curriculum,
    out_dir: Path,
    *,
    formats: tuple[str, ...] = ("scorm12", "scorm2004"),
    module_ids: list[str] | None = None,
    templates_dir: Path | None = None,
) -> list[Path]:
    """SCORM packages of the (validated) curriculum: one zip per module and format, format by format.

    Each module is rendered once for every format; large exports use all the cores (`TRAINKIT_JOBS=1`: one)."""
    from .outputs.scorm import export_all

    return export_all(curriculum, out_dir, formats, module_ids, templates_dir)

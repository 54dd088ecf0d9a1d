"""Where a curriculum's files are, by convention.

    curriculum/
      programme.yml        the programme (required)
      glossaire.yml        acronyms (optional)
      modules/<id>.yml     one file per module
      sessions/<id>.yml    one file per session delivered (optional)
      ressources/…         files given to learners
      schemas/…            JSON Schemas for editors (`trainkit schema`)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity

PROGRAMME_FILE = "programme.yml"
GLOSSARY_FILE = "glossaire.yml"
MODULES_DIR = "modules"
SESSIONS_DIR = "sessions"
RESOURCES_DIR = "ressources"
SCHEMAS_DIR = "schemas"
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class CurriculumFiles:
    root: Path
    programme: Path
    glossary: Path | None
    modules: list[Path] = field(default_factory=list)
    sessions: list[Path] = field(default_factory=list)


DEFAULT_FOLDER = Path("curriculum")


def locate_curriculum(path: Path | None, cwd: Path | None = None) -> Path:
    """The curriculum folder a command means: `path` when given; else `./curriculum`, or the folder the
    command runs in (or above it, from `modules/`) when that is a curriculum (it has programme.yml)."""
    if path is not None:
        return path
    here = cwd or Path.cwd()
    if (here / DEFAULT_FOLDER / PROGRAMME_FILE).is_file():
        return DEFAULT_FOLDER
    for up in range(3):  # here, or modules/ or sessions/ (or one of their subfolders) of a curriculum
        folder = Path(*[".."] * up) if up else Path(".")
        if (here / folder / PROGRAMME_FILE).is_file():
            return folder
    return DEFAULT_FOLDER


def find_curriculum_files(root: Path) -> tuple[CurriculumFiles | None, list[Diagnostic]]:
    if not root.exists():
        return None, [_error(root, "dossier-absent", f"le dossier « {root} » n'existe pas",
                             "indiquez le dossier du curriculum, ou créez-en un avec `trainkit init DOSSIER`")]
    if not root.is_dir():
        return None, [_error(root, "pas-un-dossier", f"« {root} » n'est pas un dossier",
                             "indiquez le dossier qui contient programme.yml")]
    programme = _first_existing(root, "programme")
    if programme is None:
        return None, [_error(root / PROGRAMME_FILE, "programme-absent",
                             f"le dossier « {root} » ne contient pas de fichier {PROGRAMME_FILE}",
                             "créez programme.yml (titre, stratégie, organisme) ou partez de `trainkit init DOSSIER`")]
    modules_dir = root / MODULES_DIR
    modules = _yaml_files(modules_dir)
    diagnostics = []
    if not modules:
        diagnostics.append(_error(modules_dir, "aucun-module",
                                  f"aucun module : le dossier « {modules_dir} » ne contient aucun fichier .yml",
                                  "ajoutez un fichier par module, par exemple modules/fondamentaux.yml"))
    files = CurriculumFiles(root, programme, _first_existing(root, "glossaire"), modules, _yaml_files(root / SESSIONS_DIR))
    return files, diagnostics


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in (folder.iterdir() if folder.is_dir() else []) if p.suffix in YAML_SUFFIXES and p.is_file())


def _first_existing(root: Path, stem: str) -> Path | None:
    for suffix in YAML_SUFFIXES:
        candidate = root / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _error(path: Path, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, file=path, hint=hint)

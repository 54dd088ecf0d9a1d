"""The training site: one MkDocs + Material site per audience (learners, trainers).

Entry point: `build_site(curriculum, out_dir, …)` writes `out_dir/learner` and
`out_dir/trainer` (or the audiences asked for).
"""

from __future__ import annotations

from pathlib import Path

from ...audience import AUDIENCES, Audience
from ...load.site_config import read_site_config
from ...model.curriculum import Curriculum
from ...views.run_sheet import RUN_SHEETS_FOLDER, is_run_sheet_file
from .build import ENGINES, Engine, SiteBuildError, build_into
from .config import UserSiteConfig
from .pages import Download
from .tree import write_tree

__all__ = ["ENGINES", "Engine", "SiteBuildError", "UserSiteConfig", "build_site", "load_user_config", "downloads_for"]


def load_user_config(path: Path | None) -> UserSiteConfig:
    """The user's top-level mkdocs.yml (theme, palette, logo…); an absent file means defaults.

    Read the way MkDocs reads it (`!ENV`, `!!python/name:`, `INHERIT`); a syntax error gets the
    same located French message as the curriculum.
    """
    if path is None or not path.is_file():
        return UserSiteConfig()
    return UserSiteConfig(data=read_site_config(path), base_dir=path.parent)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} Ko" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} Mo"


PACKAGE_LABELS = {"scorm12": "SCORM 1.2 (Moodle, la plupart des LMS)", "scorm2004": "SCORM 2004 4e édition"}


DOCUMENT_LABELS = {"programme": "Programme de formation (PDF)",
                   "programme-formateur": "Programme formateur avec la matrice (PDF)",
                   "fiches-seance-formateur": "Fiches séance, une page A4 par séquence (PDF)"}


def downloads_for(files: list[Path], module_ids: list[str]) -> dict[str, list[tuple[Download, Path]]]:
    """Group built files (`<module>-scorm12.zip`, `<module>-programme.pdf`…) by module, as site downloads."""
    grouped: dict[str, list[tuple[Download, Path]]] = {}
    # The longest id first: « expert-avance-… » belongs to expert-avance, not to expert.
    for path in sorted(files):
        if is_run_sheet_file(path):
            grouped.setdefault(path.parent.name, []).append((Download(
                "Fiche séance (PDF A4)", f"telechargements/{RUN_SHEETS_FOLDER}/{path.parent.name}/{path.name}",
                _size(path)), path))
            continue
        module_id = next((m for m in sorted(module_ids, key=len, reverse=True) if path.stem.startswith(f"{m}-")), None)
        if module_id is None:
            continue
        kind = path.stem[len(module_id) + 1:]
        label = f"Paquet {PACKAGE_LABELS[kind]}" if kind in PACKAGE_LABELS else DOCUMENT_LABELS.get(kind, kind)
        if path.suffix == ".xml":
            label = "Évaluations en questions Moodle (XML, avec les réponses)"
        grouped.setdefault(module_id, []).append(
            (Download(label, f"telechargements/{path.name}", _size(path)), path)
        )
    return grouped


def is_trainer_file(path: Path) -> bool:
    """Files for trainers and LMS administrators only: trainer documents, the SCORM packages, whose pages
    must be able to score a graded evaluation (a learner holding one could read it), the Moodle questions, the run sheets."""
    return (path.stem.endswith("-formateur") or path.suffix in (".zip", ".xml")
            or is_run_sheet_file(path))


def build_site(
    curriculum: Curriculum,
    out_dir: Path,
    *,
    audiences: tuple[Audience, ...] = AUDIENCES,
    work_dir: Path,
    templates_dir: Path | None = None,
    user_config: UserSiteConfig | None = None,
    packages: list[Path] | None = None,
    printables: dict[str, Path] | None = None,
    engine: Engine = "mkdocs",
) -> dict[Audience, Path]:
    """Generate each audience's tree under `work_dir` and build it into `out_dir/<audience>`.

    `printables`: the handouts' A4 PDFs by curriculum-relative path (`documents.write_handouts`)."""
    built: dict[Audience, Path] = {}
    for audience in audiences:
        # Trainer documents (the programme with its coverage matrix) and packages never reach the learners' site.
        downloads = downloads_for([p for p in packages or [] if audience == "trainer" or not is_trainer_file(p)],
                                  [m.id for m in curriculum.modules])
        tree = work_dir / audience
        write_tree(curriculum, audience, tree, templates_dir=templates_dir, user=user_config, downloads=downloads,
                   printables=printables, engine=engine)
        target = out_dir / audience
        build_into(tree / "mkdocs.yml", target, engine)
        built[audience] = target
    return built

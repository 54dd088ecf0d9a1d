"""The training site: one MkDocs + Material site per audience (learners, trainers).

Entry point: `build_site(curriculum, out_dir, …)` writes `out_dir/learner` and
`out_dir/trainer` (or the audiences asked for).
"""

from __future__ import annotations

from pathlib import Path

from ...audience import AUDIENCES, Audience
from ...load.yaml_source import read_yaml_file
from ...model.curriculum import Curriculum
from .build import SiteBuildError, build_into
from .config import UserSiteConfig
from .pages import Download
from .tree import write_tree

__all__ = ["SiteBuildError", "UserSiteConfig", "build_site", "load_user_config", "downloads_for"]


def load_user_config(path: Path | None) -> UserSiteConfig:
    """The user's top-level mkdocs.yml (theme, palette, logo…); an absent file means defaults.

    Read with trainkit's safe YAML reader: a bad file gets the same located French messages.
    """
    if path is None or not path.is_file():
        return UserSiteConfig()
    document = read_yaml_file(path)
    data = document.data if isinstance(document.data, dict) else {}
    return UserSiteConfig(data=data, base_dir=path.parent)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.0f} Ko" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} Mo"


PACKAGE_LABELS = {"scorm12": "SCORM 1.2 (Moodle, la plupart des LMS)", "scorm2004": "SCORM 2004 4e édition"}


def downloads_for(packages: list[Path]) -> dict[str, list[tuple[Download, Path]]]:
    """Group built packages (`<module>-<format>.zip`) by module, as site downloads."""
    grouped: dict[str, list[tuple[Download, Path]]] = {}
    for package in sorted(packages):
        module_id, _, fmt = package.stem.rpartition("-")
        label = f"Paquet {PACKAGE_LABELS.get(fmt, fmt)}"
        grouped.setdefault(module_id, []).append(
            (Download(label, f"telechargements/{package.name}", _size(package)), package)
        )
    return grouped


def build_site(
    curriculum: Curriculum,
    out_dir: Path,
    *,
    audiences: tuple[Audience, ...] = AUDIENCES,
    work_dir: Path,
    templates_dir: Path | None = None,
    user_config: UserSiteConfig | None = None,
    packages: list[Path] | None = None,
) -> dict[Audience, Path]:
    """Generate each audience's tree under `work_dir` and build it into `out_dir/<audience>`."""
    built: dict[Audience, Path] = {}
    downloads = downloads_for(packages or [])
    for audience in audiences:
        tree = work_dir / audience
        write_tree(curriculum, audience, tree, templates_dir=templates_dir, user=user_config, downloads=downloads)
        target = out_dir / audience
        build_into(tree / "mkdocs.yml", target)
        built[audience] = target
    return built

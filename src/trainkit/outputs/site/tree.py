"""Write the generated, engine-neutral source tree of one audience's site.

    <tree>/mkdocs.yml      generated config (nav, theme, offline search)
    <tree>/docs/…          Markdown pages, resources, downloads, trainkit's CSS and shim
    <tree>/overrides/…     the user's theme overrides (custom_dir), when there are some

A file is written only when its bytes change, and files no longer produced are
removed: rebuilds and the live preview only see real edits.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...audience import Audience
from ...model.curriculum import Curriculum
from ...render.quiz_form import QUIZ_SCRIPT as QUIZ_SCRIPT_SOURCE
from ...views.handouts import printable_name
from .config import PREVIEW_SCRIPT, SITE_SCRIPT, QUIZ_SCRIPT, SHIM, STYLESHEET, UserSiteConfig, mkdocs_config
from .pages import Download, handout_page, make_environment, plan_site, render_page

ASSETS = Path(__file__).resolve().parent / "assets"
THEME_OVERRIDES = Path(__file__).resolve().parent / "overrides"  # trainkit's own, under the user's
MATERIAL_ONLY_OVERRIDE = "partials/search.html"


@dataclass
class TreeChanges:
    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Path] = field(default_factory=list)
    replaced: set[Path] = field(default_factory=set)  # written over an older version (not new)


def write_if_changed(path: Path, data: bytes, changes: TreeChanges) -> None:
    exists = path.is_file()
    if exists and path.stat().st_size == len(data) and path.read_bytes() == data:
        changes.unchanged += 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    changes.written.append(path)
    if exists:
        changes.replaced.add(path)


def write_tree(
    curriculum: Curriculum,
    audience: Audience,
    tree: Path,
    *,
    templates_dir: Path | None = None,
    user: UserSiteConfig | None = None,
    downloads: dict[str, list[tuple[Download, Path]]] | None = None,
    printables: dict[str, Path] | None = None,
    preview: bool = False,
    engine: str = "mkdocs",
) -> TreeChanges:
    """`printables`: a handout's curriculum-relative path → its A4 PDF, put beside its page.
    `preview`: for `trainkit serve`, pages also carry the script that shows the curriculum's errors."""
    printables = printables or {}
    user = user or UserSiteConfig()
    downloads = downloads or {}
    changes = TreeChanges()
    docs = tree / "docs"
    expected: set[Path] = set()

    def put(relative: str, data: bytes, base: Path = docs) -> None:
        target = base / relative
        expected.add(target)
        write_if_changed(target, data, changes)

    plan = plan_site(curriculum, audience, {k: [d for d, _ in v] for k, v in downloads.items()})
    env = make_environment(templates_dir, curriculum.glossary)
    for page in plan.pages:
        put(page.path, render_page(env, page, curriculum.glossary).encode("utf-8"))
    for relative, source in plan.resource_files.items():
        if relative.endswith(".md"):
            # A handout written in Markdown is a page: rendered by the profile (sanitised, typeset).
            pdf = printables.get(relative)
            if pdf is not None:
                put(printable_name(relative), pdf.read_bytes())
            page = handout_page(source.read_text(encoding="utf-8"), env,
                                posixpath.basename(printable_name(relative)) if pdf is not None else None)
            put(relative, page.encode("utf-8"))
        else:
            put(relative, source.read_bytes())
    for relative, source in user.files_to_copy().items():
        put(relative, source.read_bytes())
    for items in downloads.values():
        for download, source in items:
            put(download.path, source.read_bytes())
    put(STYLESHEET, (ASSETS / "trainkit.css").read_bytes())
    put(SHIM, (ASSETS / "iframe-worker-shim.js").read_bytes())
    put(QUIZ_SCRIPT, QUIZ_SCRIPT_SOURCE.read_bytes())
    put(SITE_SCRIPT, (ASSETS / "trainkit.js").read_bytes())
    if preview:
        put(PREVIEW_SCRIPT, (ASSETS / "preview.js").read_bytes())

    overrides = tree / "overrides"
    layers = {}
    for layer in (THEME_OVERRIDES, user.custom_dir):  # the user's files win
        if layer is not None:
            layers.update({p.relative_to(layer).as_posix(): p for p in sorted(layer.rglob("*")) if p.is_file()})
    # trainkit's search partial is Material's (a name for its dialog); Zensical's search is its own.
    if engine == "zensical" and layers.get(MATERIAL_ONLY_OVERRIDE) == THEME_OVERRIDES / MATERIAL_ONLY_OVERRIDE:
        del layers[MATERIAL_ONLY_OVERRIDE]
    for relative, source in layers.items():
        put(relative, source.read_bytes(), overrides)

    config = mkdocs_config(curriculum, audience, plan.nav, user, page_count=len(plan.pages), engine=engine)
    if preview:
        config["extra_javascript"].append(PREVIEW_SCRIPT)
    header = "# Généré par trainkit depuis le curriculum : ne pas modifier, relancer `trainkit build`.\n"
    text = yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False)
    put("mkdocs.yml", (header + text).encode("utf-8"), tree)

    for folder in (docs, overrides):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in expected:
                path.unlink()
                changes.removed.append(path)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changes


# libyaml's emitter when PyYAML has it (the nav of a large site is thousands of entries: the pure-Python
# emitter took 6 % of the tree's time); both write the same text.
_SafeDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _ConfigDumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """Writes back the functions a `!!python/name:` of the user's mkdocs.yml named (Material's emoji
    set-up), as that tag: MkDocs imports them again when it reads the generated file."""


def _python_name(dumper: yaml.SafeDumper, value: Any) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value.__module__}.{value.__qualname__}", "")


for _kind in (type(len), type(_python_name), type):
    _ConfigDumper.add_multi_representer(_kind, _python_name)

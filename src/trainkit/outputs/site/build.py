"""Build one audience's site with an engine — MkDocs + Material (its Python API) or Zensical (its
command, in a process of its own) — into a temporary folder, then swap it in.

Both engines read the same generated tree (`tree.py`); what differs after the build is fixed here:
the CDN addresses their theme's script names, and the English of Zensical's search dialog.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Literal

from ...errors import TrainkitError

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = ("mkdocs", "zensical")

# The themes' JS bundles name CDN scripts they load only for features trainkit never emits
# (diagrams, a lightbox, runnable code, a polyfill for browsers without ResizeObserver, a
# repository's stars). They are dead code here, but a site for public bodies must not even name
# a CDN: each address becomes an empty inline script (never fetched, never run).
CDN_ADDRESS = re.compile(r"https://(?:unpkg\.com|cdn\.jsdelivr\.net|api\.github\.com)(?:/[^\s\"'`)]*)?")
EMPTY_SCRIPT = "data:text/javascript,"

# Zensical 0.0.73's search dialog is written in English inside its bundle (its theme's language
# files do not reach it): the strings as they stand in the bundle, and their French.
ZENSICAL_FRENCH = {
    '"aria-label":"Search"': '"aria-label":"Rechercher"',
    'placeholder:"Search"': 'placeholder:"Rechercher"',
    '"aria-label":"Close search"': '"aria-label":"Fermer la recherche"',
    '"aria-label":"Search results"': '"aria-label":"Résultats de la recherche"',
    '"aria-label":"Filters"': '"aria-label":"Filtres"',
    'children:"Filters"': 'children:"Filtres"',
    'children:"Tags"': 'children:"Étiquettes"',
    'children:"Use Up and Down arrow keys to move between tags. Press Space or Enter to toggle a tag."':
        'children:"Flèches haut et bas pour passer d\'une étiquette à l\'autre, Espace ou Entrée pour la choisir."',
    'title:"Toggle line selection"': 'title:"Sélectionner la ligne"',
    'Intl.NumberFormat("en-US")': 'Intl.NumberFormat("fr-FR")',
    'i===1?"result":"results"': 'i===1?"résultat":"résultats"',
    'a="No results"': 'a="Aucun résultat"',
    'a="Loading search\\u2026"': 'a="Chargement de la recherche\\u2026"',
    '"Search is unavailable. Reload the page to try again."':
        '"La recherche est indisponible : rechargez la page."',
}


class SiteBuildError(TrainkitError):
    """MkDocs refused the generated tree; carries its messages."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, site_dir: Path, *, strict: bool = True, dirty: bool = False) -> None:
    """`mkdocs build --strict` through the Python API (no subprocess, no network). `dirty` (the preview
    only): rebuild the pages whose source changed, not strict (MkDocs warns about every dirty build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    previous_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        # A relative site_dir would resolve against the folder of mkdocs.yml, not ours.
        config = load_config(config_file=str(config_file), site_dir=str(site_dir.resolve()), strict=strict and not dirty)
        config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as exc:
        details = "\n".join(f"  - {m}" for m in collect.messages) or f"  - {exc}"
        raise SiteBuildError(f"MkDocs a refusé de construire le site :\n{details}") from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(previous_level)


def run_zensical(config_file: Path, site_dir: Path) -> None:
    """`zensical build --strict` on the tree, in its own process (its Rust runtime keeps state between
    builds); Zensical writes into the tree (`site/`, with its cache beside it), moved to `site_dir`."""
    if importlib.util.find_spec("zensical") is None:
        raise SiteBuildError("le moteur Zensical n'est pas installé : « pip install 'trainkit[zensical]' », "
                             "ou construisez avec « --engine mkdocs »")
    tree = config_file.parent.resolve()
    built = tree / "site"
    shutil.rmtree(built, ignore_errors=True)
    run = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config_file.resolve())],
                         cwd=tree, capture_output=True, text=True)
    if run.returncode != 0 or not built.is_dir():
        # Zensical reports through a Python traceback: its last line is the message.
        lines = [line for line in (run.stderr or run.stdout).strip().splitlines() if line.strip()]
        message = lines[-1].split(": ", 1)[-1] if lines else f"code de sortie {run.returncode}"
        raise SiteBuildError(f"Zensical a refusé de construire le site :\n  - {message}")
    shutil.rmtree(site_dir, ignore_errors=True)
    shutil.move(str(built), str(site_dir))


def remove_dead_cdn_urls(site_dir: Path) -> None:
    for path in (site_dir / "assets" / "javascripts").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        cleaned = CDN_ADDRESS.sub(EMPTY_SCRIPT, text)
        if cleaned != text:
            path.write_text(cleaned, encoding="utf-8")


def translate_zensical_search(site_dir: Path) -> None:
    for path in (site_dir / "assets" / "javascripts").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        translated = text
        for english, french in ZENSICAL_FRENCH.items():
            translated = translated.replace(english, french)
        if translated != text:
            path.write_text(translated, encoding="utf-8")


def run_engine(engine: Engine, config_file: Path, site_dir: Path) -> None:
    """A full build of the tree by `engine` into `site_dir`, its output made offline and French."""
    if engine == "zensical":
        run_zensical(config_file, site_dir)
        translate_zensical_search(site_dir)
    else:
        run_mkdocs(config_file, site_dir)
    remove_dead_cdn_urls(site_dir)


def build_into(config_file: Path, target: Path, engine: Engine = "mkdocs") -> None:
    """Build next to `target`, then replace it: readers never see a half-built site."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent)).resolve()
    try:
        run_engine(engine, config_file, staging)
        swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_into_place(staging: Path, target: Path) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it private; a published site is readable
    if target.exists():
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(target)

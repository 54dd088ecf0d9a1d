"""Build one audience's site with MkDocs (its Python API), into a temporary folder, then swap it in."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from ...errors import TrainkitError

# Material's JS bundle names CDN scripts it loads only for features trainkit never
# emits (Mermaid diagrams, a polyfill for browsers without ResizeObserver). They are
# dead code here, but a site for public bodies must not even name a CDN: replace them
# with an empty inline script.
DEAD_CDN_URLS = (
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    "https://unpkg.com/resize-observer-polyfill",
)
EMPTY_SCRIPT = "data:text/javascript,"


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


def remove_dead_cdn_urls(site_dir: Path) -> None:
    for path in (site_dir / "assets" / "javascripts").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        cleaned = text
        for url in DEAD_CDN_URLS:
            cleaned = cleaned.replace(url, EMPTY_SCRIPT)
        if cleaned != text:
            path.write_text(cleaned, encoding="utf-8")


def build_into(config_file: Path, target: Path) -> None:
    """Build next to `target`, then replace it: readers never see a half-built site."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent)).resolve()
    try:
        run_mkdocs(config_file, staging)
        remove_dead_cdn_urls(staging)
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

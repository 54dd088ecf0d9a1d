"""`trainkit serve`: a live preview that follows the author's YAML edits.

MkDocs's own dev server (LiveReloadServer) watches the curriculum, the templates
and mkdocs.yml; on a change, one builder re-validates, rewrites only the pages
whose text changed, rebuilds, and the open browser tabs reload. While the
curriculum is invalid, the last good site stays on screen and the problems are
printed in the terminal.
"""

from __future__ import annotations

import errno
import logging
import socket
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from ...errors import TrainkitError

from ...audience import Audience
from ...diagnostics import render_text
from .build import remove_dead_cdn_urls, run_mkdocs
from .tree import write_tree

log = logging.getLogger("trainkit.serve")


def make_builder(
    curriculum_path: Path,
    audience: Audience,
    tree: Path,
    site_dir: Path,
    *,
    validate: Callable[[Path], Any],
    templates_dir: Path | None,
    config_file: Path | None,
    echo: Callable[[str], None],
) -> Callable[[], bool]:
    """`validate` is the library's (`trainkit.api.validate`): the preview re-reads the curriculum with it."""
    from . import load_user_config

    def builder() -> bool:
        started = time.perf_counter()
        result = validate(curriculum_path)
        if not result.ok():
            echo(render_text(result.report, curriculum_path))
            echo("Le curriculum a des erreurs : l'aperçu garde la dernière version valide.")
            return False
        assert result.curriculum is not None
        try:
            user = load_user_config(config_file)
            write_tree(result.curriculum, audience, tree, templates_dir=templates_dir, user=user)
            run_mkdocs(tree / "mkdocs.yml", site_dir)
            remove_dead_cdn_urls(site_dir)
        except TrainkitError as exc:
            echo(str(exc))
            return False
        echo(f"Aperçu à jour ({time.perf_counter() - started:.1f} s).")
        return True

    return builder


def _check_port_is_free(host: str, port: int) -> None:
    """Before anything is built or announced: the server binds only once it starts serving."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise TrainkitError(f"le port {port} est déjà utilisé par un autre programme : "
                                    f"choisissez-en un autre, par exemple « --port {port + 1} »") from None
            raise


def serve(
    curriculum_path: Path,
    *,
    validate: Callable[[Path], Any],
    audience: Audience,
    work_dir: Path,
    templates_dir: Path | None,
    config_file: Path | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    echo: Callable[[str], None] = print,
) -> None:
    from mkdocs.livereload import LiveReloadServer

    _check_port_is_free(host, port)
    site_dir = Path(tempfile.mkdtemp(prefix="trainkit-serve-"))
    tree = work_dir / audience
    builder = make_builder(curriculum_path, audience, tree, site_dir, validate=validate,
                           templates_dir=templates_dir, config_file=config_file, echo=echo)
    try:
        # MkDocs polls watched folders every 0.5 s; a curriculum is a handful of files, so polling
        # five times as often costs nothing and brings an edit to the screen sooner.
        server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), polling_interval=0.1)
        if not builder():
            raise SystemExit(1)
        for path in (curriculum_path, templates_dir, config_file):
            if path is not None and path.exists():
                server.watch(str(path))
        echo(f"Aperçu ({audience}) sur http://{host}:{port}/ — Ctrl+C pour arrêter.")
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)

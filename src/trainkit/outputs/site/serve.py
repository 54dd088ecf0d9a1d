"""`trainkit serve`: a live preview that follows the author's YAML edits.

MkDocs's own dev server (LiveReloadServer) watches the curriculum, the templates
and mkdocs.yml; on a change, one builder re-validates, rewrites only the pages
whose text changed, and rebuilds; the open browser tabs reload.

Speed: an edit that leaves the navigation as it was (the usual one: a text) is
built « dirty », only the changed pages, so it shows in well under a second; a
full build follows a moment later, without reloading the page, so the search
index and the other pages' menus stay right. An edit that changes the navigation
(a title, a new session) gets the full build at once.

While the curriculum is invalid, the last good site stays on screen with an
overlay that lists the problems (file:line), and the terminal prints them; the
overlay goes once the file is fixed.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

from ...audience import Audience
from ...diagnostics import render_text
from ...errors import TrainkitError
from .build import Engine, remove_dead_cdn_urls, run_engine, run_mkdocs
from .tree import write_tree

log = logging.getLogger("trainkit.serve")

STATUS_FILE = "trainkit-apercu.json"  # read by the preview script of every page (config.PREVIEW_SCRIPT)
FULL_BUILD_DELAY = 0.3  # seconds without edits before the full build that follows a dirty one


class PreviewBuilder:
    """Builds the preview site; called by the live-reload server on each change."""

    def __init__(self, curriculum_path: Path, audience: Audience, tree: Path, site_dir: Path, *,
                 validate: Callable[[Path], Any], templates_dir: Path | None, config_file: Path | None,
                 echo: Callable[[str], None], engine: Engine = "mkdocs") -> None:
        self.curriculum_path, self.audience, self.tree, self.site_dir = curriculum_path, audience, tree, site_dir
        self.validate, self.templates_dir, self.config_file, self.echo = validate, templates_dir, config_file, echo
        self.lock = threading.Lock()  # the site folder changes under one writer at a time
        self.full_build_timer: threading.Timer | None = None
        self.full_build: subprocess.Popen | None = None
        self.generation = 0  # bumped by each edit: a full build started before it is stale
        self.built_once = False
        self.stale = False  # the site was built dirty and no full build has replaced it yet
        self.closing = False  # the preview is stopping: no full build may start
        self.engine = engine

    def __call__(self) -> bool:
        self.cancel_full_build()
        with self.lock:
            self.generation += 1
            return self._build()

    def cancel_full_build(self, *, closing: bool = False) -> None:
        self.closing = self.closing or closing
        if self.full_build_timer is not None:
            self.full_build_timer.cancel()
        if self.full_build is not None and self.full_build.poll() is None:
            self.full_build.kill()
            self.full_build.wait()

    def _build(self) -> bool:
        from . import load_user_config
        from .pages import clear_template_cache

        started = time.perf_counter()
        result = self.validate(self.curriculum_path)
        if not result.ok():
            self.echo(render_text(result.report, self.curriculum_path))
            self.echo("Le curriculum a des erreurs : l'aperçu garde la dernière version valide.")
            self._write_status(result.report)
            return False
        assert result.curriculum is not None
        try:
            if self.templates_dir is not None:
                clear_template_cache()  # a new override file must be seen
            user = load_user_config(self.config_file)
            changes = write_tree(result.curriculum, self.audience, self.tree, templates_dir=self.templates_dir,
                                 user=user, preview=True, engine=self.engine)
            # The navigation lives in mkdocs.yml; a page added or removed changes it too.
            navigation_changed = (not self.built_once or changes.removed
                                  or any(p.name == "mkdocs.yml" or p not in changes.replaced for p in changes.written))
            if self.engine == "zensical":
                if changes.written or changes.removed or not self.built_once:
                    # Zensical keeps its own cache: every build is whole, and quick on what did not change.
                    run_engine("zensical", self.tree / "mkdocs.yml", self.site_dir)
            elif navigation_changed:
                self._mkdocs(dirty=False)
                self.stale = False
            elif changes.written:
                self._mkdocs(dirty=True)
                self.stale = True  # until a full build is swapped in: search index and menus of other pages
                self._full_build_later()
            elif self.stale:
                self._full_build_later()  # the last one was cancelled (another save came) and nothing changed since
        except TrainkitError as exc:
            self.echo(str(exc))
            return False
        self.built_once = True
        self._write_status(None)
        self.echo(f"Aperçu à jour ({time.perf_counter() - started:.1f} s).")
        return True

    def _mkdocs(self, *, dirty: bool) -> None:
        run_mkdocs(self.tree / "mkdocs.yml", self.site_dir, dirty=dirty)
        remove_dead_cdn_urls(self.site_dir)

    def _full_build_later(self) -> None:
        """The full build that puts the search index and every page's menu right after a dirty one: in
        another process (it would otherwise slow the next edit's build), into a folder of its own, swapped
        in when done unless an edit came meanwhile (that edit's build then starts it again)."""
        generation = self.generation

        def full_build() -> None:
            if self.closing:
                return
            staging = Path(tempfile.mkdtemp(prefix=".full-", dir=self.site_dir.parent))
            try:
                self.full_build = subprocess.Popen(
                    [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(self.tree / "mkdocs.yml"),
                     "-d", str(staging)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if self.full_build.wait() != 0:
                    return  # killed by a newer edit, or refused: the dirty site stays
                remove_dead_cdn_urls(staging)
                with self.lock:
                    if generation != self.generation:
                        return
                    status = self.site_dir / STATUS_FILE
                    if status.exists():
                        shutil.copyfile(status, staging / STATUS_FILE)
                    old = self.site_dir.with_name(self.site_dir.name + ".old")
                    os.replace(self.site_dir, old)
                    os.replace(staging, self.site_dir)
                    shutil.rmtree(old, ignore_errors=True)
                    self.stale = False
            finally:
                shutil.rmtree(staging, ignore_errors=True)

        self.full_build_timer = threading.Timer(FULL_BUILD_DELAY, full_build)
        self.full_build_timer.daemon = True
        self.full_build_timer.start()

    def _write_status(self, report: Any) -> None:
        """What the preview script shows over the page: nothing, or the problems with file:line."""
        problems = []
        if report is not None:
            for diagnostic in report.errors:
                where = diagnostic.file.name if diagnostic.file else ""
                try:
                    where = diagnostic.file.relative_to(self.curriculum_path).as_posix()
                except (ValueError, AttributeError, TypeError):
                    pass
                if diagnostic.line:
                    where += f":{diagnostic.line}"
                problems.append({"where": where, "message": diagnostic.message, "hint": diagnostic.hint or ""})
        self.site_dir.mkdir(parents=True, exist_ok=True)
        (self.site_dir / STATUS_FILE).write_text(json.dumps({"problems": problems}, ensure_ascii=False),
                                                 encoding="utf-8")


def _check_port_is_free(host: str, port: int) -> None:
    """Before anything is built or announced: the server binds only once it starts serving."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
        try:
            probe.bind((host, port))
        except socket.gaierror:
            raise TrainkitError(f"l'adresse « {host} » est inconnue : gardez « --host 127.0.0.1 », ou donnez "
                                "l'adresse (ou le nom) de cette machine sur le réseau") from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise TrainkitError(f"le port {port} est déjà utilisé par un autre programme : "
                                    f"choisissez-en un autre, par exemple « --port {port + 1} »") from None
            if exc.errno == errno.EADDRNOTAVAIL:
                raise TrainkitError(f"l'adresse « {host} » n'est pas une adresse de cette machine : "
                                    "gardez « --host 127.0.0.1 », ou donnez l'adresse de sa carte réseau") from None
            raise


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    engine: Engine = "mkdocs",
) -> None:
    from mkdocs.livereload import LiveReloadServer

    _check_port_is_free(host, port)
    if audience == "trainer" and not is_loopback(host):
        echo(f"avertissement : l'aperçu du site des formateurs (notes, corrigés) est ouvert à toute machine qui "
             f"atteint {host}:{port} ; pour l'aperçu des stagiaires seulement : « --audience learner »")
    scratch = Path(tempfile.mkdtemp(prefix="trainkit-serve-"))  # the site and its full rebuilds: removed at the end
    site_dir = scratch / "site"
    site_dir.mkdir()
    tree = work_dir / audience
    builder = PreviewBuilder(curriculum_path, audience, tree, site_dir, validate=validate,
                             templates_dir=templates_dir, config_file=config_file, echo=echo, engine=engine)
    # SIGTERM (a closed terminal, `kill`, a CI job ending) stops like Ctrl+C: the temporary site is removed.
    in_main_thread = threading.current_thread() is threading.main_thread()  # only there can signals be handled
    previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt) if in_main_thread else None
    try:
        # MkDocs polls watched folders every 0.5 s; a curriculum is a handful of files, so polling
        # five times as often costs nothing and brings an edit to the screen sooner.
        server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), polling_interval=0.1)
        server.build_delay = 0.05  # a save is one write: no need to wait long for more
        if not builder():
            raise SystemExit(1)
        for path in (curriculum_path, templates_dir, config_file):
            if path is not None and path.exists():
                server.watch(str(path))
        shown = f"[{host}]" if ":" in host else host  # an IPv6 address goes between brackets in a URL
        echo(f"Aperçu ({audience}) sur http://{shown}:{port}/ — Ctrl+C pour arrêter.")
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    except KeyboardInterrupt:
        pass
    finally:
        builder.cancel_full_build(closing=True)
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(scratch, ignore_errors=True)


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt

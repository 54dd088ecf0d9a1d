"""SCORM 1.2 and SCORM 2004 (4th edition) packages: one zip per module and format, for any LMS.

`export_all` is the library entry point (`trainkit export` and `trainkit build` call it through
`trainkit.api.export`); `export_packages` exports one format.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import shutil
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Literal, Sequence

from ...model.curriculum import Curriculum
from ...model.module import Module
from .content import ScormExportError
from .manifest import Format
from .package import SCO_LAYOUTS, PackageBuilder, ScoLayout, write_zip

FORMATS: tuple[Format, ...] = ("scorm12", "scorm2004")

# Below this many sessions to package, starting worker processes costs more than it saves
# (the bundled curriculum: a few dozen sessions, a fraction of a second).
PARALLEL_FROM_SESSIONS = 400

__all__ = ["FORMATS", "SCO_LAYOUTS", "ScormExportError", "export_all", "export_packages", "package_name"]


def package_name(module_id: str, fmt: str) -> str:
    return f"{module_id}-{fmt}.zip"


def export_packages(
    curriculum: Curriculum,
    out_dir: Path,
    fmt: Literal["scorm12", "scorm2004"],
    module_ids: list[str] | None = None,
    templates_dir: Path | None = None,
    sco: ScoLayout = "per-session",
) -> list[Path]:
    """Write `<module-id>-<fmt>.zip` in `out_dir` for each module (all of them by default); see `export_all`."""
    return export_all(curriculum, out_dir, (fmt,), module_ids, templates_dir, sco)


def export_all(
    curriculum: Curriculum,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    module_ids: list[str] | None = None,
    templates_dir: Path | None = None,
    sco: ScoLayout = "per-session",
) -> list[Path]:
    """Write `<module-id>-<fmt>.zip` in `out_dir` for each module and format; the paths, format by format.

    Each module is rendered once for all the formats asked: only the manifest and the SCORM
    version the pages announce differ. A large export spreads the modules over the machine's
    cores (`TRAINKIT_JOBS=1` keeps it in one process); the zips are the same bytes either way.
    The zips are written in a temporary folder inside `out_dir` and moved into place only once
    all of them are complete, so a failure leaves no half-written package.
    Raises `ValueError` (a `ScormExportError`, message in French) for an unknown format or
    module, or content that cannot be packaged.

    `templates_dir`: a folder whose files replace the default ones of the same name
    (sco.html.j2, evaluation.html.j2, document.html.j2, trainkit.css, trainkit-scorm.js); the others stay.

    `sco`: « per-session » (the default) makes one SCO per session and per module evaluation, listed in
    the LMS's table of contents; « single » one SCO for the whole module, with its own table of contents
    and navigation, for LMSs that cannot run a package of many SCOs (module.html.j2).

    Module completion (`completion` in the curriculum): « contenu-vu » (the default) counts
    the module complete once every page of its sessions has been seen; « evaluation-reussie »
    once its final evaluation is passed (see manifest.py and the runtime, trainkit-scorm.js).
    """
    chosen = list(dict.fromkeys(formats))
    unknown = [fmt for fmt in chosen if fmt not in FORMATS]
    if unknown:
        raise ScormExportError(f"format inconnu : « {unknown[0]} » (formats possibles : scorm12, scorm2004)")
    if not chosen:
        raise ScormExportError("aucun format demandé (formats possibles : scorm12, scorm2004)")
    if sco not in SCO_LAYOUTS:
        raise ScormExportError(f"découpage inconnu : « {sco} » (possibles : {', '.join(SCO_LAYOUTS)})")
    modules = _select(curriculum, module_ids)
    builder = PackageBuilder(curriculum, templates_dir, sco)  # a missing templates_dir fails here, before any file
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".trainkit-scorm-", dir=out_dir))
    try:
        jobs = _jobs(modules)
        if jobs > 1:
            _write_in_parallel(curriculum, templates_dir, modules, chosen, staging, sco, jobs)
        else:
            with _collector_skipping_what_exists():
                for module in modules:
                    _write_module(builder, module, chosen, staging)
        written = []
        for fmt in chosen:
            for module in modules:
                name = package_name(module.id, fmt)
                target = out_dir / name
                os.replace(staging / name, target)  # same folder, same file system: atomic
                written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_module(builder: PackageBuilder, module: Module, formats: Iterable[Format], staging: Path) -> None:
    for fmt, files in builder.build(module, formats).items():
        write_zip(staging / package_name(module.id, fmt), files, builder.compressed)


@contextmanager
def _collector_skipping_what_exists() -> Iterator[None]:
    """The curriculum's objects (tens of thousands for a large one) outlive the export, yet the
    garbage collector would walk them again and again as pages are rendered: a tenth of the
    export's time. Frozen, they are left out of its walks until the export ends."""
    if gc.get_freeze_count():  # the application freezes objects itself: leave its choice alone
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _jobs(modules: list[Module]) -> int:
    workers = int(os.environ.get("TRAINKIT_JOBS") or min(os.cpu_count() or 1, 8))
    if workers < 2 or len(modules) < 2 or sum(len(m.sessions) for m in modules) < PARALLEL_FROM_SESSIONS:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # Windows: workers would re-import the caller's script; one process is the safe way there
    return min(workers, len(modules))


# --- the worker processes ------------------------------------------------------------------------

_worker: tuple[PackageBuilder, list[Module], list[Format], Path] | None = None


def _start_worker(
    curriculum: Curriculum, templates_dir: Path | None, modules: list[Module], formats: list[Format], staging: Path,
    sco: ScoLayout,
) -> None:
    global _worker
    _worker = (PackageBuilder(curriculum, templates_dir, sco), modules, formats, staging)
    # This process only exports: what it holds now lives until it ends (see _collector_skipping_what_exists).
    gc.freeze()


def _work(index: int) -> None:
    assert _worker is not None
    builder, modules, formats, staging = _worker
    _write_module(builder, modules[index], formats, staging)


def _write_in_parallel(
    curriculum: Curriculum,
    templates_dir: Path | None,
    modules: list[Module],
    formats: list[Format],
    staging: Path,
    sco: ScoLayout,
    jobs: int,
) -> None:
    # fork shares the curriculum without copying it; with threads running (a test server, a browser
    # driver) forking is unsafe, and forkserver sends each worker the curriculum once instead.
    context = multiprocessing.get_context("forkserver" if threading.active_count() > 1 else "fork")
    # The YAML sources locate validation findings: the packages do not need them.
    lean = dataclasses.replace(curriculum, sources={}, modules=[])
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(lean, templates_dir, modules, formats, staging, sco),
    ) as pool:
        # Small chunks keep both cores busy to the end; each worker writes its zips into the staging folder.
        for _ in pool.map(_work, range(len(modules)), chunksize=2):
            pass


def _select(curriculum: Curriculum, module_ids: list[str] | None) -> list[Module]:
    if module_ids is None:
        return list(curriculum.modules)
    known = {module.id: module for module in curriculum.modules}
    unknown = [module_id for module_id in module_ids if module_id not in known]
    if unknown:
        available = ", ".join(sorted(known)) or "aucun"
        names = ", ".join(f"« {module_id} »" for module_id in unknown)
        raise ScormExportError(
            f"module inconnu : {names} (modules du curriculum : {available})"
            if len(unknown) == 1
            else f"modules inconnus : {names} (modules du curriculum : {available})"
        )
    return [known[module_id] for module_id in dict.fromkeys(module_ids)]

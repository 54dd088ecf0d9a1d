"""Benchmark of the SCORM export on the large synthetic curriculum, evaluations included.

Baseline: writing the very same files (read back from the packages beforehand, so no rendering
is counted) with `zipfile` directly, in one process. The export is timed against it for each
format alone (`trainkit export --format …`) and for both formats in one call (`trainkit build`,
`trainkit.api.export`), in one process (TRAINKIT_JOBS=1) and on every core. Targets (issue 4):
the export within 1.5× of the baseline; a package without media under 300 KB.

    python bench/bench_export.py                 # 200 modules × 100 sessions
    python bench/bench_export.py --modules 20    # quicker
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_synthetic_curriculum  # noqa: E402

from trainkit.api import export, validate  # noqa: E402
from trainkit.audience import learner_module  # noqa: E402
from trainkit.outputs.scorm import FORMATS  # noqa: E402
from trainkit.outputs.scorm.content import ContentRenderer, Documents  # noqa: E402
from trainkit.outputs.scorm.package import PackageBuilder, write_zip  # noqa: E402

SIZE_TARGET = 300 * 1024
RATIO_TARGET = 1.5


def read_packages(packages: list[Path]) -> list[tuple[str, list[tuple[str, bytes]]]]:
    contents = []
    for package in packages:
        with zipfile.ZipFile(package) as archive:
            contents.append((package.name, [(name, archive.read(name)) for name in archive.namelist()]))
    return contents


def plain_zip(contents: list[tuple[str, list[tuple[str, bytes]]]], out: Path) -> float:
    """Seconds to write the files with zipfile alone, in one process (the baseline)."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for name, files in contents:
        with zipfile.ZipFile(out / name, "w", zipfile.ZIP_DEFLATED) as archive:
            for entry, data in files:
                archive.writestr(entry, data)
    return time.perf_counter() - start


def timed_export(curriculum, out: Path, formats: tuple[str, ...], jobs: int | None) -> tuple[float, list[Path]]:
    if jobs is None:
        os.environ.pop("TRAINKIT_JOBS", None)
    else:
        os.environ["TRAINKIT_JOBS"] = str(jobs)
    try:
        start = time.perf_counter()
        packages = export(curriculum, out, formats=formats)
        return time.perf_counter() - start, packages
    finally:
        os.environ.pop("TRAINKIT_JOBS", None)


def breakdown(curriculum, work: Path, repeat: int) -> dict[str, float]:
    """Where a one-process export of both formats spends its time (best of `repeat` runs for each part)."""
    runs = [_breakdown_once(curriculum, work / f"parts-{run}") for run in range(repeat)]
    return {key: min(run[key] for run in runs) for key in runs[0]}


def _breakdown_once(curriculum, work: Path) -> dict[str, float]:
    renderer = ContentRenderer(curriculum.glossary, Documents(curriculum.root))
    start = time.perf_counter()
    for module in curriculum.modules:
        for session in learner_module(module).sessions:
            renderer.pages(session.content, where="", from_file=f"sequences/{session.id}.html")
    markdown = time.perf_counter() - start

    builder = PackageBuilder(curriculum)
    start = time.perf_counter()
    built = [(module.id, builder.build(module, FORMATS)) for module in curriculum.modules]
    files = time.perf_counter() - start

    ours, plain = work / "ours", work / "zipfile"
    ours.mkdir(parents=True)
    plain.mkdir(parents=True)
    start = time.perf_counter()
    for name, packages in built:
        for fmt, content in packages.items():
            write_zip(ours / f"{name}-{fmt}.zip", content)
    zipped = time.perf_counter() - start
    start = time.perf_counter()
    for name, packages in built:
        for fmt, content in packages.items():
            with zipfile.ZipFile(plain / f"{name}-{fmt}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
                for entry, data in content.items():
                    archive.writestr(entry, data)
    return {"markdown": markdown, "files": files, "zip": zipped, "zipfile": time.perf_counter() - start}


def kilobytes(size: float) -> str:
    return f"{size / 1024:.1f} Ko"


def verdict(ratio: float) -> str:
    return "objectif atteint" if ratio <= RATIO_TARGET else "objectif NON atteint"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best is kept")
    args = parser.parse_args()
    cores = int(os.environ.get("TRAINKIT_JOBS") or min(os.cpu_count() or 1, 8))

    with tempfile.TemporaryDirectory(prefix="trainkit-bench-scorm-") as folder:
        work = Path(folder)
        root = write_synthetic_curriculum(work / "curriculum", args.modules, args.sessions)
        start = time.perf_counter()
        validation = validate(root)
        validated = time.perf_counter() - start
        if not validation.ok(strict=True) or validation.curriculum is None:
            print("le curriculum synthétique ne valide pas", file=sys.stderr)
            return 1
        curriculum = validation.curriculum
        sessions = sum(len(m.sessions) for m in curriculum.modules)
        questions = sum(len(e.questions) for m in curriculum.modules for e in m.all_evaluations)
        print(f"Curriculum synthétique : {len(curriculum.modules)} modules, {sessions} séquences, "
              f"{questions} questions d'évaluation (validation : {validated:.2f} s, non comptée)")
        print(f"Machine : {os.cpu_count()} cœurs ; export parallèle sur {cores} processus")
        print()
        print("Référence : écrire les mêmes fichiers (lus à l'avance dans les paquets) avec zipfile, "
              "dans un seul processus.")
        print(f"Objectif : l'export en moins de {RATIO_TARGET}× le temps de la référence.")
        print()

        rows = [(f"{fmt} seul", (fmt,)) for fmt in FORMATS] + [("les deux formats", FORMATS)]
        print(f"  {'':<18}{'référence':>10}   {'trainkit, 1 processus':<22}  trainkit, {cores} processus")
        ratios: dict[str, float] = {}
        sizes: dict[str, list[int]] = {}
        entries: dict[str, int] = {}
        run = 0
        for label, formats in rows:
            best = {"single": float("inf"), "parallel": float("inf"), "plain": float("inf")}
            packages: list[Path] = []
            for _ in range(args.repeat):
                for mode, jobs in (("single", 1), ("parallel", None)):
                    run += 1
                    seconds, packages = timed_export(curriculum, work / f"dist-{run}", formats, jobs)
                    best[mode] = min(best[mode], seconds)
                contents = read_packages(packages)
                run += 1
                best["plain"] = min(best["plain"], plain_zip(contents, work / f"plain-{run}"))
            single, parallel = best["single"] / best["plain"], best["parallel"] / best["plain"]
            ratios[label + " 1"], ratios[label + " n"] = single, parallel
            for fmt in formats:
                ours = [p for p in packages if p.name.endswith(f"-{fmt}.zip")]
                sizes[fmt] = [p.stat().st_size for p in ours]
                entries[fmt] = len(zipfile.ZipFile(ours[0]).namelist())
            one = f"{best['single']:.2f} s ({single:.2f}×)"
            many = f"{best['parallel']:.2f} s ({parallel:.2f}×)"
            print(f"  {label:<18}{best['plain']:>8.2f} s   {one:<22}  {many}")
        print()
        for label, _ in rows:
            print(f"  {label:<18} 1 processus : {verdict(ratios[label + ' 1'])} ; "
                  f"{cores} processus : {verdict(ratios[label + ' n'])}")
        print()
        failed = False
        for fmt in FORMATS:
            failed |= max(sizes[fmt]) >= SIZE_TARGET
            print(f"Taille d'un paquet {fmt} ({entries[fmt]} fichiers) : min {kilobytes(min(sizes[fmt]))}, "
                  f"médiane {kilobytes(statistics.median(sizes[fmt]))}, max {kilobytes(max(sizes[fmt]))} "
                  f"(objectif < {kilobytes(SIZE_TARGET)})")
        print()
        parts = breakdown(curriculum, work, args.repeat)
        print("Décomposition d'un export des deux formats dans un seul processus :")
        print(f"  fichiers des paquets (pages, évaluations, manifestes, documents) : {parts['files']:6.2f} s")
        print(f"    dont rendu Markdown des séquences (une fois pour les deux)     : {parts['markdown']:6.2f} s")
        print(f"  écriture des zips par trainkit                                   : {parts['zip']:6.2f} s")
        print(f"  écriture des mêmes zips par zipfile                              : {parts['zipfile']:6.2f} s "
              f"(écriture reproductible : {parts['zip'] / parts['zipfile']:.2f}×)")
        failed |= ratios["les deux formats n"] > RATIO_TARGET
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

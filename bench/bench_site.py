"""Benchmark: `trainkit build` of one site vs plain `mkdocs build` of the same generated Markdown.

trainkit's own share = (trainkit's total − MkDocs's build) / trainkit's total, target ≤ 15 %.
Both are timed in this process on the same tree; MkDocs is run on a tree trainkit has
already generated, so the difference is exactly what trainkit adds (validation, page
generation, copying, the swap into place).

    python bench/bench_site.py [--modules 200] [--sessions 100] [--audience trainer]

`--engines`: the two engines on the same synthetic tree, each cold (a tree never built, no cache),
warm (built again, nothing changed: Zensical reuses its cache, MkDocs rebuilds everything), then
after one session's text changed (what a second `trainkit build` does after an edit);
MkDocs + Material is the reference of the same run.

    python bench/bench_site.py --engines --modules 20 --sessions 100 --audience learner

`--floor`: what an engine spends whatever trainkit writes. The same tree, every page cut down to its
title and one sentence, built cold with its menu, then with a menu of the home page alone.

    python bench/bench_site.py --floor --only zensical --modules 200 --sessions 100 --audience learner
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import statistics
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_synthetic_curriculum  # noqa: E402

from trainkit import api  # noqa: E402
from trainkit.outputs.site.build import run_engine, run_mkdocs  # noqa: E402
from trainkit.outputs.site.tree import write_tree  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--audience", choices=["learner", "trainer"], default="trainer")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", action="store_true", help="MkDocs + Material et Zensical, à froid et à chaud")
    parser.add_argument("--only", choices=["mkdocs", "zensical"], default=None,
                        help="avec --engines : un seul moteur (la référence vient alors d'une autre exécution)")
    parser.add_argument("--floor", action="store_true", help="le plancher d'un moteur : pages réduites à leur titre")
    args = parser.parse_args()
    if args.floor:
        engine_floor(args)
        return
    if args.engines:
        compare_engines(args)
        return
    own, plain, total = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = write_synthetic_curriculum(Path(tmp) / "curriculum", args.modules, args.sessions)
        for run in range(args.repeat):
            work = Path(tmp) / f"work-{run}"  # a fresh tree each time: every page is written
            site = Path(tmp) / "site"

            started = time.perf_counter()
            result = api.validate(root)
            write_tree(result.curriculum, args.audience, work / args.audience)
            own.append(time.perf_counter() - started)

            started = time.perf_counter()
            run_mkdocs(work / args.audience / "mkdocs.yml", Path(tmp) / "plain")
            plain.append(time.perf_counter() - started)
            shutil.rmtree(Path(tmp) / "plain")

            shutil.rmtree(work)
            started = time.perf_counter()
            built = api.build(root, site_dir=site, work_dir=work, audiences=(args.audience,), config_file=None,
                          packages=False)
            total.append(time.perf_counter() - started)
            assert built.sites, "the synthetic curriculum must build"
        pages = sum(1 for _ in (site / args.audience).rglob("*.html"))
        size = sum(p.stat().st_size for p in (site / args.audience).rglob("*") if p.is_file())

    own_s, plain_s, total_s = (statistics.median(x) for x in (own, plain, total))
    print(f"curriculum : {args.modules} modules, {args.modules * args.sessions} séquences ; site {args.audience} : "
          f"{pages} pages HTML, {size / 1024 / 1024:.0f} Mo (médianes sur {args.repeat} essais)")
    print(f"trainkit build complet                           : {total_s:.1f} s")
    print(f"  dont validation + génération des pages (trainkit) : {own_s:.1f} s")
    print(f"mkdocs build seul, même arbre Markdown           : {plain_s:.1f} s")
    print(f"part propre de trainkit = {own_s:.1f} / ({own_s:.1f} + {plain_s:.1f}) : "
          f"{own_s / (own_s + plain_s):.1%} (cible ≤ 15 %)")


def compare_engines(args: argparse.Namespace) -> None:
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        root = write_synthetic_curriculum(Path(tmp) / "curriculum", args.modules, args.sessions)
        curriculum = api.validate(root).curriculum
        times: dict[str, tuple[float, float, float]] = {}
        pages = 0
        for engine in (args.only,) if args.only else ("mkdocs", "zensical"):
            tree = Path(tmp) / f"tree-{engine}"
            write_tree(curriculum, args.audience, tree, engine=engine)
            runs = []
            # MkDocs keeps no cache: its second build is its first again, measured once on big sites.
            for run in range(1 if engine == "mkdocs" and args.modules * args.sessions > 5000 else 3):
                if run == 2:  # an author's edit: one session's text changes, the rest stays
                    page = next((tree / "docs" / "modules").glob("*/sequences/*.md"))
                    page.write_text(page.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", encoding="utf-8")
                out = Path(tmp) / f"site-{engine}"
                shutil.rmtree(out, ignore_errors=True)
                started = time.perf_counter()
                run_engine(engine, tree / "mkdocs.yml", out)
                runs.append(time.perf_counter() - started)
            pages = sum(1 for _ in out.rglob("*.html"))
            times[engine] = (runs[0], runs[1] if len(runs) > 1 else runs[0], runs[-1])
            labels = ["à froid", "à chaud", "après une séquence modifiée"]
            print(f"{engine} : {', '.join(f'{label} {r:.1f} s' for label, r in zip(labels, runs))}", flush=True)
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if args.only:
        print(f"site {args.audience} : {pages} pages HTML ; mémoire de pointe des processus enfants : {children:.0f} Mo")
        return
    mk_cold, mk_warm, mk_edited = times["mkdocs"]
    z_cold, z_warm, z_edited = times["zensical"]
    print(f"curriculum : {args.modules} modules, {args.modules * args.sessions} séquences ; "
          f"site {args.audience} : {pages} pages HTML")
    print(f"MkDocs + Material : à froid {mk_cold:.1f} s, à chaud {mk_warm:.1f} s (référence)")
    print(f"Zensical 0.0.73   : à froid {z_cold:.1f} s ({z_cold / mk_cold:.2f}×), "
          f"à chaud {z_warm:.1f} s ({z_warm / mk_warm:.2f}×), après une séquence modifiée {z_edited:.1f} s "
          f"({z_edited / mk_edited:.2f}×)")
    print(f"mémoire de pointe du processus Zensical : {children:.0f} Mo")


def engine_floor(args: argparse.Namespace) -> None:
    import re

    engine = args.only or "zensical"
    with tempfile.TemporaryDirectory() as tmp:
        root = write_synthetic_curriculum(Path(tmp) / "curriculum", args.modules, args.sessions)
        tree = Path(tmp) / "tree"
        write_tree(api.validate(root).curriculum, args.audience, tree, engine=engine)
        pages = list((tree / "docs").rglob("*.md"))
        for page in pages:
            title = next((line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# ")),
                         "# Page")
            page.write_text(f"{title}\n\nUne phrase.\n", encoding="utf-8")
        config = tree / "mkdocs.yml"
        full = config.read_text(encoding="utf-8")
        home_only = re.sub(r"\nnav:\n(?:[- ].*\n)*", "\nnav:\n- Accueil: index.md\n", full, count=1)
        for label, text in (("menu du site", full), ("menu réduit à l'accueil", home_only)):
            config.write_text(text, encoding="utf-8")
            out = Path(tmp) / "site"
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(tree / ".cache", ignore_errors=True)  # cold: Zensical keeps its cache beside the tree
            started = time.perf_counter()
            run_engine(engine, config, out)
            print(f"{engine}, {len(pages)} pages d'un titre et d'une phrase, {label}, à froid : "
                  f"{time.perf_counter() - started:.1f} s", flush=True)


if __name__ == "__main__":
    main()

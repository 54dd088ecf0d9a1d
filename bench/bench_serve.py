"""Benchmark: how long `trainkit serve` takes to show a YAML edit (bundled curriculum).

Starts the preview on a copy of the curriculum, saves an edit to a session's content,
and polls the page until the new text is served; ten saves, the median is quoted (target of
issue 11: ≤ 1 s). Baseline, in the same run: what a full rebuild of the preview takes (validate,
write the pages, `mkdocs build`), which is what the preview did on every save before.

    python bench/bench_serve.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = "modules/fondamentaux/sequences/garantie-jeunes-cej-pacea.html"


def fetch(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=2).read().decode("utf-8")
    except OSError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        curriculum = Path(tmp) / "curriculum"
        shutil.copytree(REPO / "curriculum", curriculum)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        process = subprocess.Popen([sys.executable, "-m", "trainkit", "serve", str(curriculum), "--port", str(port),
                                    "--audience", "learner"], cwd=tmp, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/{PAGE}"
        try:
            deadline = time.monotonic() + 120
            while "Garantie" not in fetch(url):
                if time.monotonic() > deadline:
                    raise SystemExit("le serveur d'aperçu n'a pas démarré")
                time.sleep(0.1)
            module = curriculum / "modules" / "fondamentaux.yml"
            delays = []
            for attempt in range(args.repeat):
                marker = f"Ajout numéro {attempt} pendant l'aperçu"
                text = module.read_text(encoding="utf-8")
                anchor = "Le plan de formation cite"
                module.write_text(text.replace(anchor, f"{marker}. {anchor}", 1), encoding="utf-8")
                saved = time.monotonic()
                while marker not in fetch(url):
                    if time.monotonic() - saved > 60:
                        raise SystemExit("l'aperçu ne s'est pas mis à jour")
                    time.sleep(0.05)
                delays.append(time.monotonic() - saved)
                time.sleep(1)
        finally:
            process.terminate()
            process.wait(timeout=10)
        baseline = full_rebuild_seconds(curriculum, Path(tmp) / "baseline")
    median = statistics.median(delays)
    print(f"référence, reconstruction complète de l'aperçu : {baseline:.2f} s (médiane de 3)")
    print(f"trainkit serve, curriculum livré : édition YAML visible après {median:.2f} s "
          f"(médiane de {len(delays)}, min {min(delays):.2f} s, max {max(delays):.2f} s) ; "
          f"×{median / baseline:.2f} la référence ; objectif ≤ 1 s : {'atteint' if median <= 1 else 'NON atteint'}")


def full_rebuild_seconds(curriculum: Path, work: Path) -> float:
    sys.path.insert(0, str(REPO / "src"))
    from trainkit.api import validate
    from trainkit.outputs.site import load_user_config
    from trainkit.outputs.site.build import run_mkdocs
    from trainkit.outputs.site.pages import clear_template_cache
    from trainkit.outputs.site.tree import write_tree

    times = []
    for attempt in range(3):
        clear_template_cache()
        started = time.perf_counter()
        result = validate(curriculum)
        write_tree(result.curriculum, "learner", work / f"tree{attempt}", user=load_user_config(None))
        run_mkdocs(work / f"tree{attempt}" / "mkdocs.yml", work / f"site{attempt}")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    main()

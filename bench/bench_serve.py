"""Benchmark: how long `trainkit serve` takes to show a YAML edit (bundled curriculum).

Starts the preview on a copy of the curriculum, saves an edit to a session's content,
and polls the page until the new text is served; repeated a few times.

    python bench/bench_serve.py [--repeat 5]
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
    parser.add_argument("--repeat", type=int, default=5)
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
    print(f"trainkit serve, curriculum livré : édition YAML visible après {statistics.median(delays):.2f} s "
          f"(médiane de {len(delays)}, min {min(delays):.2f} s, max {max(delays):.2f} s)")


if __name__ == "__main__":
    main()

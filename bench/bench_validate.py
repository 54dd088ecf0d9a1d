"""Benchmark: `trainkit validate` on the large synthetic curriculum vs the bare libyaml parse.

Both run in fresh child processes on the same files, alternately, several times;
the figure is the ratio of medians (same machine, same run), plus peak memory.

    python bench/bench_validate.py [--modules 200] [--sessions 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_synthetic_curriculum  # noqa: E402

# Each child reports (seconds of work, peak RSS in MB). Imports are outside the
# timed part in both, so the ratio compares parsing with parsing + validating.
BARE = """
import json, resource, sys, time
from pathlib import Path
import yaml
t = time.perf_counter()
for path in sorted(Path(sys.argv[1]).rglob("*.yml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
seconds = time.perf_counter() - t
print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""

TRAINKIT = """
import json, resource, sys, time
from trainkit.api import validate
t = time.perf_counter()
result = validate(sys.argv[1])
seconds = time.perf_counter() - t
assert result.ok(strict=True), "the synthetic curriculum must be valid"
print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))
"""

CLI = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(["trainkit", "validate", sys.argv[1]], capture_output=True).returncode
seconds = time.perf_counter() - t
assert code == 0
print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]))
"""


def run(script: str, root: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", script, str(root)],
        check=True, capture_output=True, text=True, env={**os.environ, **(env or {})},
    ).stdout
    seconds, peak = json.loads(out)
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = write_synthetic_curriculum(Path(tmp) / "curriculum", args.modules, args.sessions)
        size = sum(p.stat().st_size for p in root.rglob("*.yml")) / 1024 / 1024
        results: dict[str, list[tuple[float, float]]] = {"bare": [], "trainkit": [], "single": [], "cli": []}
        for _ in range(args.repeat):
            results["bare"].append(run(BARE, root))
            results["trainkit"].append(run(TRAINKIT, root))
            results["single"].append(run(TRAINKIT, root, {"TRAINKIT_JOBS": "1"}))
            results["cli"].append(run(CLI, root))
    median = {k: statistics.median(s for s, _ in v) for k, v in results.items()}
    peak = {k: max(p for _, p in v) for k, v in results.items()}
    print(f"curriculum : {args.modules} modules, {args.modules * args.sessions} séquences, {size:.1f} Mo de YAML")
    print(f"analyse YAML seule (libyaml, CSafeLoader) : {median['bare']:.2f} s, pic {peak['bare']:.0f} Mo")
    print(f"trainkit validate (API, 2 cœurs)          : {median['trainkit']:.2f} s, pic {peak['trainkit']:.0f} Mo (processus principal)")
    print(f"trainkit validate (API, TRAINKIT_JOBS=1)  : {median['single']:.2f} s, pic {peak['single']:.0f} Mo")
    print(f"trainkit validate (commande complète)     : {median['cli']:.2f} s, pic {peak['cli']:.0f} Mo")
    print(f"rapport validation / analyse seule        : {median['trainkit'] / median['bare']:.2f} (cible ≤ 2)")
    print(f"rapport sur un seul cœur                  : {median['single'] / median['bare']:.2f}")


if __name__ == "__main__":
    main()

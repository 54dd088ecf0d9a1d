"""An installed trainkit (a wheel, not this checkout) carries every template, asset and starter file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def test_wheel_carries_every_template_and_asset(tmp_path):
    # setuptools builds inside the source tree: build from a copy.
    source = tmp_path / "source"
    def ignored(folder: str, names: list[str]) -> set[str]:
        top = {".git", "node_modules", "site", "dist", "build", ".pytest_cache"} if Path(folder) == REPO else set()
        return {n for n in names if n in top or n == "__pycache__" or n.endswith(".egg-info")}

    shutil.copytree(REPO, source, symlinks=True, ignore=ignored)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(tmp_path), str(source)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("trainkit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    links = {
        "src/trainkit/templates": "trainkit/templates",
        "src/trainkit/outputs/site/assets": "trainkit/outputs/site/assets",
        "src/trainkit/outputs/site/overrides": "trainkit/outputs/site/overrides",
        "src/trainkit/scaffold/files": "trainkit/scaffold/files",
    }
    missing = []
    for source, packaged in links.items():
        for path in (REPO / source).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                expected = f"{packaged}/{path.relative_to(REPO / source).as_posix()}"
                if expected not in names:
                    missing.append(expected)
    assert missing == []

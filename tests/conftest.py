"""Shared fixtures: a small valid curriculum to break on purpose, and the CLI as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import trainkit
from trainkit.scaffold import scaffold_curriculum

REPO = Path(__file__).resolve().parents[1]
CURRICULUM = REPO / "curriculum"


@dataclass
class Starter:
    """A copy of `trainkit init`'s curriculum in a temporary folder."""

    root: Path

    @property
    def module(self) -> Path:
        return self.root / "modules" / "mon-module.yml"

    def edit(self, relative: str | Path, old: str, new: str, count: int = 1) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def edit_module(self, old: str, new: str, count: int = 1) -> None:
        self.edit(self.module, old, new, count)

    def position_in_module(self, text: str) -> tuple[int, int]:
        """1-based (line, column) where `text` first appears in the module file."""
        for number, line in enumerate(self.module.read_text(encoding="utf-8").splitlines(), start=1):
            if text in line:
                return number, line.index(text) + 1
        raise AssertionError(f"{text!r} not in the module")


@pytest.fixture
def starter(tmp_path: Path) -> Starter:
    root = tmp_path / "curriculum"
    scaffold_curriculum(root, profile="strategie-pauvrete")  # the bundled plan's rules; `generic` has none
    return Starter(root)


@pytest.fixture
def generic(tmp_path: Path) -> Starter:
    """A copy of `trainkit init`'s curriculum without profile: no strategy, free levels."""
    root = tmp_path / "generic"
    scaffold_curriculum(root)
    return Starter(root)


@dataclass
class Run:
    code: int
    out: str
    err: str


def trainkit_env() -> dict[str, str]:
    """The environment for a `python -m trainkit` child: it imports the very trainkit these tests import.

    A relative PYTHONPATH (`PYTHONPATH=src`) means nothing in a child started in another folder,
    which would then run whichever trainkit is installed instead of the one under test.
    """
    source = str(Path(trainkit.__file__).resolve().parents[1])
    inherited = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([source, inherited] if inherited else [source])}


def run_trainkit(*args: str | Path, cwd: Path | None = None) -> Run:
    completed = subprocess.run(
        [sys.executable, "-m", "trainkit", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=trainkit_env(),
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


# Real-browser fixtures (`browser`, `page`) live in tests/browser.py.
from browser import browser, page  # noqa: E402,F401


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def built_site(request, tmp_path_factory):
    """The bundled curriculum's two sites, built by each engine in turn: every site test runs on both."""
    import importlib.util

    from site_support import build_bundled_site

    if request.param == "zensical" and importlib.util.find_spec("zensical") is None:
        pytest.skip("Zensical absent : pip install -e '.[test]' (lancé par `bash scripts/test`)")
    return build_bundled_site(tmp_path_factory.mktemp(f"bundled-site-{request.param}"), engine=request.param)

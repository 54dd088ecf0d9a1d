"""Helpers for the session tests: a copy of the bundled curriculum to edit, and PDFs read with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CURRICULUM

EXAMPLE_SESSION = "2027-01-fondamentaux-paris"


def copy_curriculum(target: Path) -> Path:
    shutil.copytree(CURRICULUM, target, ignore=shutil.ignore_patterns("schemas"))
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def session_file(root: Path, session_id: str = EXAMPLE_SESSION) -> Path:
    return root / "sessions" / f"{session_id}.yml"


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path.name}")


def pdftotext(path: Path, *, layout: bool = True) -> str:
    """The text a reader copies from the PDF (poppler's pdftotext), spaces normalised; `layout=False`
    reads a table cell by cell instead of line by line."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent : installez poppler-utils (bash scripts/test le fait)")
    text = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


def flat(text: str) -> str:
    """pdftotext's lines joined: a phrase broken across lines is found whole."""
    return re.sub(r"\s+", " ", text)


SLOTS = ["J1 matin", "J1 après-midi", "J2 matin", "J2 après-midi", "Intersession 1", "J3 matin", "J3 après-midi",
         "J4 matin", "J4 après-midi"]


def absent_every_half_day(path: Path, name: str) -> None:
    """The example session's attendance rewritten: everyone present, `name` absent, every half-day."""
    head, _, rest = path.read_text(encoding="utf-8").partition("\nattendance:\n")
    attendance = "".join(f'  - {{half_day: {slot}, present: tous, absent: ["{name}"]}}\n' for slot in SLOTS)
    path.write_text(head + "\nattendance:\n" + attendance + "\nresults:\n" + rest.partition("\nresults:\n")[2],
                    encoding="utf-8")

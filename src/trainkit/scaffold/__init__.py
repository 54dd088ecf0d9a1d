"""`trainkit init`: a small, valid curriculum that a training body completes."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..schema import write_schemas


def scaffold_curriculum(directory: Path) -> list[Path]:
    """Copy the starter files into `directory` (existing files are kept) and write the schemas."""
    source = files(__package__) / "files"
    written: list[Path] = []

    def copy(node, target: Path) -> None:
        for child in node.iterdir():
            destination = target / child.name
            if child.is_dir():
                copy(child, destination)
            elif not destination.exists():
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(child.read_bytes())
                written.append(destination)

    copy(source, directory)
    written.extend(write_schemas(directory / "schemas"))
    return written

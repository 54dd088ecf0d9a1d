"""`trainkit init`: a small, valid curriculum that a training body completes."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..schema import write_schemas


def scaffold_curriculum(directory: Path, profile: str | None = None) -> list[Path]:
    """Copy the starter files into `directory` (existing files are kept) and write the schemas.

    Without a profile, a generic curriculum; with one, its own versions of the files come first
    (`profiles/<name>/`)."""
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

    if profile is not None:
        copy(files(__package__) / "profiles" / profile, directory)
    copy(files(__package__) / "files", directory)
    written.extend(write_schemas(directory / "schemas", profile=profile))
    return written

"""Where a curriculum's file references lead: inside the curriculum folder, never out of it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def resource_file_path(root: Path, file: str) -> Path | None:
    """The resource's path if it stays inside `root`; None when it would escape it."""
    relative = PurePosixPath(file.replace("\\", "/"))
    if not relative.parts or relative.is_absolute() or ".." in relative.parts or ":" in relative.parts[0]:
        return None  # empty, absolute, climbing out, or a Windows drive (C:)
    resolved = (root / Path(*relative.parts)).resolve()
    try:
        resolved.relative_to(root.resolve())
    except ValueError:  # a symbolic link pointing outside
        return None
    return resolved

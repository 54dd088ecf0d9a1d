"""Where an output finds its Jinja templates: the training body's first, then trainkit's.

`--templates DIR` mirrors trainkit's own templates/ folder: DIR/site/, DIR/quiz/,
DIR/documents/, DIR/scorm/. A file in DIR itself is also found, for a body that
overrides a single page. Any file a training body provides wins; the rest falls
back to trainkit's defaults, so an override never has to copy everything.
"""

from __future__ import annotations

from pathlib import Path

import jinja2


def override_folders(kind: str, templates_dir: Path | None) -> list[Path]:
    if templates_dir is None:
        return []
    return [folder for folder in (templates_dir / kind, templates_dir) if folder.is_dir()]


def override_loader(kind: str, default_dir: Path, templates_dir: Path | None) -> jinja2.BaseLoader:
    folders = [*override_folders(kind, templates_dir), default_dir]
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(folder)) for folder in folders])

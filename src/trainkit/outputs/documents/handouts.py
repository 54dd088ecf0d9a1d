"""Each handout of the curriculum (a resource written in Markdown) as an A4 PDF, beside its path:
`dist/ressources/grille.pdf` for `ressources/grille.md`. The site puts it next to the handout's page."""

from __future__ import annotations

import re
from pathlib import Path

from ...model.curriculum import Curriculum
from ...render import MarkdownRenderer
from ...views.handouts import handout_paths, printable_name
from .render import base_dir_for, make_environment, render_pdf, write_atomically

_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def write_handouts(curriculum: Curriculum, dist_dir: Path, *, templates_dir: Path | None = None) -> dict[str, Path]:
    """Curriculum-relative path of each Markdown handout → its written PDF."""
    written: dict[str, Path] = {}
    for relative in handout_paths(curriculum):
        path = write_handout(curriculum, relative, dist_dir, templates_dir=templates_dir)
        if path is not None:
            written[relative] = path
    return written


def write_handout(curriculum: Curriculum, relative: str, dist_dir: Path, *,
                  templates_dir: Path | None = None) -> Path | None:
    """One handout (`relative` to the curriculum) as an A4 PDF; None when its file is missing (`validate`
    has said so, and the site says so too)."""
    source = curriculum.root / relative
    if not source.is_file():
        return None
    text = source.read_text(encoding="utf-8")
    heading = _TITLE.search(text)
    title = heading.group(1) if heading else Path(relative).stem.replace("-", " ")
    template = make_environment(templates_dir).get_template("handout.html.j2")
    html = template.render(programme=curriculum.programme, title=title, body=MarkdownRenderer().html(text))
    return write_atomically(dist_dir / printable_name(relative), render_pdf(html, base_dir_for(templates_dir)).pdf)

"""`<module>-programme.pdf` (public) and `<module>-programme-formateur.pdf` (with the competence matrix)."""

from __future__ import annotations

from pathlib import Path

from ...model.curriculum import Curriculum
from ...model.module import Module
from ...model.plan import coverage_of
from .render import Rendered, base_dir_for, make_environment, render_pdf, write_atomically
from ...views.programme import programme_sheet


def programme_path(dist_dir: Path, module: Module, *, trainer: bool = False) -> Path:
    return dist_dir / f"{module.id}-programme{'-formateur' if trainer else ''}.pdf"


def programme_html(
    curriculum: Curriculum, module: Module, *, trainer: bool = False, templates_dir: Path | None = None
) -> str:
    return make_environment(templates_dir).get_template("programme.html.j2").render(
        programme=curriculum.programme,
        sheet=programme_sheet(curriculum, module),
        matrix=coverage_of(module),
        trainer=trainer,
    )


def render_programme(
    curriculum: Curriculum, module: Module, *, trainer: bool = False, templates_dir: Path | None = None
) -> Rendered:
    html = programme_html(curriculum, module, trainer=trainer, templates_dir=templates_dir)
    return render_pdf(html, base_dir_for(templates_dir))


def write_programme(
    curriculum: Curriculum,
    module: Module,
    dist_dir: Path,
    *,
    trainer: bool = False,
    templates_dir: Path | None = None,
) -> tuple[Path, Rendered]:
    rendered = render_programme(curriculum, module, trainer=trainer, templates_dir=templates_dir)
    return write_atomically(programme_path(dist_dir, module, trainer=trainer), rendered.pdf), rendered

"""The trainers' run sheets (« fiches séance »): one A4 page per session.

One render per module gives `<module>-fiches-seance-formateur.pdf` (every session, to print the
whole module) and `fiches-seance/<module>/01-<session>.pdf` (one session, linked from its page on
the trainers' site).
"""

from __future__ import annotations

from pathlib import Path

from ...model.curriculum import Curriculum
from ...model.module import Module
from ...views.run_sheet import RUN_SHEETS_FOLDER, RunSheet, run_sheet_file_name, run_sheets
from ...views.timetable import timetable
from .render import base_dir_for, make_environment, pdf_bytes, render_document, split_by_anchor, write_atomically


def run_sheets_path(dist_dir: Path, module: Module) -> Path:
    return dist_dir / f"{module.id}-fiches-seance-formateur.pdf"


def run_sheet_path(dist_dir: Path, module: Module, number: int) -> Path:
    return dist_dir / RUN_SHEETS_FOLDER / module.id / run_sheet_file_name(number, module.sessions[number - 1])


def _anchor(sheet: RunSheet) -> str:
    return f"fiche-{sheet.session.id}"


def write_run_sheets(curriculum: Curriculum, module: Module, dist_dir: Path, *,
                     templates_dir: Path | None = None) -> list[Path]:
    """The module's file first, then one file per session, in the module's order."""
    sheets = run_sheets(module, timetable(curriculum.programme, module))
    html = make_environment(templates_dir).get_template("fiche-seance.html.j2").render(
        programme=curriculum.programme, module=module, sheets=sheets, anchor=_anchor)
    document, _ = render_document(html, base_dir_for(templates_dir))
    pages = split_by_anchor(document, [_anchor(sheet) for sheet in sheets])
    written = [write_atomically(run_sheets_path(dist_dir, module), pdf_bytes(document))]
    for sheet in sheets:
        written.append(write_atomically(
            run_sheet_path(dist_dir, module, sheet.slot.number),
            pdf_bytes(document, pages[_anchor(sheet)], title=f"Fiche séance — {sheet.session.title}")))
    return written

"""The training body's documents, from the validated curriculum.

One entry point per document, each writing its files atomically under `dist_dir`:

- `write_programme`  → `<module>-programme.pdf`, and `<module>-programme-formateur.pdf`
  (with the competence matrix as an appendix) when `trainer=True`;
- `write_attendance` → `<module>-emargement.pdf`, one page per day in the room;
- `write_matrix`     → `<module>-matrice.csv` (UTF-8 with BOM);
- `write_run_sheets` → `<module>-fiches-seance-formateur.pdf` and `fiches-seance/<module>/01-<session>.pdf`;
- `write_handouts`   → each Markdown handout as an A4 PDF at its own path (`ressources/grille.pdf`).

`build_documents` writes both programmes and the run sheets of every module; `publish_documents`
writes everything `trainkit build` publishes as PDF (those, the handouts and the sessions' documents),
on every core.
Templates are Jinja HTML in `templates/documents/`; a `templates_dir` given by the user
is searched first (its `documents/` subfolder, then itself), file by file.
"""

from __future__ import annotations

from pathlib import Path

from ...model.curriculum import Curriculum
from .attendance import ScheduleError, attendance_path, write_attendance
from .matrix import matrix_csv, matrix_path, write_matrix
from .programme import programme_path, write_programme
from .handouts import write_handout, write_handouts
from .publish import PublishedDocuments, publish_documents
from .render import DocumentError
from .run_sheet import run_sheet_path, run_sheets_path, write_run_sheets

__all__ = [
    "DocumentError",
    "ScheduleError",
    "attendance_path",
    "build_documents",
    "matrix_csv",
    "matrix_path",
    "programme_path",
    "PublishedDocuments",
    "publish_documents",
    "run_sheet_path",
    "run_sheets_path",
    "write_attendance",
    "write_handout",
    "write_handouts",
    "write_matrix",
    "write_programme",
    "write_run_sheets",
]


def build_documents(curriculum: Curriculum, dist_dir: Path, templates_dir: Path | None = None) -> list[Path]:
    """Every module's public programme, then the trainers' programmes and run sheets; the written paths.

    Only the public `<module>-programme.pdf` belongs on the learners' site: the trainers'
    version carries the competence matrix.
    """
    public, trainers = [], []
    for module in curriculum.modules:
        public.append(write_programme(curriculum, module, dist_dir, templates_dir=templates_dir)[0])
        trainers.append(write_programme(curriculum, module, dist_dir, trainer=True, templates_dir=templates_dir)[0])
    for module in curriculum.modules:
        trainers += write_run_sheets(curriculum, module, dist_dir, templates_dir=templates_dir)
    return public + trainers

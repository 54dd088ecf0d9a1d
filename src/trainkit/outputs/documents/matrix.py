"""`<module>-matrice.csv`: the competence × objective × session matrix for a spreadsheet.

UTF-8 with a BOM and `;` as separator: what a French spreadsheet (Excel, LibreOffice)
opens correctly with a double click. One row per objective, one column per session.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ...model.module import Module
from ...model.plan import coverage_of, plan_of
from .render import write_atomically

BOM = "\ufeff"
COVERED = "X"


def matrix_rows(module: Module) -> list[list[str]]:
    matrix = coverage_of(module)
    plan = plan_of(module)
    header = ["Compétence (id)", "Compétence", "Objectif (id)", "Objectif", "Niveau de Bloom"]
    header += [f"S{i} — {plan.position_of(s)} — {s.title}" for i, s in enumerate(matrix.sessions, start=1)]
    header.append("Nombre de séquences")
    rows = [header]
    for row in matrix.rows:
        count = sum(row.covered_by)
        rows.append(
            [row.competence.id, row.competence.title, row.objective.id, row.objective.text, row.objective.bloom or ""]
            + [COVERED if covered else "" for covered in row.covered_by]
            + [str(count)]
        )
    return rows


def matrix_csv(module: Module) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(matrix_rows(module))
    return BOM + buffer.getvalue()


def matrix_path(dist_dir: Path, module: Module) -> Path:
    return dist_dir / f"{module.id}-matrice.csv"


def write_matrix(module: Module, dist_dir: Path) -> Path:
    return write_atomically(matrix_path(dist_dir, module), matrix_csv(module).encode("utf-8"))

"""`bpf-<year>.csv`: the cadre F figures of the bilan pédagogique et financier, line by line as the cerfa
10443 names them, to copy into Mon Activité Formation (UTF-8 with BOM, « ; », hours with a decimal comma)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ...model.curriculum import Curriculum
from ...model.delivery import CATEGORY_LABELS
from ...model.offer import format_number
from ...views.bpf import F1_LINES, F3_LINES, BpfFigures, Tally, bpf_figures
from .render import write_atomically


def bpf_path(dist_dir: Path, year: int) -> Path:
    return dist_dir / f"bpf-{year}.csv"


def _hours(tally: Tally) -> str:
    return format_number(round(tally.minutes / 60, 2)).replace("\u00a0", "")


def bpf_rows(figures: BpfFigures) -> list[list[str]]:
    rows = [["cadre", "ligne", "libellé", "nombre de stagiaires", "nombre total d'heures de formation suivies"]]
    for letter, key in F1_LINES:
        tally = figures.by_category[key]
        rows.append(["F-1", letter, CATEGORY_LABELS[key], str(tally.learners), _hours(tally)])
    rows.append(["F-1", "total (1)", "Total (a + b + c + d + e)", str(figures.total.learners), _hours(figures.total)])
    rows.append(["F-1", "dont", "dont stagiaires et apprentis ayant suivi une action en tout ou partie à distance",
                 str(figures.distance.learners), _hours(figures.distance)])
    for letter, key, label in F3_LINES:
        tally = figures.by_objective[key]
        rows.append(["F-3", letter, label, str(tally.learners), _hours(tally)])
    rows.append(["F-3", "total (3)", "Total", str(figures.total.learners), _hours(figures.total)])
    for specialty, tally in sorted(figures.by_specialty.items(), key=lambda item: -item[1].minutes):
        rows.append(["F-4", "", specialty, str(tally.learners), _hours(tally)])
    rows.append(["F-4", "total (4)", "Total", str(figures.total.learners), _hours(figures.total)])
    return rows


def write_bpf(curriculum: Curriculum, year: int, dist_dir: Path) -> tuple[Path, BpfFigures]:
    figures = bpf_figures(curriculum, year)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(bpf_rows(figures))
    return write_atomically(bpf_path(dist_dir, year), ("\ufeff" + buffer.getvalue()).encode("utf-8")), figures

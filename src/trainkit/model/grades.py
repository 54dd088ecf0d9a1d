"""Evaluation results imported from Moodle's gradebook export (« Notes › Exporter › Fichier texte »).

The export has one row per enrolled user (Prénom, Nom, …, Adresse de courriel) and one column
per grade item, named « <activité> : <nom> (Réel) » — « (Real) » in English, « (Pourcentage) »
when the percentage is exported. A row is matched to a participant by email, else by name; a
grade « - » means not attempted.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..load.tables import Table, read_table, table_error
from .delivery import MoodleGrades, Participant, name_key

GRADE_SUFFIX = re.compile(r"\((real|réel|reel|percentage|pourcentage)\)\s*$", re.IGNORECASE)


def _grade_column(table: Table, grades: MoodleGrades, path: Path) -> int:
    if grades.column is not None:
        index = table.column(grades.column)
        if index is None:
            raise table_error(path, table.header_line, "moodle-colonne-absente",
                              f"la colonne « {grades.column} » n'est pas dans l'export (colonnes : "
                              f"{', '.join(f'« {h} »' for h in table.header)})",
                              "recopiez le nom exact de la colonne de la note dans `column`")
        return index
    candidates = [i for i, h in enumerate(table.header) if GRADE_SUFFIX.search(h)]
    if len(candidates) != 1:
        found = ", ".join(f"« {table.header[i]} »" for i in candidates) or "aucune"
        raise table_error(path, table.header_line, "moodle-colonne-ambigue",
                          f"l'export a {len(candidates)} colonnes de notes ({found}) : laquelle est l'évaluation ?",
                          "ajoutez `column:` avec le nom de la colonne sous `moodle:`")
    return candidates[0]


def _number(text: str) -> float | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("%", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def moodle_scores(grades: MoodleGrades, session_file: Path, people: list[Participant]
                  ) -> tuple[dict[str, float], list[Diagnostic]]:
    """Participant name → score in %, and notes (unknown users, missing grades). Raises TableError."""
    path = (session_file.parent / grades.file)
    table = read_table(path, "l'export des notes de Moodle")
    notes = list(table.notes)
    email_col = table.column("adresse de courriel", "email address", "email", "courriel")
    first_col, last_col = table.column("prénom", "first name"), table.column("nom", "last name", "surname")
    if email_col is None and (first_col is None or last_col is None):
        raise table_error(path, table.header_line, "moodle-colonnes",
                          "l'export n'a ni colonne d'adresse de courriel, ni colonnes Prénom et Nom",
                          "dans Moodle, exportez les notes avec les champs d'identification par défaut")
    grade_col = _grade_column(table, grades, path)
    percent = "pourcentage" in table.header[grade_col].lower() or "percentage" in table.header[grade_col].lower()
    by_email = {p.email.lower(): p for p in people if p.email}
    by_name = {name_key(p.name): p for p in people}
    scores: dict[str, float] = {}
    for line, cells in table.rows:
        cell = lambda index: cells[index] if index is not None and index < len(cells) else ""  # noqa: E731
        person = by_email.get(cell(email_col).lower()) if cell(email_col) else None
        if person is None and first_col is not None and last_col is not None:
            person = by_name.get(name_key(f"{cell(first_col)} {cell(last_col)}"))
        if person is None:
            who = cell(email_col) or f"{cell(first_col)} {cell(last_col)}".strip()
            notes.append(Diagnostic(Severity.WARNING, "moodle-inconnu",
                                    f"ligne {line} : « {who} » n'est pas un participant de la session : ligne ignorée",
                                    file=path, line=line, column=1,
                                    hint="une personne inscrite au cours sans être de cette session (formateur, test)"))
            continue
        raw = cell(grade_col)
        if raw in ("", "-"):
            continue  # not attempted: no result, said by the attestation
        value = _number(raw)
        if value is None or value < 0 or (not percent and value > grades.out_of) or (percent and value > 100):
            raise table_error(path, line, "moodle-note-invalide",
                              f"ligne {line} : note « {raw} » illisible ou hors de 0 à "
                              f"{'100 %' if percent else format(grades.out_of, 'g')}",
                              "vérifiez `out_of` (la note maximale de l'activité dans Moodle)")
        scores[person.name] = round(value if percent else value * 100 / grades.out_of, 2)
    return scores, notes

"""The participants of a session from the CSV a spreadsheet exports.

Columns (header line, any order, case and accents ignored): `nom`, `prénom`, and optionally
`email` (or `courriel`), `structure` (or `employeur`, `établissement`), `financeur` (a buyer's
`id`) and `catégorie` (BPF). Other columns are ignored.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..load.tables import Table, read_table, table_error
from .delivery import Participant

COLUMNS: dict[str, tuple[str, ...]] = {
    "last_name": ("nom", "nom de famille", "last name", "surname"),
    "first_name": ("prénom", "first name"),
    "email": ("email", "e-mail", "courriel", "adresse électronique", "adresse de courriel", "mail"),
    "employer": ("structure", "employeur", "établissement", "organisme", "institution"),
    "buyer": ("financeur", "buyer"),
    "category": ("catégorie", "category"),
}
REQUIRED = {"last_name": "nom", "first_name": "prénom"}


def read_participants(path: Path) -> tuple[list[Participant], Table]:
    """Every participant of the file, in its order, and the table read (its notes, its lines)."""
    table = read_table(path, "la liste des participants")
    columns = {field: table.column(*names) for field, names in COLUMNS.items()}
    missing = [label for field, label in REQUIRED.items() if columns[field] is None]
    if missing:
        found = ", ".join(f"« {h} »" for h in table.header if h) or "aucune"
        plural = "s" if len(missing) > 1 else ""
        raise table_error(path, table.header_line, "csv-colonnes",
                          f"ligne {table.header_line} : colonne{plural} manquante{plural} : {', '.join(missing)} "
                          f"(colonnes trouvées : {found})",
                          "la première ligne doit nommer les colonnes, par exemple « nom;prénom;structure »")
    people: list[Participant] = []
    for line, cells in table.rows:
        values = {field: cells[index] if index is not None and index < len(cells) else ""
                  for field, index in columns.items()}
        empty = [label for field, label in REQUIRED.items() if not values[field]]
        if empty:
            raise table_error(path, line, "csv-valeur-manquante",
                              f"ligne {line} : {' et '.join(empty)} manquant{'s' if len(empty) > 1 else ''}",
                              "complétez la ligne, ou supprimez-la")
        try:
            people.append(Participant(**{k: v for k, v in values.items() if v}))
        except ValidationError as exc:
            problem = exc.errors(include_url=False)[0]
            column = str(problem["loc"][0]) if problem["loc"] else ""
            label = COLUMNS.get(column, (column,))[0]
            raise table_error(path, line, "csv-valeur-invalide",
                              f"ligne {line}, colonne « {label} » : valeur « {values.get(column, '')} » refusée",
                              _hint(column)) from None
    if not people:
        raise table_error(path, table.header_line, "csv-sans-participant", "le fichier ne contient aucun participant",
                          "ajoutez une ligne par participant sous la ligne des colonnes")
    return people, table


def _hint(column: str) -> str:
    return {
        "email": "une adresse de la forme prenom.nom@exemple.fr",
        "buyer": "l'identifiant d'un financeur du fichier de session (`buyers`), en minuscules, par exemple « cd93 »",
        "category": "salarie-prive, apprenti, demandeur-emploi, particulier ou autre",
    }.get(column, "corrigez la valeur")

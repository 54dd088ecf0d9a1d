"""The participants of a session, from the CSV a spreadsheet exports.

Expected columns (header line, any order, case and accents ignored): `nom`, `prénom`,
and optionally `structure` (or `employeur`, `établissement`, `organisme`). Other columns
are ignored. Separator `;` (French spreadsheets), `,` or tab; UTF-8, with or without BOM.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ...errors import TrainkitError as InputError
from ...diagnostics import Diagnostic, Severity

MAX_BYTES = 2 * 1024 * 1024  # a participants list is a few kilobytes; anything larger is the wrong file

COLUMN_ALIASES = {
    "nom": "last_name",
    "nomdefamille": "last_name",
    "prenom": "first_name",
    "structure": "organisation",
    "employeur": "organisation",
    "etablissement": "organisation",
    "organisme": "organisation",
}
REQUIRED = {"last_name": "nom", "first_name": "prénom"}


@dataclass(frozen=True)
class Participant:
    last_name: str
    first_name: str
    organisation: str = ""


def _key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in text if ch.isalnum())


def _error(path: Path, line: int, code: str, message: str, hint: str) -> InputError:
    return InputError(
        f"la liste des participants « {path.name} » est inutilisable",
        [Diagnostic(Severity.ERROR, code, message, file=path, line=line, column=1, hint=hint)],
    )


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(
            path, line, "csv-encodage",
            f"ligne {line} : caractères illisibles, le fichier n'est pas encodé en UTF-8",
            "dans le tableur, enregistrez le fichier au format « CSV UTF-8 »",
        ) from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def read_participants(path: Path) -> list[Participant]:
    """Every participant of the file, in its order; an InputError naming the line otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"impossible de lire la liste des participants « {path} » : {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise _error(path, 1, "csv-trop-gros", f"le fichier pèse {len(raw) // 1024} Ko : ce n'est pas une liste de participants",
                     "vérifiez le fichier passé à --participants")
    text = _decode(raw, path)
    if not text.strip():
        raise _error(path, 1, "csv-vide", "le fichier est vide",
                     "la première ligne nomme les colonnes (nom;prénom;structure), puis une ligne par participant")
    first_line = text.lstrip("\r\n").splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    header: list[str] | None = None
    columns: dict[str, int] = {}
    participants: list[Participant] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank lines, often left at the end by spreadsheets
        if header is None:
            header = row
            for index, name in enumerate(row):
                field = COLUMN_ALIASES.get(_key(name))
                if field is not None and field not in columns:
                    columns[field] = index
            missing = [label for field, label in REQUIRED.items() if field not in columns]
            if missing:
                found = ", ".join(f"« {h.strip()} »" for h in row if h.strip()) or "aucune"
                raise _error(
                    path, line, "csv-colonnes",
                    f"ligne {line} : colonne{'s' if len(missing) > 1 else ''} manquante{'s' if len(missing) > 1 else ''} : "
                    f"{', '.join(missing)} (colonnes trouvées : {found})",
                    "la première ligne doit nommer les colonnes, par exemple « nom;prénom;structure »",
                )
            continue
        if len(row) > len(header):
            raise _error(path, line, "csv-colonnes-en-trop",
                         f"ligne {line} : {len(row)} valeurs pour {len(header)} colonnes",
                         "une valeur contient sans doute le séparateur : mettez-la entre guillemets")
        values = {field: (row[index].strip() if index < len(row) else "") for field, index in columns.items()}
        empty = [label for field, label in REQUIRED.items() if not values[field]]
        if empty:
            raise _error(path, line, "csv-valeur-manquante",
                         f"ligne {line} : {' et '.join(empty)} manquant{'s' if len(empty) > 1 else ''}",
                         "complétez la ligne, ou supprimez-la")
        participants.append(Participant(values["last_name"], values["first_name"], values.get("organisation", "")))
    if not participants:
        raise _error(path, 1, "csv-sans-participant", "le fichier ne contient aucun participant",
                     "ajoutez une ligne par participant sous la ligne des colonnes")
    return participants

"""CSV files as people save them: from Excel, LibreOffice or an LMS export.

UTF-8 with or without BOM, UTF-16 (Excel's « texte Unicode »), else Windows-1252 (French
Excel's « CSV (séparateur : point-virgule) »), read with a note; separator `;`, `,` or tab,
detected from the header line. Each row keeps its line number for messages.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..errors import TrainkitError

MAX_BYTES = 2 * 1024 * 1024  # a list of people or grades is a few kilobytes; anything larger is the wrong file


@dataclass
class Table:
    file: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line, cells), blank lines left out
    notes: list[Diagnostic] = field(default_factory=list)
    header_line: int = 1

    def column(self, *names: str) -> int | None:
        """The index of the first header matching one of `names` (case, accents and punctuation ignored)."""
        keys = [column_key(h) for h in self.header]
        for name in names:
            wanted = column_key(name)
            if wanted in keys:
                return keys.index(wanted)
        return None


class TableError(TrainkitError):
    """A CSV file that cannot be read; its diagnostic names the file and the line."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(f"le fichier « {diagnostic.file.name if diagnostic.file else ''} » est inutilisable", [diagnostic])
        self.diagnostic = diagnostic


def column_key(header: str) -> str:
    text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in text if ch.isalnum())


def table_error(path: Path, line: int, code: str, message: str, hint: str) -> TableError:
    return TableError(Diagnostic(Severity.ERROR, code, message, file=path, line=line, column=1, hint=hint))


def _decode(raw: bytes, path: Path) -> tuple[str, list[Diagnostic]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    note = Diagnostic(
        Severity.WARNING, "csv-windows-1252",
        f"le fichier n'est pas en UTF-8 (premier caractère non UTF-8 ligne {line}) : lu comme un CSV Windows-1252 "
        "d'Excel ; vérifiez les accents des noms dans les documents",
        file=path, line=line, column=1,
        hint="pour lever le doute, enregistrez-le au format « CSV UTF-8 » dans le tableur",
    )
    return text, [note]


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def read_table(path: Path, what: str) -> Table:
    """The file's header and rows; a TableError naming the line when it cannot be read. `what`: « la liste
    des participants », for messages."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = ("le fichier n'existe pas" if isinstance(exc, FileNotFoundError) else
                  "accès refusé" if isinstance(exc, PermissionError) else
                  "c'est un dossier" if isinstance(exc, IsADirectoryError) else f"erreur du système (errno {exc.errno})")
        raise table_error(path, 1, "csv-illisible", f"impossible de lire {what} « {path} » : {reason}",
                          "vérifiez le chemin du fichier, relatif au fichier qui le cite") from None
    if len(raw) > MAX_BYTES:
        raise table_error(path, 1, "csv-trop-gros", f"le fichier pèse {len(raw) // 1024} Ko : ce n'est pas {what}",
                          "vérifiez le nom du fichier")
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise table_error(path, line, "csv-binaire", f"ligne {line} : caractère nul, ce n'est pas un fichier CSV",
                          "dans le tableur, « Enregistrer sous… » au format CSV")
    text, notes = _decode(raw, path)
    if not text.strip():
        raise table_error(path, 1, "csv-vide", "le fichier est vide",
                          "la première ligne nomme les colonnes, puis une ligne par personne")
    lines = text.splitlines()
    first = next(index for index, line in enumerate(lines) if line.strip())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[first]))
    header: list[str] | None = None
    header_line = 1
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # blank lines, often left at the end by spreadsheets
            if header is None:
                header, header_line = [cell.strip() for cell in row], reader.line_num
                continue
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                raise table_error(path, reader.line_num, "csv-colonnes-en-trop",
                                  f"ligne {reader.line_num} : {len(row)} valeurs pour {len(header)} colonnes",
                                  "une valeur contient sans doute le séparateur : mettez-la entre guillemets")
            rows.append((reader.line_num, [cell.strip() for cell in row]))
    except csv.Error as exc:
        raise table_error(path, reader.line_num, "csv-syntaxe", f"ligne {reader.line_num} : {exc}",
                          "un guillemet n'est sans doute pas refermé") from None
    return Table(path, header or [], rows, notes, header_line)

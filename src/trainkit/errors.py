"""The one error type the library raises for the user: a French message, and located findings.

The CLI prints it and exits 1. Problems of the environment (a folder that cannot be written, a
full disk, a busy port) become a `TrainkitError` naming the path and what to do
(`environment_error`), never an « Erreur interne ».
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
from collections.abc import Iterator
from typing import Any


class TrainkitError(Exception):
    """A problem the user can fix; `str(error)` is the message, `diagnostics` the located findings."""

    def __init__(self, message: str, diagnostics: list[Any] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics or [])


def environment_error(exc: OSError, doing: str = "écrire les fichiers") -> TrainkitError:
    """An operating-system error as a French message naming the path and the fix."""
    path = exc.filename or ""
    where = f" « {path} »" if path else ""
    code = exc.errno
    doing = ("d'" if doing[:1].lower() in "aâeéèêiîoôuh" else "de ") + doing  # « d'écrire », « de lancer »
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        message = (f"impossible {doing} : pas le droit d'écrire dans{where}. "
                   "Choisissez un dossier où vous pouvez écrire (option --out) ou changez ses droits")
    elif code in (errno.ENOSPC, errno.EDQUOT):
        message = (f"impossible {doing} : le disque est plein{(' (' + path + ')') if path else ''}. "
                   "Libérez de la place puis relancez ; rien n'a été remplacé")
    elif code == errno.ENOTDIR:
        message = (f"impossible {doing} :{where} contient un fichier là où il faut un dossier. "
                   "Déplacez ce fichier ou choisissez un autre dossier")
    elif code == errno.EISDIR:
        message = f"impossible {doing} :{where} est un dossier là où il faut un fichier. Renommez-le"
    elif code == errno.EEXIST:
        message = f"impossible {doing} :{where} existe déjà et n'est pas un dossier. Déplacez-le"
    elif code == errno.EADDRINUSE:
        message = "le port est déjà utilisé par un autre programme : choisissez-en un autre avec --port"
    elif code == errno.ENOENT:
        message = f"impossible {doing} :{where} n'existe pas"
    else:
        message = f"impossible {doing}{where} : {exc.strerror or exc}"
    return TrainkitError(message)


@contextmanager
def environment_errors(doing: str = "écrire les fichiers") -> Iterator[None]:
    """Turn the operating system's errors raised inside the block into `TrainkitError`."""
    try:
        yield
    except TrainkitError:
        raise
    except OSError as exc:
        raise environment_error(exc, doing) from None

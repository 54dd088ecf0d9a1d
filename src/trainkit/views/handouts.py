"""The curriculum's handouts (resources written in Markdown): each one a page on the site and an
A4 PDF, both found at the handout's own path (`ressources/x.md` → `ressources/x.html`, `ressources/x.pdf`)."""

from __future__ import annotations

import posixpath

from ..model.curriculum import Curriculum
from ..model.module import Resource


def resource_path(resource: Resource) -> str:
    """A resource file's curriculum-relative POSIX path, as authors may write it (`ressources\\x.md`, `./x.md`)."""
    assert resource.file is not None
    return posixpath.normpath(resource.file.replace("\\", "/"))


def handout_paths(curriculum: Curriculum) -> list[str]:
    """Curriculum-relative POSIX paths of every Markdown handout, once each, in the modules' order."""
    found: dict[str, None] = {}
    for module in curriculum.modules:
        for session in module.sessions:
            for resource in session.resources:
                if resource.file is not None and resource_path(resource).endswith(".md"):
                    found.setdefault(resource_path(resource))
    return list(found)


def printable_name(relative: str) -> str:
    """The handout's PDF, beside it: `ressources/grille.md` → `ressources/grille.pdf`."""
    return relative[:-3] + ".pdf"

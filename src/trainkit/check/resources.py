"""Resources point at a web page, or at a file that exists inside the curriculum folder."""

from __future__ import annotations

import difflib
from typing import Iterator

from ..load.paths import resource_file_path
from ..diagnostics import Diagnostic
from ..model.curriculum import Curriculum


def resources_are_reachable(curriculum: Curriculum) -> Iterator[Diagnostic]:
    root = curriculum.root
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for i, session in enumerate(module.sessions):
            for j, resource in enumerate(session.resources):
                here = ("sessions", i, "resources", j)
                if (resource.url is None) == (resource.file is None):
                    yield source.diagnostic(
                        here, "ressource",
                        f"la ressource « {resource.title} » doit avoir soit `url`, soit `file` (un seul des deux)",
                        hint="`url: https://…` pour un lien, `file: ressources/….pdf` pour un document fourni")
                    continue
                if resource.url is not None:
                    if not resource.url.startswith(("https://", "http://")):
                        yield source.diagnostic(
                            here + ("url",), "ressource-url",
                            f"l'adresse « {resource.url} » n'est pas une adresse web",
                            hint="écrivez l'adresse complète, qui commence par https://")
                    continue
                assert resource.file is not None
                path = resource_file_path(root, resource.file)
                if path is None:
                    yield source.diagnostic(
                        here + ("file",), "ressource-hors-curriculum",
                        f"le fichier « {resource.file} » est hors du dossier du curriculum : il ne serait ni publié ni empaqueté",
                        hint="copiez le fichier dans le dossier ressources/ du curriculum et indiquez un chemin relatif, sans « .. »")
                elif not path.is_file():
                    siblings = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
                    close = difflib.get_close_matches(path.name, siblings, n=1, cutoff=0.6)
                    yield source.diagnostic(
                        here + ("file",), "ressource-absente",
                        f"le fichier « {resource.file} » n'existe pas",
                        hint=(f"vouliez-vous dire « {close[0]} » ? " if close else "")
                        + "le chemin est relatif au dossier du curriculum")

"""Every competence has objectives, and every objective is worked on in some session."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic
from ..model.curriculum import Curriculum


def competences_have_objectives(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for i, competence in enumerate(module.competences):
            if not competence.objectives:
                yield source.diagnostic(
                    ("competences", i),
                    "competence-sans-objectif",
                    f"la compétence `{competence.id}` n'a aucun objectif pédagogique",
                    hint="ajoutez `objectives:` avec au moins un objectif observable (Qualiopi, indicateur 5)",
                )


def objectives_are_covered(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        covered = {ref for session in module.sessions for ref in session.objectives}
        for i, competence in enumerate(module.competences):
            for j, objective in enumerate(competence.objectives):
                if objective.id not in covered:
                    yield source.diagnostic(
                        ("competences", i, "objectives", j),
                        "objectif-non-couvert",
                        f"l'objectif `{objective.id}` n'est travaillé dans aucune séquence",
                        hint=f"ajoutez `{objective.id}` à la liste `objectives` d'une séquence",
                    )

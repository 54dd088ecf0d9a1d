"""Objectives are written as observable behaviours (Qualiopi indicator 5: evaluable objectives)."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model.curriculum import Curriculum

# Opening words that name a state of mind nobody can observe, and what to write instead.
NON_OBSERVABLE: list[tuple[str, str]] = [
    ("être sensibilisé", "« repérer », « citer » ou « identifier »"),
    ("être sensibilisée", "« repérer », « citer » ou « identifier »"),
    ("être capable de", "le verbe d'action lui-même"),
    ("prendre conscience", "« repérer » ou « expliquer »"),
    ("avoir une vision", "« présenter » ou « décrire »"),
    ("connaître", "« identifier », « citer » ou « décrire »"),
    ("connaitre", "« identifier », « citer » ou « décrire »"),
    ("comprendre", "« expliquer », « reformuler » ou « illustrer par un exemple »"),
    ("maîtriser", "« appliquer », « utiliser » ou « mettre en œuvre »"),
    ("maitriser", "« appliquer », « utiliser » ou « mettre en œuvre »"),
    ("appréhender", "« analyser » ou « caractériser »"),
    ("découvrir", "« décrire » ou « présenter »"),
    ("s'approprier", "« utiliser » ou « appliquer »"),
    ("s’approprier", "« utiliser » ou « appliquer »"),
]

_SAVOIR = re.compile(r"^savoir\s+(\S+)", re.IGNORECASE)


def observable_alternative(text: str) -> tuple[str, str] | None:
    """(the non-observable opening, what to write instead), or None when the verb is fine."""
    lowered = text.strip().lower()
    match = _SAVOIR.match(lowered)
    if match:
        return "savoir", f"« {match.group(1)} » directement (« savoir {match.group(1)} » → « {match.group(1)} »)"
    for opening, alternative in NON_OBSERVABLE:
        if lowered.startswith(opening):
            return opening, alternative
    return None


def objectives_are_observable(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for i, competence in enumerate(module.competences):
            for j, objective in enumerate(competence.objectives):
                found = observable_alternative(objective.text)
                if found:
                    opening, alternative = found
                    yield source.diagnostic(
                        ("competences", i, "objectives", j, "text"),
                        "objectif-non-observable",
                        f"l'objectif `{objective.id}` commence par « {opening} », qui ne décrit pas un comportement observable",
                        hint=f"commencez par un verbe d'action : {alternative}",
                        severity=Severity.WARNING,
                    )

"""What the curriculum's profile (`programme.yml` › `profile`) adds: a strategy framing, fixed levels.

The opening session, the expert's prerequisite and the length limit are checked beside the generic
rules they tighten (`schedule.py`, `references.py`)."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model.curriculum import Curriculum
from ..model.profiles import profile_of


def programme_has_the_profiles_strategy(curriculum: Curriculum) -> Iterator[Diagnostic]:
    profile = profile_of(curriculum.programme.profile)
    if profile.requires_strategy and curriculum.programme.strategy is None:
        yield curriculum.programme_source.diagnostic(
            ("profile",), "strategie-manquante",
            f"le profil `{profile.name}` demande la stratégie que chaque module présente en ouverture : "
            "la clé `strategy` manque",
            hint="ajoutez `strategy:` (title, summary, engagements, levers), ou retirez `profile:` pour un curriculum "
            "sans stratégie nationale", at_key=True)


def levels_follow_the_profile(curriculum: Curriculum) -> Iterator[Diagnostic]:
    profile = profile_of(curriculum.programme.profile)
    if not profile.levels:
        return
    allowed = " ou ".join(f"« {level} »" for level in profile.levels)
    for module in curriculum.modules:
        if module.level in profile.levels:
            continue
        source = curriculum.module_source(module)
        if module.level is None:
            yield source.diagnostic((), "niveau-profil", f"le profil `{profile.name}` demande un niveau : {allowed}",
                                    hint=f"ajoutez `level: {profile.levels[0]}`")
        else:
            yield source.diagnostic(("level",), "niveau-profil",
                                    f"« {module.level} » n'est pas un niveau du profil `{profile.name}` : {allowed}",
                                    hint="choisissez l'un de ces niveaux, ou retirez `profile:` de programme.yml pour "
                                    "des niveaux libres")


def presented_strategy_exists(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """A session marked as presenting the strategy shows `programme.yml` › `strategy`: without one, it
    would show nothing and nobody would know why."""
    if curriculum.programme.strategy is not None:
        return
    for module in curriculum.modules:
        for index, session in enumerate(module.sessions):
            if session.presents_strategy:
                yield curriculum.module_source(module).diagnostic(
                    ("sessions", index, "presents_strategy"), "strategie-absente",
                    f"la séquence `{session.id}` présente la stratégie, mais `programme.yml` n'en a pas : "
                    "ni le site ni les paquets n'ont rien à y montrer",
                    hint="ajoutez `strategy:` (title, summary, engagements, levers) à programme.yml, "
                    "ou retirez `presents_strategy: true`", severity=Severity.WARNING, at_key=True)

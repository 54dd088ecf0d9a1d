"""References between things: sessions → objectives, modules → prerequisite modules."""

from __future__ import annotations

import difflib
from typing import Iterator

from ..diagnostics import Diagnostic
from ..model.curriculum import Curriculum
from ..model.profiles import profile_of


def _did_you_mean(value: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    if close:
        return f"vouliez-vous dire `{close[0]}` ?"
    if not candidates:
        return "aucun identifiant de ce type n'est encore défini"
    return "identifiants possibles : " + ", ".join(f"`{c}`" for c in candidates)


def session_objectives_exist(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        known = list(module.objective_ids())
        source = curriculum.module_source(module)
        for i, session in enumerate(module.sessions):
            for j, ref in enumerate(session.objectives):
                if ref not in known:
                    yield source.diagnostic(
                        ("sessions", i, "objectives", j),
                        "objectif-inconnu",
                        f"la séquence `{session.id}` renvoie à l'objectif `{ref}`, qui n'existe pas dans ce module",
                        hint=_did_you_mean(ref, known),
                    )


def prerequisite_modules_exist(curriculum: Curriculum) -> Iterator[Diagnostic]:
    known = [m.id for m in curriculum.modules] + sorted(curriculum.unreadable_module_ids)
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for j, ref in enumerate(module.prerequisites.modules):
            if ref == module.id:
                yield source.diagnostic(
                    ("prerequisites", "modules", j),
                    "prerequis-soi-meme",
                    f"le module `{module.id}` se cite lui-même comme prérequis",
                    hint="retirez-le de la liste `prerequisites.modules`",
                )
            elif ref not in known:
                yield source.diagnostic(
                    ("prerequisites", "modules", j),
                    "module-inconnu",
                    f"le prérequis `{ref}` ne correspond à aucun module du curriculum",
                    hint=_did_you_mean(ref, [k for k in known if k != module.id]),
                )


def prerequisites_have_no_cycle(curriculum: Curriculum) -> Iterator[Diagnostic]:
    graph = {m.id: [p for p in m.prerequisites.modules if p != m.id] for m in curriculum.modules}
    reported: set[frozenset[str]] = set()
    for start in graph:
        # Depth-first search for a path from `start` back to itself.
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt in graph.get(node, []):
                if nxt == start:
                    cycle = frozenset(path)
                    if cycle not in reported:
                        reported.add(cycle)
                        module = curriculum.module(start)
                        index = module.prerequisites.modules.index(path[1] if len(path) > 1 else start)
                        chain = " → ".join(path + [start])
                        yield curriculum.module_source(module).diagnostic(
                            ("prerequisites", "modules", index),
                            "prerequis-circulaires",
                            f"prérequis circulaires : {chain}",
                            hint="un module ne peut pas dépendre, même indirectement, de lui-même : retirez un des liens",
                        )
                elif nxt not in seen and nxt in graph:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))


def expert_requires_fondamentaux(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """Profile strategie-pauvrete (seed 000): the expert module's audience « maîtris[e] les fondamentaux »."""
    if not profile_of(curriculum.programme.profile).expert_needs_fondamentaux:
        return
    fundamentals = [m.id for m in curriculum.modules if m.level == "fondamentaux"]
    for module in curriculum.modules:
        if module.level != "expert":
            continue
        if any(p in curriculum.unreadable_module_ids for p in module.prerequisites.modules):
            continue  # that module's level cannot be read this run: its own errors come first
        if not any(p in fundamentals for p in module.prerequisites.modules):
            suggestion = f"ajoutez `{fundamentals[0]}` à `prerequisites.modules`" if fundamentals else (
                "ajoutez au curriculum un module de niveau `fondamentaux` et citez-le dans `prerequisites.modules`"
            )
            yield curriculum.module_source(module).diagnostic(
                ("prerequisites",) if "prerequisites" in _keys(curriculum, module) else ("level",),
                "expert-sans-fondamentaux",
                f"le module expert `{module.id}` doit avoir un module « fondamentaux » pour prérequis "
                "(son public maîtrise les fondamentaux)",
                hint=suggestion,
            )


def _keys(curriculum: Curriculum, module) -> set[str]:
    data = curriculum.module_source(module).data
    return set(data) if isinstance(data, dict) else set()

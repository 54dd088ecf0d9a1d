"""Ids: unique where they are referenced from, and module files named after their module."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..diagnostics import Diagnostic, YamlPath
from ..load.yaml_source import YamlDocument
from ..model.curriculum import Curriculum


def module_id_matches_file(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        stem = source.file.stem
        if module.id != stem:
            yield source.diagnostic(
                ("id",),
                "id-fichier",
                f"l'identifiant `{module.id}` ne correspond pas au nom du fichier « {source.file.name} »",
                hint=f"renommez le fichier en « {module.id}.yml » ou l'identifiant en `{stem}`",
            )


def _duplicates(
    source: YamlDocument, kind: str, entries: Iterable[tuple[str, YamlPath]]
) -> Iterator[Diagnostic]:
    first: dict[str, YamlPath] = {}
    for value, path in entries:
        if value in first:
            line, _ = source.locate(first[value])
            yield source.diagnostic(
                path,
                "id-en-double",
                f"l'identifiant de {kind} `{value}` est déjà utilisé (ligne {line})",
                hint="donnez à chaque élément un identifiant différent",
            )
        else:
            first[value] = path


def ids_are_unique(curriculum: Curriculum) -> Iterator[Diagnostic]:
    seen_modules: dict[str, str] = {}
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        if module.id in seen_modules and seen_modules[module.id] != source.file.name:
            yield source.diagnostic(
                ("id",),
                "id-en-double",
                f"le module `{module.id}` est déjà défini dans « {seen_modules[module.id]} »",
                hint="chaque module a son propre identifiant",
            )
        seen_modules.setdefault(module.id, source.file.name)
        yield from _duplicates(
            source, "compétence", ((c.id, ("competences", i, "id")) for i, c in enumerate(module.competences))
        )
        yield from _duplicates(
            source,
            "objectif",
            (
                (o.id, ("competences", i, "objectives", j, "id"))
                for i, c in enumerate(module.competences)
                for j, o in enumerate(c.objectives)
            ),
        )
        yield from _duplicates(
            source, "séquence", ((s.id, ("sessions", i, "id")) for i, s in enumerate(module.sessions))
        )


def glossary_terms_are_unique(curriculum: Curriculum) -> Iterator[Diagnostic]:
    source = curriculum.sources.get("glossaire")
    if source is None:
        return
    yield from _duplicates(
        source, "sigle", ((t.term, ("terms", i, "term")) for i, t in enumerate(curriculum.glossary.terms))
    )

"""Acronyms learners read are explained: each one is in the glossary, which the site, the SCORM
packages and the handouts turn into `<abbr>` tooltips."""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..diagnostics import Diagnostic, Severity
from ..load.paths import resource_file_path
from ..model.curriculum import Curriculum

# Two capitals or more (accents included), digits allowed after the first letter: RSA, CEJ, PACEA, SIAE, 2S2C
# is not one (starts with a digit). Words such as « ET » in a title written in capitals are rare in content.
_ACRONYM = re.compile(r"(?<![\w&/.-])[A-ZÀÂÉÈÊËÎÏÔÙÛÜÇ][A-ZÀÂÉÈÊËÎÏÔÙÛÜÇ0-9]+(?![\w/-])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
# Markdown that is not prose: code, link targets and HTML attributes are not read as text.
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]+>|https?://\S+")


def _acronyms(text: str) -> Iterator[str]:
    for match in _ACRONYM.finditer(_NOT_PROSE.sub(" ", text)):
        word = match.group(0)
        if not _ROMAN.match(word):
            yield word


def _learner_texts(module: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path in the module file, text) for what learners read, in the file's order."""
    yield ("title",), module.title
    if module.subtitle:
        yield ("subtitle",), module.subtitle
    yield ("role",), module.role
    for c, competence in enumerate(module.competences):
        yield ("competences", c, "title"), competence.title
        for o, objective in enumerate(competence.objectives):
            yield ("competences", c, "objectives", o, "text"), objective.text
    for s, session in enumerate(module.sessions):
        yield ("sessions", s, "title"), session.title
        if session.content:
            yield ("sessions", s, "content"), session.content
    for e, evaluation in enumerate(module.evaluations):
        if evaluation.instructions:
            yield ("evaluations", e, "instructions"), evaluation.instructions
        for q, question in enumerate(evaluation.questions):
            yield ("evaluations", e, "questions", q, "prompt"), question.prompt


def _handouts(curriculum: Curriculum, module: Any, seen: set) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """Markdown handouts (`ressources/*.md`) given in the module's sessions, each read once (`seen`)."""
    for s, session in enumerate(module.sessions):
        for r, resource in enumerate(session.resources):
            if not resource.file or not resource.file.endswith(".md"):
                continue
            path = resource_file_path(curriculum.root, resource.file)
            if path is None or path in seen or not path.is_file():
                continue
            seen.add(path)
            try:
                yield ("sessions", s, "resources", r, "file"), path.read_text(encoding="utf-8"), resource.file
            except (OSError, UnicodeDecodeError):
                continue  # reported by the resource rules


def acronyms_are_in_the_glossary(curriculum: Curriculum) -> Iterator[Diagnostic]:
    known = {term.term for term in curriculum.glossary.terms}
    reported: set[str] = set()
    handouts_read: set = set()
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        texts = [(path, text, None) for path, text in _learner_texts(module)]
        for path, text, handout in [*texts, *_handouts(curriculum, module, handouts_read)]:
            for word in _acronyms(text or ""):
                if word in known or word in reported:
                    continue
                reported.add(word)
                yield source.diagnostic(
                    path, "sigle-hors-glossaire", severity=Severity.WARNING,
                    message=f"le sigle « {word} »{f' (dans {handout})' if handout else ''} n'est pas dans le "
                    "glossaire : les stagiaires ne le verront développé nulle part",
                    hint=f"ajoutez-le à glossaire.yml (`- term: {word}` et `expansion: …`) ; il sera expliqué "
                    "au survol partout où il apparaît")

"""Acronyms learners read are explained: each one is in the glossary, which the site, the SCORM
packages and the handouts turn into `<abbr>` tooltips."""

from __future__ import annotations

import dataclasses
import re
import string
from typing import Any, Iterator

from ..diagnostics import Diagnostic, Severity
from ..load.paths import resource_file_path
from ..model.curriculum import Curriculum
from ..render.words import is_word, matches

# Two capitals or more (accents included), digits allowed after the first letter: RSA, CEJ, PACEA, SIAE; 2S2C
# is not one (starts with a digit). A line written all in capitals is a title, not acronyms (`_acronyms`).
_CAPITALS = "A-ZÀÂÉÈÊËÎÏÔÙÛÜÇ"
_ACRONYM = re.compile(rf"(?<![\w&/.-])[{_CAPITALS}][{_CAPITALS}0-9]+(?![\w/-])")
# The same without its look-behind, checked by hand (`_acronym_starts_here`): the regular expression engine
# then skips from one capital to the next instead of trying every position (validation of a large
# curriculum spent a third of its time here).
_ACRONYM_CANDIDATE = re.compile(rf"[{_CAPITALS}][{_CAPITALS}0-9]+(?![\w/-])")
_TWO_CAPITALS = re.compile(rf"[{_CAPITALS}][{_CAPITALS}0-9]")
_ROMAN = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")  # chapter numbers up to XXXIX; « CV » is not one
_LOWERCASE_WORD = re.compile(r"[a-zà-ÿ]{3,}")
MAX_LETTERS = 6  # PACEA, CDAPH, AGEFIPH is written Agefiph; « ATTENTION » in capitals is a word, not a sigle
# Markdown that is not prose: code, an acronym already explained, link targets, HTML attributes.
_NOT_PROSE = re.compile(r"```.*?```|~~~.*?~~~|`[^`]*`|<abbr[^>]*>.*?</abbr>|\]\([^)]*\)|<[^>]+>|https?://\S+", re.S)

_RUN_CHARACTERS = {ord(c) for c in string.ascii_uppercase + _CAPITALS.removeprefix("A-Z") + string.digits}
_RUNS_APART = bytes(b if b in _RUN_CHARACTERS else 0x20 for b in range(256))


def _all_runs_known(file_text: str, known: set[str]) -> bool:
    """Whether every run of two capitals or more in a module's file is known: then none of its texts has
    an acronym to report, and they need not be gathered and read one by one (the costliest check of a
    large curriculum).

    Every acronym of a text is a whole run of capitals and digits of the file (what `_NOT_PROSE` blanks
    never starts with a capital or a digit, and ends in one only at a URL, which a space follows); the
    file also holds keys, identifiers and trainer material, so this can only send a module to the full
    reading, never skip an acronym. The runs are cut by `bytes.translate`, ten times faster than a
    pattern: every capital is a Latin-1 character, any other character only separates runs. A YAML
    escape (`\\u0041`) could write a capital the file does not show: such a file is read in full."""
    if "\\" in file_text:
        return False
    runs = set(file_text.encode("latin-1", "replace").translate(_RUNS_APART).split())
    return all(len(run) < 2 or run[:1].isdigit() or run.decode("latin-1") in known for run in runs)


def _acronym_starts_here(text: str, start: int) -> bool:
    return not start or not (is_word(text[start - 1]) or text[start - 1] in "&/.-")  # (?<![\w&/.-])


def _acronym_matches(text: str) -> Iterator[re.Match[str]]:
    """What `_ACRONYM.finditer(text)` finds, found faster."""
    return matches(_ACRONYM_CANDIDATE, text, _acronym_starts_here)


def _acronyms(text: str, skip: frozenset[str] | set[str] = frozenset()) -> Iterator[tuple[str, int]]:
    """(acronym, offset in `text`) of each use; a line written all in capitals (a shouted title) has none.
    Words in `skip` (the glossary's, those already reported) are passed over without looking at their line."""
    if not _TWO_CAPITALS.search(text):
        return  # most texts: no two capitals in a row, no acronym (blanking below never joins two)
    prose = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text)  # offsets kept
    if skip and skip.issuperset(_ACRONYM_CANDIDATE.findall(prose)):
        # Every acronym starts where a candidate does (inside one, a capital precedes): all known here.
        return
    for match in _acronym_matches(prose):
        word = match.group(0)
        if word in skip or _ROMAN.match(word) or sum(c.isalpha() for c in word) > MAX_LETTERS:
            continue
        start = prose.rfind("\n", 0, match.start()) + 1
        end = prose.find("\n", match.end())
        line = prose[start:end if end >= 0 else len(prose)]
        if len(_ACRONYM.findall(line)) >= 3 and not _LOWERCASE_WORD.search(line):
            continue
        yield word, match.start()


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
        yield from _content_items(competence.content, ("competences", c, "content"))
    for s, session in enumerate(module.sessions):
        yield ("sessions", s, "title"), session.title
        if session.content:
            yield ("sessions", s, "content"), session.content
    for e, evaluation in enumerate(module.evaluations):
        if evaluation.instructions:
            yield ("evaluations", e, "instructions"), evaluation.instructions
        for q, question in enumerate(evaluation.questions):
            here = ("evaluations", e, "questions", q)
            yield here + ("prompt",), question.prompt
            for i, choice in enumerate(getattr(question, "choices", None) or []):
                yield here + ("choices", i, "text"), choice.text
            feedback = getattr(question, "feedback", None)
            for key in ("correct", "incorrect"):
                if feedback is not None and getattr(feedback, key, None):
                    yield here + ("feedback", key), getattr(feedback, key)


def _content_items(items: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    for i, item in enumerate(items or []):
        if isinstance(item, str):
            yield path + (i,), item
        else:
            yield path + (i, "text"), item.text
            yield from _content_items(getattr(item, "items", None), path + (i, "items"))


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
    # The glossary's terms, then each acronym once reported: `_acronyms` passes over all of them.
    passed = {term.term for term in curriculum.glossary.terms}
    handouts_read: set = set()
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        file_text = getattr(source, "text", None)
        texts = [] if file_text is not None and _all_runs_known(file_text, passed) else [
            (path, text, None) for path, text in _learner_texts(module)]
        for path, text, handout in [*texts, *_handouts(curriculum, module, handouts_read)]:
            for word, offset in _acronyms(text or "", passed):
                passed.add(word)
                found = source.diagnostic(
                    path, "sigle-hors-glossaire", severity=Severity.WARNING,
                    message=f"le sigle « {word} »{f' (dans {handout})' if handout else ''} n'est pas dans le "
                    "glossaire : les stagiaires ne le verront développé nulle part",
                    hint=f"ajoutez-le à glossaire.yml (`- term: {word}` et `expansion: …`) ; il sera expliqué "
                    "au survol partout où il apparaît")
                if handout is None and "\n" in text.strip() and found.line is not None:
                    # A Markdown block (`|`) starts on the line after its key: point at the line of the use.
                    found = dataclasses.replace(found, line=found.line + 1 + text.count("\n", 0, offset), column=None)
                yield found

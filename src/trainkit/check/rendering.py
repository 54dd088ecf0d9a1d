"""What the outputs will drop from an author's text, said before any output is built.

Markdown bodies are sanitised when rendered (`trainkit.render.sanitize`): raw HTML outside the
allow-list, event handlers and `javascript:` links are removed. These rules warn, with file and
line, where that will happen, so that what validates is what is published.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..model.curriculum import Curriculum
from ..render.sanitize import dropped_by_sanitizer
from ..render.urls import web_url


def _markdown_fields(module: Any) -> Iterator[tuple[tuple, str]]:
    """(YAML path, text) of every Markdown body of a module."""
    yield ("role",), module.role
    yield ("audience", "priority"), module.audience.priority
    yield ("audience", "also_open_to"), module.audience.also_open_to
    evaluations = [(("evaluations", k), e) for k, e in enumerate(module.evaluations)]
    for i, session in enumerate(module.sessions):
        yield ("sessions", i, "content"), session.content
        yield ("sessions", i, "trainer_notes"), session.trainer_notes
        if session.trainer_guide is not None:
            for a, activity in enumerate(session.trainer_guide.activities):
                yield ("sessions", i, "trainer_guide", "activities", a, "details"), activity.details
            for v, point in enumerate(session.trainer_guide.vigilance):
                yield ("sessions", i, "trainer_guide", "vigilance", v), point
        if session.evaluation is not None:
            evaluations.append((("sessions", i, "evaluation"), session.evaluation))
    for path, evaluation in evaluations:
        yield (*path, "instructions"), evaluation.instructions
        for q, question in enumerate(evaluation.questions):
            yield (*path, "questions", q, "prompt"), question.prompt
            feedback = question.feedback
            yield (*path, "questions", q, "feedback", "correct"), feedback.correct if feedback else None
            yield (*path, "questions", q, "feedback", "incorrect"), feedback.incorrect if feedback else None


class _Renderer:
    """The profile's engine, built the first time a text needs it (most curricula never do: Markdown is
    then not even imported)."""

    def __init__(self) -> None:
        self._engine: Any = None

    def convert_unsafe(self, text: str) -> str:
        if self._engine is None:
            from ..render.markdown import MarkdownRenderer
            self._engine = MarkdownRenderer()
        return self._engine.convert_unsafe(text)


def _may_drop(text: str) -> bool:
    # Only raw HTML (<), an attribute list ({) or a link to a script or data address can give the
    # sanitiser something to drop; most texts hold none of them and are not rendered here.
    if "<" not in text and "{" not in text:
        # `in` looks for one character at memory speed, for two at half a character per nanosecond.
        if "]" not in text or ("](" not in text and "]:" not in text):
            return False
        lowered = text.lower()
        if "script:" not in lowered and "data:" not in lowered:
            return False
    return True


def _dropped(renderer: _Renderer, text: str | None) -> list[str]:
    if not text or not _may_drop(text):
        return []
    return dropped_by_sanitizer(renderer.convert_unsafe(text))


def _warning(source: Any, path: tuple, dropped: list[str]) -> Diagnostic:
    return source.diagnostic(
        path, "contenu-retire",
        f"ce texte contient {', '.join(dropped[:3])}{' …' if len(dropped) > 3 else ''} : le site, les paquets "
        "SCORM et les PDF le retireront (le HTML qui peut exécuter du code ou charger une page externe n'est pas publié)",
        hint="écrivez-le en Markdown : [texte](https://…) pour un lien, ![description](ressources/image.png) pour une image",
        severity=Severity.WARNING,
    )


def markdown_survives_rendering(curriculum: Curriculum) -> Iterator[Diagnostic]:
    renderer = _Renderer()
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        fields = list(_markdown_fields(module))
        # One look at the module's texts together: most modules have nothing to drop in any of them.
        if _may_drop("\n".join(text for _, text in fields if text)):
            for path, text in fields:
                dropped = _dropped(renderer, text)
                if dropped:
                    yield _warning(source, path, dropped)
        for i, session in enumerate(module.sessions):
            for j, resource in enumerate(session.resources):
                if resource.url is not None and web_url(resource.url) is None:
                    yield source.diagnostic(
                        ("sessions", i, "resources", j, "url"), "adresse-refusee",
                        f"l'adresse « {resource.url[:80]} » n'est ni une page web ni une adresse e-mail : "
                        "le lien ne sera pas publié",
                        hint="écrivez une adresse qui commence par https:// (ou http://, mailto:)",
                        severity=Severity.WARNING,
                    )
    glossary = curriculum.sources.get("glossaire")
    if glossary is not None:
        for i, term in enumerate(curriculum.glossary.terms):
            dropped = _dropped(renderer, term.definition)
            if dropped:
                yield _warning(glossary, ("terms", i, "definition"), dropped)

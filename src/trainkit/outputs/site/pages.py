"""The site's pages for one audience: which pages, their nav, and their Markdown.

Pages are Jinja templates producing plain Markdown (no MkDocs plugin, no macro
syntax), so the generated tree builds with MkDocs today and Zensical tomorrow.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ...audience import Audience, module_for
from ...model import METHOD_LABELS, Glossary, format_minutes
from ...model.curriculum import Curriculum
from ...model.evaluation import (
    KIND_LABELS,
    QUESTION_LABELS,
    Matching,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from ...model.module import ContentItem, Module, Resource, Session
from ...model.plan import Plan, coverage_of, plan_of
from ..markdown_text import fix_lists
from ..templating import override_loader
from ..quiz import quiz_view, render_quiz_form
from ...model.programme import Contact
from ..documents.sheet import programme_sheet

# A link to the repository's templates/site: what users read and override is what ships.
DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"


def default_templates_dir() -> Path:
    return DEFAULT_TEMPLATES


@dataclass
class Download:
    label: str
    path: str  # relative to docs/
    size: str


@dataclass
class Page:
    path: str  # relative to docs/, POSIX
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)


NavEntry = dict[str, "str | list[NavEntry]"]


@dataclass
class SitePlan:
    pages: list[Page]
    nav: list[NavEntry]
    resource_files: dict[str, Path]  # docs-relative path → source file


LEVEL_LABELS = {"fondamentaux": "Fondamentaux", "expert": "Expert"}


def module_page(module: Module, name: str = "index") -> str:
    return f"modules/{module.id}/{name}.md"


def session_page(module: Module, session: Session) -> str:
    return f"modules/{module.id}/sequences/{session.id}.md"


def resource_page(resource: Resource) -> str:
    assert resource.file is not None
    return posixpath.normpath(resource.file.replace("\\", "/"))


def plan_site(
    curriculum: Curriculum, audience: Audience, downloads: dict[str, list[Download]] | None = None
) -> SitePlan:
    """Every page of the site for `audience`; trainer pages simply do not exist for learners."""
    downloads = downloads or {}
    is_trainer = audience == "trainer"
    modules = [module_for(m, audience) for m in curriculum.modules]
    common = {"programme": curriculum.programme, "glossary": curriculum.glossary, "modules": modules,
              "audience": audience, "is_trainer": is_trainer}
    pages = [Page("index.md", "index.md.j2", "Accueil", common)]
    nav: list[NavEntry] = [{"Accueil": "index.md"}]
    resources: dict[str, Path] = {}
    for module in modules:
        plan = plan_of(module)
        # PDFs (the programme) go to the programme page; the rest are the LMS packages of the module page.
        pdfs = [d for d in downloads.get(module.id, []) if d.path.endswith(".pdf")]
        context = {**common, "module": module, "plan": plan, "objectives": module.objective_ids(),
                   "downloads": [d for d in downloads.get(module.id, []) if d not in pdfs]}
        module_nav: list[NavEntry] = []

        def add(name: str, template: str, title: str, extra: dict[str, Any] | None = None) -> None:
            path = module_page(module, name)
            pages.append(Page(path, template, title, {**context, **(extra or {})}))
            module_nav.append({title: path})

        add("index", "module.md.j2", "Présentation")
        add("programme", "programme.md.j2", "Programme de formation",
            {"sheet": programme_sheet(curriculum, module),
             "programme_pdf": next((d for d in pdfs if d.path.endswith(f"/{module.id}-programme.pdf")), None),
             "trainer_pdf": next((d for d in pdfs if d.path.endswith(f"/{module.id}-programme-formateur.pdf")), None)})
        add("competences", "competences.md.j2", "Compétences et objectifs")
        add("planning", "planning.md.j2", "Planning")
        session_nav: list[NavEntry] = []
        handouts_nav: list[NavEntry] = []
        for session in module.sessions:
            path = session_page(module, session)
            pages.append(Page(path, "session.md.j2", session.title, {**context, "session": session}))
            session_nav.append({f"{plan.position_of(session)} — {session.title}": path})
            for resource in session.resources:
                if resource.file is not None:
                    relative = resource_page(resource)
                    if relative.endswith(".md") and relative not in resources:
                        handouts_nav.append({resource.title: relative})  # a handout written in Markdown is a page
                    resources[relative] = curriculum.root / relative
        module_nav.append({"Séquences": session_nav})
        if handouts_nav:
            module_nav.append({"Documents": handouts_nav})
        evaluations_nav: list[NavEntry] = []
        for evaluation in module.evaluations:
            path = f"modules/{module.id}/evaluations/{evaluation.id}.md"
            pages.append(Page(path, "evaluation.md.j2", evaluation.title, {**context, "evaluation": evaluation}))
            evaluations_nav.append({evaluation.title: path})
        if evaluations_nav:
            module_nav.append({"Évaluations": evaluations_nav})
        if is_trainer:
            add("deroule", "deroule.md.j2", "Déroulé pédagogique")
            add("matrice", "matrice.md.j2", "Matrice compétences × séquences",
                {"matrix": coverage_of(module)})
        nav.append({module.title: module_nav})
    if curriculum.glossary.terms:
        pages.append(Page("glossaire.md", "glossaire.md.j2", "Glossaire", common))
        nav.append({"Glossaire": "glossaire.md"})
    return SitePlan(pages, nav, resources)


# --- rendering ---------------------------------------------------------------------


def content_list(items: list[ContentItem], numbered: bool = False, depth: int = 0) -> str:
    """Nested content bullets as a Markdown list (4 spaces per level, as Python-Markdown wants)."""
    lines = []
    for index, item in enumerate(items, start=1):
        marker = f"{index}." if numbered else "-"
        lines.append(f"{'    ' * depth}{marker} {item.text}")
        if item.items:
            lines.append(content_list(item.items, item.numbered, depth + 1))
    return "\n".join(lines)


def one_line(text: str) -> str:
    """A Markdown block as one line (for lists and summaries)."""
    return re.sub(r"\s*\n\s*", " ", text.strip())


def cell(text: str) -> str:
    """Markdown text for a table cell: one line, pipes escaped."""
    return one_line(text).replace("|", "\\|")


def indent_block(text: str, spaces: int = 4) -> str:
    return "\n".join((" " * spaces + line) if line.strip() else "" for line in text.strip().splitlines())


def clock(minutes: int) -> str:
    return f"{minutes // 60}h{minutes % 60:02d}"


def contact_line(contact: Contact) -> str:
    parts = [contact.name] if contact.name else []
    parts.append(f"[{contact.email}](mailto:{contact.email})")
    if contact.phone:
        parts.append(contact.phone)
    return " — ".join(parts)


def duration_summary(module: Module) -> str:
    plan = plan_of(module)
    days = len(plan.days)
    text = f"{days} jour{'s' if days > 1 else ''} en présence ({format_minutes(plan.room_minutes)})"
    if plan.intersession_minutes:
        text += f" et {format_minutes(plan.intersession_minutes)} de travail d'intersession"
    return text + f" — au plus {module.max_days} jours"


def rhythm_summary(plan: Plan) -> str:
    parts = plan.parts
    if len(parts) == 1:
        return "en continu"
    sizes = " + ".join(f"{len(p.days)} j" for p in parts)
    return f"formation découpée en {len(parts)} parties ({sizes}) séparées par une intersession"


def prerequisites_summary(module: Module) -> str:
    items = [f"module « {m} »" for m in module.prerequisites.modules]
    items += module.prerequisites.knowledge
    return one_line(" ; ".join(items)) if items else "aucun"


def answer_key_markdown(question: Question) -> str:
    """The right answer of a question, written out for the trainers' answer key."""
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return "\n".join(f"- {'✓ **' + c.text + '**' if c.correct else '✗ ' + c.text}" for c in question.choices)
    if isinstance(question, TrueFalse):
        return f"**Réponse : {'Vrai' if question.answer else 'Faux'}**"
    if isinstance(question, Matching):
        return "\n".join(f"- {p.left} → **{p.right}**" for p in question.pairs)
    if isinstance(question, Ordering):
        return "\n".join(f"{i}. {item}" for i, item in enumerate(question.items, start=1))
    if isinstance(question, ShortAnswer):
        return "**Réponses acceptées** : " + " ; ".join(question.accepted)
    raise TypeError(type(question))  # pragma: no cover - the union is closed


def make_environment(templates_dir: Path | None) -> jinja2.Environment:
    """User templates first (any file they provide wins), then trainkit's defaults."""
    env = jinja2.Environment(
        loader=override_loader("site", default_templates_dir(), templates_dir),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown, not HTML
    )
    env.filters.update(
        minutes=format_minutes,
        method=lambda key: METHOD_LABELS.get(key, key),
        content_list=content_list,
        one_line=one_line,
        cell=cell,
        indent_block=indent_block,
        clock=clock,
    )
    env.globals.update(
        level_label=lambda level: LEVEL_LABELS.get(level, level),
        module_page=module_page,
        session_page=session_page,
        resource_page=resource_page,
        contact_line=contact_line,
        duration_summary=duration_summary,
        rhythm_summary=rhythm_summary,
        prerequisites_summary=prerequisites_summary,
        kind_label=lambda kind: KIND_LABELS.get(kind, kind),
        question_label=lambda kind: QUESTION_LABELS.get(kind, kind),
        answer_key_markdown=answer_key_markdown,
        quiz_form=lambda evaluation, module: render_quiz_form(
            quiz_view(evaluation, module.id), mode="site", salt=f"{module.id}/{evaluation.id}",
            templates_dir=templates_dir),
    )
    return env


def abbreviations_for(markdown: str, glossary: Glossary) -> str:
    """`*[RSA]: …` lines for the glossary terms the page uses (the `abbr` extension turns them into <abbr title>)."""
    used = [t for t in glossary.terms if _term_pattern(t.term).search(markdown)]
    if not used:
        return ""
    return "\n" + "\n".join(f"*[{t.term}]: {t.expansion}" for t in used) + "\n"


_TERM_PATTERNS: dict[str, re.Pattern[str]] = {}


def _term_pattern(term: str) -> re.Pattern[str]:
    if term not in _TERM_PATTERNS:
        _TERM_PATTERNS[term] = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
    return _TERM_PATTERNS[term]


def render_page(env: jinja2.Environment, page: Page, glossary: Glossary) -> str:
    here = posixpath.dirname(page.path)

    def link(target: str) -> str:
        return posixpath.relpath(target, here or ".")

    text = env.get_template(page.template).render(**page.context, link=link, page_path=page.path)
    text = fix_lists(re.sub(r"\n{3,}", "\n\n", text)).strip() + "\n"
    return text + abbreviations_for(text, glossary)


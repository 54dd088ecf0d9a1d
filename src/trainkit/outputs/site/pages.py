"""The site's pages for one audience: which pages, their nav, and their Markdown.

Pages are Jinja templates producing plain Markdown (no MkDocs plugin, no macro
syntax), so the generated tree builds with MkDocs today and Zensical tomorrow.
"""

from __future__ import annotations

import posixpath
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import html
from urllib.parse import quote

import jinja2
from markupsafe import Markup

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
from ...model.programme import Contact
from ...render import MarkdownRenderer, glossary_terms, make_environment as jinja_environment
from ...render import markdown_text
from ...render.embed import block, inline
from ...render.markdown import fix_lists
from ...render.quiz_form import policy_summary, render_quiz_form
from ...render.urls import web_url
from ...render.words import is_word, matches
from ...render.typography import NBSP, NNBSP
from ...views.programme import programme_sheet
from ...views.quiz import quiz_view
from ...views.handouts import resource_path
from ...views.run_sheet import run_sheet, run_sheet_file_name
from ...views.timetable import clock, timetable
from .config import nav_title


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

# Past this many pages the menu keeps each module's own pages but not one entry per session and run
# sheet: a menu of thousands of entries guides nobody, and the engines walk the whole menu for every
# page (Zensical 0.0.73 builds 6,300 pages in 68 s with those entries, 41 s without). The module's page
# lists its sessions day by day, each session links the previous and the next, the déroulé links the
# run sheets, and search finds them all.
SESSION_MENU_LIMIT = 5_000
PER_SESSION_MENUS = {"Séquences", "Fiches séance"}

# Past this many modules the menu groups them by MODULE_MENU_GROUP (« Modules 1 à 20 »): a column of
# 200 titles guides nobody, and every page carries the menu's first level. On 200 modules × 30 sessions
# (7,400 pages), Zensical then writes 217 MB of HTML instead of 990 MB, in 56 s instead of 80 s.
MODULE_MENU_LIMIT = 40
MODULE_MENU_GROUP = 20


def module_page(module: Module, name: str = "index") -> str:
    return f"modules/{module.id}/{name}.md"


def session_page(module: Module, session: Session) -> str:
    return f"modules/{module.id}/sequences/{session.id}.md"


def run_sheet_page(module: Module, session: Session) -> str:
    return f"modules/{module.id}/fiches/{session.id}.md"


def resource_page(resource: Resource) -> str:
    return resource_path(resource)  # a handout's page sits at its own path


def plan_site(
    curriculum: Curriculum, audience: Audience, downloads: dict[str, list[Download]] | None = None
) -> SitePlan:
    """Every page of the site for `audience`; trainer pages simply do not exist for learners."""
    downloads = downloads or {}
    is_trainer = audience == "trainer"
    modules = [module_for(m, audience) for m in curriculum.modules]
    common = {"programme": curriculum.programme, "glossary": curriculum.glossary, "modules": modules,
              "audience": audience, "is_trainer": is_trainer,
              "duration_summary": lambda module: duration_summary(curriculum, module)}
    pages = [Page("index.md", "index.md.j2", "Accueil", common)]
    nav: list[NavEntry] = [{"Accueil": "index.md"}]
    modules_nav: list[NavEntry] = []
    resources: dict[str, Path] = {}
    for module in modules:
        plan = plan_of(module)
        # PDFs (the programme) go to the programme page; the rest are the LMS packages of the module page.
        pdfs = [d for d in downloads.get(module.id, []) if d.path.endswith(".pdf")]
        context = {**common, "module": module, "plan": plan, "objectives": module.objective_ids(),
                   "timetable": timetable(curriculum.programme, module),
                   "downloads": [d for d in downloads.get(module.id, []) if d not in pdfs]}
        module_nav: list[NavEntry] = []

        def add(name: str, template: str, title: str, extra: dict[str, Any] | None = None) -> None:
            path = module_page(module, name)
            pages.append(Page(path, template, title, {**context, **(extra or {})}))
            module_nav.append({nav_title(title): path})

        add("index", "module.md.j2", "Présentation")
        add("programme", "programme.md.j2", "Programme de formation",
            {"sheet": programme_sheet(curriculum, module),
             "programme_pdf": next((d for d in pdfs if d.path.endswith(f"/{module.id}-programme.pdf")), None),
             "trainer_pdf": next((d for d in pdfs if d.path.endswith(f"/{module.id}-programme-formateur.pdf")), None)})
        add("competences", "competences.md.j2", "Compétences et objectifs")
        add("planning", "planning.md.j2", "Planning")
        session_nav: list[NavEntry] = []
        sheets_nav: list[NavEntry] = []
        handouts_nav: list[NavEntry] = []
        table = context["timetable"]
        sheet_pdfs = {d.path.rsplit("/", 1)[-1]: d for d in pdfs}
        for number, session in enumerate(module.sessions):
            path = session_page(module, session)
            neighbours = {"previous": module.sessions[number - 1] if number > 0 else None,
                          "next": module.sessions[number + 1] if number + 1 < len(module.sessions) else None}
            pages.append(Page(path, "session.md.j2", session.title, {**context, "session": session, **neighbours}))
            session_nav.append({nav_title(f"{plan.position_of(session)} — {session.title}"): path})
            if is_trainer:
                sheet_path = run_sheet_page(module, session)
                pages.append(Page(sheet_path, "fiche.md.j2", f"Fiche séance — {session.title}", {
                    **context, "sheet": run_sheet(module, session, table),
                    "sheet_pdf": sheet_pdfs.get(run_sheet_file_name(number + 1, session))}))
                sheets_nav.append({nav_title(f"{plan.position_of(session)} — {session.title}"): sheet_path})
            for resource in session.resources:
                if resource.file is not None:
                    relative = resource_page(resource)
                    if relative.endswith(".md") and relative not in resources:
                        handouts_nav.append({nav_title(resource.title): relative})  # a handout written in Markdown is a page
                    resources[relative] = curriculum.root / relative
        module_nav.append({"Séquences": session_nav})
        if handouts_nav:
            module_nav.append({"Documents": handouts_nav})
        evaluations_nav: list[NavEntry] = []
        for evaluation in module.evaluations:
            path = f"modules/{module.id}/evaluations/{evaluation.id}.md"
            pages.append(Page(path, "evaluation.md.j2", evaluation.title, {**context, "evaluation": evaluation}))
            evaluations_nav.append({nav_title(evaluation.title): path})
        if evaluations_nav:
            module_nav.append({"Évaluations": evaluations_nav})
        if is_trainer:
            module_nav.append({"Fiches séance": sheets_nav})
            add("deroule", "deroule.md.j2", "Déroulé pédagogique")
            add("matrice", "matrice.md.j2", "Matrice compétences × séquences",
                {"matrix": coverage_of(module)})
        modules_nav.append({nav_title(module.title): module_nav})
    if len(pages) > SESSION_MENU_LIMIT:
        modules_nav = [_without_per_session_menus(entry) for entry in modules_nav]
    nav += _grouped(modules_nav) if len(modules_nav) > MODULE_MENU_LIMIT else modules_nav
    if curriculum.glossary.terms:
        pages.append(Page("glossaire.md", "glossaire.md.j2", "Glossaire", common))
        nav.append({"Glossaire": "glossaire.md"})
    return SitePlan(pages, nav, resources)


def _grouped(modules_nav: list[NavEntry]) -> list[NavEntry]:
    """The modules' menu entries in groups of MODULE_MENU_GROUP, in curriculum order."""
    count = len(modules_nav)
    return [{f"Modules {start + 1} à {min(start + MODULE_MENU_GROUP, count)}": modules_nav[start:start + MODULE_MENU_GROUP]}
            for start in range(0, count, MODULE_MENU_GROUP)]


def _without_per_session_menus(entry: NavEntry) -> NavEntry:
    """A top-level menu entry; a module's keeps its own pages, without its lists of sessions and run sheets."""
    return {title: [item for item in value if not item.keys() & PER_SESSION_MENUS] if isinstance(value, list) else value
            for title, value in entry.items()}


# --- rendering ---------------------------------------------------------------------


def content_list(items: list[ContentItem], numbered: bool = False, depth: int = 0) -> str:
    """Nested content bullets as a Markdown list (4 spaces per level, as Python-Markdown wants)."""
    lines = []
    for index, item in enumerate(items, start=1):
        marker = f"{index}." if numbered else "-"
        # A dated update travels with the plan's wording, so nobody reads a superseded scheme as current.
        update = f" — *{markdown_text(item.update)}*" if getattr(item, "update", None) else ""
        lines.append(f"{'    ' * depth}{marker} {markdown_text(item.text)}{update}")
        if item.items:
            lines.append(content_list(item.items, item.numbered, depth + 1))
    return Markup("\n".join(lines))


def seen_mark(module: Module, session: Session) -> Markup:
    """The « vu » mark trainkit.js shows next to a session the learner marked (ids are slugs: safe)."""
    return Markup(f' <span class="tk-seen-mark" data-tk-seen-mark="{module.id}/{session.id}" hidden>✓ vue</span>')


def one_line(text: str) -> str:
    """A Markdown block as one line (for lists and summaries)."""
    return re.sub(r"\s*\n\s*", " ", text.strip())


@functools.lru_cache(maxsize=16384)
def link_to(here: str, target: str) -> Markup:
    """A link between two pages of the site (a path in a Markdown link, percent-encoded)."""
    # Cached: the pages of a folder link to the same few pages (module, glossary, run sheet) again and again.
    return Markup(quote(posixpath.relpath(target, here or "."), safe="/#"))


def href_to(here: str, target: str) -> Markup:
    """A link to a page in raw HTML, which MkDocs does not rewrite: the built page's name (`.html`)."""
    relative = str(link_to(here, target))
    return Markup(relative[:-3] + ".html" if relative.endswith(".md") else relative)


def url(address: str | None) -> Markup:
    """An author's web address for a Markdown link; anything but http(s) and mailto becomes « # »."""
    safe = web_url(address)
    return Markup(quote(safe, safe=":/?#[]@!$&'*+,;=%~") if safe else "#")




def contact_line(contact: Contact) -> str:
    parts = [markdown_text(contact.name)] if contact.name else []
    parts.append(f"[{markdown_text(contact.email)}](mailto:{quote(contact.email, safe='@.+-_')})")
    if contact.phone:
        parts.append(markdown_text(contact.phone))
    return Markup(" — ".join(parts))


def duration_summary(curriculum: Curriculum, module: Module) -> str:
    """The module's duration, worded as the programme sheet words it (one wording everywhere)."""
    return programme_sheet(curriculum, module).duration


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


def answer_key_cell(question: Question) -> Markup:
    """The right answer of a question, on one table line, for the trainers' answer key grid."""
    t = markdown_text
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return Markup("<br>".join(f"✓ **{t(c.text)}**" for c in question.choices if c.correct))
    if isinstance(question, TrueFalse):
        return Markup(f"**{'Vrai' if question.answer else 'Faux'}**")
    if isinstance(question, Matching):
        return Markup("<br>".join(f"{t(p.left)} → **{t(p.right)}**" for p in question.pairs))
    if isinstance(question, Ordering):
        return Markup("<br>".join(f"{i}. {t(item)}" for i, item in enumerate(question.items, start=1)))
    if isinstance(question, ShortAnswer):
        first, *others = question.accepted  # the expected wording first, its accepted variants after
        also = f"{NNBSP}; ".join(t(a) for a in others)  # typeset here: the page is not typeset again
        return Markup(f"**{t(first)}**" + (f"<br><small>aussi{NBSP}: {also}</small>" if others else ""))
    raise TypeError(type(question))  # pragma: no cover - the union is closed


def make_environment(templates_dir: Path | None, glossary: Glossary | None = None) -> jinja2.Environment:
    """User templates first (any file they provide wins), then trainkit's defaults; Markdown output.

    Kept per templates folder and glossary: both audiences of a build, and every rebuild of the
    preview, reuse the compiled templates (Jinja recompiles a template whose file changed)."""
    return _environment(templates_dir, tuple(glossary_terms(glossary).items()))


def clear_template_cache() -> None:
    """Forget the compiled environments: the preview calls it when the templates folder may have new files."""
    _environment.cache_clear()


@functools.lru_cache(maxsize=4)
def _environment(templates_dir: Path | None, terms: tuple[tuple[str, str], ...]) -> jinja2.Environment:
    renderer = MarkdownRenderer(dict(terms))
    plain = MarkdownRenderer()  # inline texts: the page's own abbreviations mark their acronyms

    def admonition(text: str | None, kind: str, title: str) -> Markup:
        if not text:
            return Markup("")
        body = str(renderer.html(text))
        return Markup(f'\n\n<div class="admonition {kind}">\n<p class="admonition-title">{html.escape(title)}</p>\n'
                      + "\n".join(line for line in str(block(body)).splitlines() if line.strip()) + "\n</div>\n\n")

    return jinja_environment(
        "site", templates_dir, syntax="markdown",
        filters=dict(
            markdown=lambda text: block(str(renderer.html(text))) if text else Markup(""),
            markdown_inline=lambda text: inline(str(plain.html(text))) if text else Markup(""),
            admonition=admonition,
            minutes=format_minutes,
            method=lambda key: METHOD_LABELS.get(key, key),
            content_list=content_list,
            one_line=one_line,
            clock=clock,
            url=url,
        ),
        globals=dict(
            level_label=lambda level: LEVEL_LABELS.get(level, level),
            module_page=module_page,
            session_page=session_page,
            run_sheet_page=run_sheet_page,
            run_sheet=run_sheet,
            seen_mark=seen_mark,
            resource_page=resource_page,
            contact_line=contact_line,
            rhythm_summary=rhythm_summary,
            prerequisites_summary=prerequisites_summary,
            kind_label=lambda kind: KIND_LABELS.get(kind, kind),
            question_label=lambda kind: QUESTION_LABELS.get(kind, kind),
            answer_key_cell=answer_key_cell,
            policy_summary=lambda evaluation: policy_summary(evaluation.policy),
            quiz_form=lambda evaluation, module: Markup(render_quiz_form(
                quiz_view(evaluation, module.id), mode="site", salt=f"{module.id}/{evaluation.id}",
                templates_dir=templates_dir)),
        ),
    )


_MD_LINK = re.compile(r'(href="(?![a-z][a-z0-9+.-]*:|#|/)[^"#]*?)\.md([#"])')


def handout_page(text: str, env: jinja2.Environment, printable: str | None = None) -> str:
    """A handout (Markdown file of the curriculum) as a page: the profile's HTML, links to other
    handouts pointing at their pages; `printable`: its A4 PDF, beside it, linked at the top."""
    body = _MD_LINK.sub(r"\1.html\2", str(env.filters["markdown"](text))).strip()
    link = (f'<p class="tk-printable"><a class="md-button" href="{html.escape(quote(printable))}" download>'
            "Version à imprimer (PDF A4)</a></p>\n") if printable else ""
    if body.startswith("# ") and "\n" in body:  # the link under the handout's title
        title, rest = body.split("\n", 1)
        body = f"{title}\n\n{link}\n{rest}"
    else:
        body = f"{link}\n{body}"
    # md_in_html: the headings inside stay Markdown headings (the page's table of contents).
    return f'<div class="tk-handout" markdown>\n\n{body}\n\n</div>\n'



def abbreviations_for(markdown: str, glossary: Glossary) -> str:
    """`*[RSA]: …` lines for the glossary terms the page uses (the `abbr` extension turns them into <abbr title>)."""
    if not glossary.terms:
        return ""
    found = _terms_in(_terms_pattern(tuple(t.term for t in glossary.terms)), markdown)
    used = [t for t in glossary.terms if t.term in found]
    if not used:
        return ""
    # The expansion goes into a title attribute (escaped there by Markdown); one line each.
    return "\n" + "\n".join(f"*[{t.term}]: {one_line(t.expansion)}" for t in used) + "\n"


@functools.lru_cache(maxsize=8)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Every term in one alternation: a page is scanned once, not once per term (200 terms, 60 pages).
    What may precede a term is checked by `_terms_in`: without a look-behind first, the regular
    expression engine skips from one possible first letter to the next (a page is scanned 3× faster)."""
    alternation = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})(?![\w-])")


def _terms_in(pattern: re.Pattern[str], text: str) -> set[str]:
    r"""The terms `(?<![\w-])(?:terms)(?![\w-])` finds in `text`."""
    return {match.group(0) for match in matches(pattern, text, _term_starts_here)}


def _term_starts_here(text: str, start: int) -> bool:
    return not start or not (is_word(text[start - 1]) or text[start - 1] == "-")


def render_page(env: jinja2.Environment, page: Page, glossary: Glossary) -> str:
    here = posixpath.dirname(page.path)

    text = env.get_template(page.template).render(
        **page.context, link=lambda target: link_to(here, target), href=lambda target: href_to(here, target),
        page_path=page.path)
    # French typography is already there: the template's text was typeset when it was compiled, each
    # value as it was printed (render/jinja.py).
    text = fix_lists(re.sub(r"\n{3,}", "\n\n", text)).strip() + "\n"
    return text + abbreviations_for(text, glossary)


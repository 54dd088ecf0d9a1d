"""The one Jinja environment factory: every output's templates, overridable file by file.

Templates ship inside the package (`trainkit/templates/<kind>/`, read as package resources);
`trainkit templates --out DIR` copies them for a training body to edit. `--templates DIR` mirrors
that layout (`DIR/site/`, `DIR/quiz/`, `DIR/documents/`, `DIR/scorm/`; a file in DIR itself is
found too): any file a body provides wins, the rest falls back to trainkit's.

Every environment escapes what it prints. HTML templates escape for HTML; Markdown templates (the
site's pages, rendered by MkDocs) escape plain text for Markdown (`escape.markdown_text`), so a
title is shown as typed and never becomes a link, an emphasis or a tag. Safe fragments — HTML the
Markdown profile sanitised, Markdown trainkit composed — are `Markup` and printed as they are.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup, escape

from ..errors import TrainkitError
from .escape import html_text, markdown_text
from .typography import PLACE, french, french_html_template, french_markdown_template

TemplateKind = Literal["site", "quiz", "scorm", "documents"]
TEMPLATE_KINDS: tuple[TemplateKind, ...] = ("site", "quiz", "scorm", "documents")


def default_templates() -> Path:
    """trainkit's own templates folder (inside the installed package)."""
    return Path(str(resources.files("trainkit") / "templates"))


def override_folders(kind: str, templates_dir: Path | None) -> list[Path]:
    if templates_dir is None:
        return []
    if not Path(templates_dir).is_dir():
        raise TrainkitError(f"le dossier de gabarits « {templates_dir} » n'existe pas")
    return [folder for folder in (templates_dir / kind, templates_dir) if folder.is_dir()]


def template_loader(kind: str, templates_dir: Path | None) -> jinja2.BaseLoader:
    folders = [*override_folders(kind, templates_dir), default_templates() / kind]
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(folder)) for folder in folders])


# A module's title, a day's label, a duration: the same values come back on page after page.
_french_recent = lru_cache(maxsize=4096)(french)


def _french_value(value: Any) -> Any:
    """A value printed in a template's text: plain text gets French typography before it is escaped;
    `Markup` (Markdown the profile rendered, text already escaped) was typeset where it was made."""
    return _french_recent(value) if type(value) is str else value


class FrenchTypography(Extension):
    """French typography in HTML templates, on text only: the template's own text is typeset once,
    when it is compiled, and each value printed as text (not inside a tag) goes through `_french_value`.

    Pages are then typeset as they are rendered, instead of scanning each finished page again: the
    same result (no rule reads across a value or a statement, on either side), a fraction of the cost."""

    FILTER = "french_text"

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.filters[self.FILTER] = _french_value

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        tokens = list(stream)
        texts: list[str] = [""]  # the template's text between two constructs
        lines: list[int] = [tokens[0].lineno if tokens else 1]
        constructs: list[list[Token]] = []  # each {{ value }} or {% statement %}, as tokens
        current: list[Token] | None = None
        for token in tokens:
            if current is not None:
                current.append(token)
                if token.type in ("variable_end", "block_end"):
                    constructs.append(current)
                    current = None
                    texts.append("")
                    lines.append(token.lineno)
            elif token.type in ("variable_begin", "block_begin"):
                current = [token]
            elif token.type == "data":
                texts[-1] += token.value
            else:  # line statements or anything this does not know: the template is left as written
                return tokens
        if current is not None or any(PLACE in text for text in texts):
            return tokens
        typeset, in_text = self.typeset(PLACE.join(texts))
        return self._rebuilt(typeset.split(PLACE), lines, constructs, in_text)

    @staticmethod
    def typeset(template: str) -> tuple[str, list[bool]]:
        """The template's text typeset; for each PLACE, whether a value printed there needs `french_text`."""
        return french_html_template(template)

    def _rebuilt(self, texts: list[str], lines: list[int], constructs: list[list[Token]],
                 in_text: list[bool]) -> Iterable[Token]:
        for index, text in enumerate(texts):
            if text:
                yield Token(lines[index], "data", text)
            if index == len(constructs):
                break
            construct = constructs[index]
            if construct[0].type == "variable_begin" and in_text[index]:
                line = construct[-1].lineno
                yield construct[0]
                yield Token(line, "lparen", "(")
                yield from construct[1:-1]
                yield Token(line, "rparen", ")")
                yield Token(line, "pipe", "|")
                yield Token(line, "name", self.FILTER)
                yield construct[-1]
            else:
                yield from construct


class FrenchMarkdownTypography(FrenchTypography):
    """French typography in Markdown templates (the site's pages): the template's own text is typeset
    once, when it is compiled; each value is typeset as it is escaped (`markdown_text`, the finalizer),
    and a Markdown body arrives as HTML the profile already typeset."""

    @staticmethod
    def typeset(template: str) -> tuple[str, list[bool]]:
        return french_markdown_template(template), [False] * template.count(PLACE)


def _html_value(value: Any) -> Any:
    return "" if value is None else value


def _markdown_join(value: Iterable[Any], separator: str = "") -> Markup:
    # The separator is the template's own text: its spaces are kept (« , », « ; »).
    return Markup(_typeset_separator(str(separator)).join([str(markdown_text(item)) for item in value]))


def _html_join(value: Iterable[Any], separator: str = "") -> Markup:
    # Each item escaped once: Markup.join would escape the escaped items again (a no-op, at a cost).
    joint = str(escape(_typeset_separator(str(separator))))
    return Markup(joint.join([str(html_text(item)) for item in value]))


@lru_cache(maxsize=64)
def _typeset_separator(separator: str) -> str:
    """A list's separator typeset as it reads between two words (« ; » gets its thin space)."""
    return french(f"x{separator}x")[1:-1]


def make_environment(
    kind: TemplateKind,
    templates_dir: Path | None = None,
    *,
    syntax: Literal["html", "markdown"] = "html",
    filters: dict[str, Any] | None = None,
    globals: dict[str, Any] | None = None,
    trim_blocks: bool = True,
    auto_reload: bool = True,
) -> jinja2.Environment:
    """The environment for one output's templates; `syntax` says what the templates write.
    `auto_reload=False` for an environment that lives only as long as one export (no file changes under it)."""
    markdown = syntax == "markdown"
    env = jinja2.Environment(
        loader=template_loader(kind, templates_dir),
        autoescape=True,
        # HTML: typography on the template's text and on values printed as text (FrenchTypography),
        # never on attributes; Markdown: on each value, as it is escaped (markdown_text).
        finalize=markdown_text if markdown else _html_value,
        extensions=[FrenchMarkdownTypography if markdown else FrenchTypography],
        undefined=jinja2.StrictUndefined,
        trim_blocks=trim_blocks,
        lstrip_blocks=trim_blocks,
        keep_trailing_newline=True,
        auto_reload=auto_reload,
    )
    env.filters["join"] = _markdown_join if markdown else _html_join
    env.filters["text"] = markdown_text if markdown else html_text
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    return env


def copy_default_templates(out: Path, kinds: Iterable[str] = TEMPLATE_KINDS) -> list[Path]:
    """Copy trainkit's templates into `out/<kind>/` for a training body to edit; existing files are kept."""
    written = []
    for kind in kinds:
        source = default_templates() / kind
        for path in sorted(source.rglob("*")):
            if not path.is_file():
                continue
            target = out / kind / path.relative_to(source)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written.append(target)
    return written

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
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from ..errors import TrainkitError
from .escape import html_text, markdown_text

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


def _html_value(value: Any) -> Any:
    return "" if value is None else value


def _markdown_join(value: Iterable[Any], separator: str = "") -> Markup:
    # The separator is the template's own text: its spaces are kept (« , », « ; »).
    return Markup(str(separator).join(markdown_text(item) for item in value))


def _html_join(value: Iterable[Any], separator: str = "") -> Markup:
    return Markup(html_text(separator).join(html_text(item) for item in value))


def make_environment(
    kind: TemplateKind,
    templates_dir: Path | None = None,
    *,
    syntax: Literal["html", "markdown"] = "html",
    filters: dict[str, Any] | None = None,
    globals: dict[str, Any] | None = None,
    trim_blocks: bool = True,
) -> jinja2.Environment:
    """The environment for one output's templates; `syntax` says what the templates write."""
    markdown = syntax == "markdown"
    env = jinja2.Environment(
        loader=template_loader(kind, templates_dir),
        autoescape=True,
        # HTML: typography is set on the finished page's text (`typography.french_html`), never on attributes.
        finalize=markdown_text if markdown else _html_value,
        undefined=jinja2.StrictUndefined,
        trim_blocks=trim_blocks,
        lstrip_blocks=trim_blocks,
        keep_trailing_newline=True,
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

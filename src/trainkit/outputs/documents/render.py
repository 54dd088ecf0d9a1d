"""HTML templates → PDF with WeasyPrint: local fonts, no network, files written atomically."""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ...errors import TrainkitError
from ...model import METHOD_LABELS, format_minutes
from ...model.offer import format_date, format_number
from ...render import MarkdownRenderer, default_templates
from ...render import make_environment as jinja_environment
from ...render.jinja import override_folders

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
# Debian's fonts-liberation (metric-compatible with Arial, with real italics), else fonts-dejavu-core.
FONT_FAMILIES: list[tuple[str, dict[tuple[str, str], str]]] = [
    ("Liberation Sans", {
        ("normal", "normal"): "LiberationSans-Regular.ttf",
        ("bold", "normal"): "LiberationSans-Bold.ttf",
        ("normal", "italic"): "LiberationSans-Italic.ttf",
        ("bold", "italic"): "LiberationSans-BoldItalic.ttf",
    }),
    ("DejaVu Sans", {
        ("normal", "normal"): "DejaVuSans.ttf",
        ("bold", "normal"): "DejaVuSans-Bold.ttf",
    }),
]
FONT_PACKAGES = "fonts-liberation (ou fonts-dejavu-core)"


class DocumentError(TrainkitError):
    """The documents cannot be produced on this machine or with these inputs; the message is for the user."""


@lru_cache(maxsize=1)
def font_files() -> dict[tuple[str, str], Path]:
    """(weight, style) → font file of the first family installed; every face is embedded in the PDFs."""
    for _, faces in FONT_FAMILIES:
        found: dict[tuple[str, str], Path] = {}
        for key, name in faces.items():
            for base in FONT_DIRS:
                match = next(iter(sorted(base.rglob(name))), None) if base.is_dir() else None
                if match is not None:
                    found[key] = match
                    break
        if ("normal", "normal") in found:
            return found
    raise DocumentError(
        f"aucune police pour les PDF : installez {FONT_PACKAGES}, par exemple "
        "« sudo apt-get install fonts-liberation »"
    )


def font_face_css() -> str:
    """@font-face rules for the family `trainkit-sans`, by local file URL only."""
    rules = []
    for (weight, style), path in font_files().items():
        rules.append(
            f'@font-face {{ font-family: "trainkit-sans"; font-weight: {weight}; font-style: {style}; '
            f'src: url("{path.as_uri()}"); }}'
        )
    return "\n".join(rules)


def make_environment(templates_dir: Path | None) -> jinja2.Environment:
    """User templates first (any file they provide wins), then trainkit's defaults."""
    renderer = MarkdownRenderer()  # a PDF has no tooltips: acronyms are explained in the glossary
    return jinja_environment(
        "documents", templates_dir,
        filters=dict(
            markdown=renderer.html,
            minutes=format_minutes,
            method=lambda key: METHOD_LABELS.get(key, key),
            date_fr=format_date,
            number=format_number,
            hours=lambda minutes: format_number(round(minutes / 60, 2)),
        ),
        globals=dict(font_face_css=lambda: Markup(font_face_css())),
    )


ALLOWED_SCHEMES = ("file", "data")


def _local_only_fetcher(refused: list[str]) -> Any:
    """WeasyPrint's URL fetcher, refusing everything but local files and inline data (and noting what it refused)."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.split(":", 1)[0].lower() not in ALLOWED_SCHEMES:
                refused.append(url)
                raise ValueError(f"accès réseau refusé pendant le rendu : {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols=ALLOWED_SCHEMES)


@dataclass
class Rendered:
    pdf: bytes
    refused_urls: list[str]


# Every PDF is tagged PDF/UA-1 (structure tree, language, title shown): readable with a screen reader.
PDF_VARIANT = "pdf/ua-1"


def _weasyprint_html() -> Any:
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango missing: weasyprint cannot load its libraries
        raise DocumentError(
            "le moteur PDF (WeasyPrint) ne trouve pas ses bibliothèques : installez-les avec "
            "« sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation » "
            f"({exc})"
        ) from None
    return HTML


_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@lru_cache(maxsize=1)
def _font_configuration() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@lru_cache(maxsize=16)
def _stylesheet(text: str, base_url: str) -> tuple[Any, list[str]]:
    """A template's inline CSS parsed once per process, its @font-face fonts loaded once (sessions come
    by the hundred and share their templates' style); with the URLs it was refused (no network)."""
    from weasyprint import CSS

    refused: list[str] = []
    css = CSS(string=text, base_url=base_url, font_config=_font_configuration(),
              url_fetcher=_local_only_fetcher(refused))
    return css, refused


def render_document(html: str, base_dir: Path) -> tuple[Any, list[str]]:
    """HTML → a laid-out WeasyPrint document (pages), and the URLs refused on the way."""
    refused: list[str] = []
    base_url = base_dir.resolve().as_uri() + "/"
    styles = _STYLE.findall(html)
    html_class = _weasyprint_html()  # reports missing libraries before any CSS is parsed
    stylesheets = []
    for text in styles:
        css, refused_by_css = _stylesheet(text, base_url)
        stylesheets.append(css)
        refused += refused_by_css
    document = html_class(
        string=_STYLE.sub("", html), base_url=base_url, url_fetcher=_local_only_fetcher(refused)
    ).render(stylesheets=stylesheets, font_config=_font_configuration())
    return document, refused


def pdf_bytes(document: Any, pages: list[Any] | None = None, title: str | None = None) -> bytes:
    """The document (or some of its pages) as a tagged PDF; `title` replaces the HTML title."""
    if pages is not None:
        document = document.copy(pages)
    if title is not None:
        document.metadata.title = title
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(html: str, base_dir: Path) -> Rendered:
    """HTML → PDF bytes; relative URLs (a logo in the user's templates folder) resolve against `base_dir`."""
    document, refused = render_document(html, base_dir)
    return Rendered(pdf_bytes(document), refused)


def split_by_anchor(document: Any, anchors: list[str]) -> dict[str, list[Any]]:
    """Pages of a many-document render, grouped by the anchor (`id`) each part starts with.

    Rendering N certificates as one HTML and splitting the pages costs one layout instead
    of N; each part must start on a new page with an element carrying its anchor."""
    wanted = set(anchors)
    groups: dict[str, list[Any]] = {anchor: [] for anchor in anchors}
    current: str | None = None
    for page in document.pages:
        starts = [a for a in page.anchors if a in wanted]
        if starts:
            current = starts[0]
        if current is not None:
            groups[current].append(page)
    empty = [anchor for anchor, pages in groups.items() if not pages]
    if empty:
        raise DocumentError(f"gabarit de document : la page de « {empty[0]} » est introuvable (chaque document "
                            "doit commencer par un élément portant son id, sur une nouvelle page)")
    return groups


def base_dir_for(templates_dir: Path | None) -> Path:
    folders = override_folders("documents", templates_dir)
    return folders[0] if folders else default_templates() / "documents"


def write_atomically(target: Path, data: bytes) -> Path:
    """Write to a temporary file beside `target`, then move it: a reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temporary, "xb") as stream:  # the usual permissions, unlike mkstemp's 0600
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target

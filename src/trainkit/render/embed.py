"""Sanitised HTML placed inside a Markdown page that MkDocs (or Zensical) renders.

The profile renders an author's Markdown to safe HTML; the site's page templates write Markdown.
Embedded as a raw HTML block, the HTML reaches the page untouched. Its top-level headings are
written back as Markdown headings so that the page's table of contents and search sections keep
them. Characters Markdown would read in its text are written as character references, so nothing
in it becomes Markdown again, even in an inline context (a table cell).
"""

from __future__ import annotations

import html as html_lib
import re

from markupsafe import Markup

from .escape import markdown_text
from .typography import _TAGS_ONLY as _TAG  # one definition of what a tag is

_MARKDOWN_IN_TEXT = re.compile(r"[\\`*_{}\[\]|!#~^$]")
_ASCII_SPACE_CHARS = " \t\n\r\f\v"
_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_TOP_HEADING = re.compile(r"^<h([1-6])(?:\s[^>]*)?>(.*?)</h\1>$", re.S)


def _inert_text(html: str) -> str:
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(html):
        out.append(_MARKDOWN_IN_TEXT.sub(lambda m: f"&#{ord(m.group(0))};", html[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_MARKDOWN_IN_TEXT.sub(lambda m: f"&#{ord(m.group(0))};", html[position:]))
    return "".join(out)


def _top_level_blocks(html: str) -> list[str]:
    """Split the HTML Python-Markdown writes (one top-level element per line group) at top-level headings."""
    return re.split(r"\n(?=<h[1-6][\s>])|(?<=</h[1-6]>)\n", html)


def block(html: str) -> Markup:
    """Sanitised HTML as Markdown: raw HTML blocks, with top-level headings as Markdown headings."""
    if not html.strip():
        return Markup("")
    pieces: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        body = "\n".join(p for p in pending if p.strip())
        if body:
            # No blank line inside: Markdown keeps the whole <div> as one raw block.
            lines = "\n".join(line for line in _inert_text(body).splitlines() if line.strip())
            pieces.append(f'<div class="tk-text">\n{lines}\n</div>')
        pending.clear()

    for piece in _top_level_blocks(html.strip()):
        heading = _TOP_HEADING.match(piece.strip())
        if heading:
            flush()
            text = html_lib.unescape(re.sub(r"<[^>]+>", "", heading.group(2)))
            pieces.append(f"{'#' * int(heading.group(1))} {markdown_text(text)}")
        else:
            pending.append(piece)
    flush()
    return Markup("\n\n" + "\n\n".join(pieces) + "\n\n")


def inline(html: str) -> Markup:
    """Sanitised HTML of a short text on one line, its outer paragraph removed (for lists and cells)."""
    text = html.strip()
    if text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1:
        text = text[3:-4]
    # Line breaks and runs of spaces become one space; the no-break spaces of French typography stay.
    return Markup(_ASCII_SPACES.sub(" ", _inert_text(text)).strip(_ASCII_SPACE_CHARS))

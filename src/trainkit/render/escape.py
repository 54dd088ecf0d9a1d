"""Plain text made inert: for HTML, and for Markdown that MkDocs will render.

In Markdown, a plain-text field (a title, an objective) must show every character as typed:
no link, no emphasis, no HTML. Each character Markdown or HTML would read is written as an HTML
character reference (`[` → `&#91;`): Python-Markdown passes references through, and the browser
shows the character. The result is therefore safe both as Markdown and as HTML.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from .typography import french

_MARKDOWN_SPECIAL = re.compile(r"[&<>\"\\`*_{}\[\]()#+!|~^=:$-]")
_REFERENCES = {c: f"&#{ord(c)};" for c in "\"\\`*_{}[]()#+!|~^=:$-"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters that only matter at the start of a line, or when repeated: kept as typed elsewhere so
# that the Markdown source stays readable (« Sud-Est », « 9h-12h », « Durée : 2 h »).
_ONLY_AT_START = set("-+#=:")


def one_line(text: str) -> str:
    return " ".join(text.split())


def markdown_text(text: Any) -> Markup:
    """A plain-text value as inert Markdown (one line, French typography, every marker neutralised)."""
    if text is None:
        return Markup("")
    if isinstance(text, Markup):
        return text
    return _markdown_text(str(text))


@lru_cache(maxsize=8192)
def _markdown_text(text: str) -> Markup:
    # A module's title, a method's name, a label: the same values come back on page after page.
    value = french(one_line(text))

    def reference(match: re.Match[str]) -> str:
        char = match.group(0)
        if char in _ONLY_AT_START and match.start() > 0 and value[match.start() - 1] not in char:
            return char
        return _REFERENCES[char]

    return Markup(_MARKDOWN_SPECIAL.sub(reference, value))


def html_text(text: Any) -> Markup:
    """A plain-text value as HTML text (escaped, French typography)."""
    if text is None:
        return Markup("")
    if isinstance(text, Markup):
        return text
    return _html_text(str(text))


@lru_cache(maxsize=8192)
def _html_text(text: str) -> Markup:
    # A method's name, a lever, a label: the same few values again and again.
    return escape(french(text))  # Markup: the theme and templates print it as it is

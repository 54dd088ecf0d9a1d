"""The rendering profile shared by every output: Markdown, sanitising, escaping, typography, Jinja.

Each name is imported from its module when first used: `trainkit validate` needs only `words` and
`urls`, and Markdown and Jinja would add a tenth of a second to its start. `sanitize` is the exception:
the function shares its name with its module, which the import system would put in its place as soon as
the module is imported, so it is bound here at once (14 ms).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .sanitize import dropped_by_sanitizer, sanitize

if TYPE_CHECKING:
    from .escape import html_text, markdown_text
    from .jinja import copy_default_templates, default_templates, make_environment
    from .markdown import PROFILE_EXTENSIONS, MarkdownRenderer, glossary_terms
    from .typography import french, french_html, french_markdown

_MODULE_OF = {
    "html_text": "escape", "markdown_text": "escape",
    "copy_default_templates": "jinja", "default_templates": "jinja", "make_environment": "jinja",
    "PROFILE_EXTENSIONS": "markdown", "MarkdownRenderer": "markdown", "glossary_terms": "markdown",
    "french": "typography", "french_html": "typography", "french_markdown": "typography",
}

__all__ = [
    "PROFILE_EXTENSIONS", "MarkdownRenderer", "copy_default_templates", "default_templates",
    "dropped_by_sanitizer", "french", "french_html", "french_markdown", "glossary_terms", "html_text",
    "make_environment", "markdown_text", "sanitize",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
    globals()[name] = value  # asked once
    return value

"""The rendering profile shared by every output: Markdown, sanitising, escaping, typography, Jinja."""

from .escape import html_text, markdown_text
from .jinja import copy_default_templates, default_templates, make_environment
from .markdown import PROFILE_EXTENSIONS, MarkdownRenderer, glossary_terms
from .sanitize import dropped_by_sanitizer, sanitize
from .typography import french, french_html, french_markdown

__all__ = [
    "PROFILE_EXTENSIONS", "MarkdownRenderer", "copy_default_templates", "default_templates",
    "dropped_by_sanitizer", "french", "french_html", "french_markdown", "glossary_terms", "html_text",
    "make_environment", "markdown_text", "sanitize",
]

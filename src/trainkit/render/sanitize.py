"""What an author's Markdown may become in HTML: an allow-list applied after rendering (nh3/ammonia).

Kept: what Markdown and the profile's extensions produce — headings, paragraphs, lists, tables,
quotes, code, emphasis, links to http(s)/mailto/relative targets, relative images, `abbr`,
`details` and admonitions, definition lists. Dropped: scripts, styles, event handlers,
`javascript:` and `data:` URLs, iframes, objects, embeds, forms, inline styles.
"""

from __future__ import annotations

from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href", "target"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "details": {"open"},
    "div": {"role", "tabindex", "aria-label"},
    "span": {"aria-hidden"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Elements whose content goes with them (the rest of an unknown tag's text is kept as text).
CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "form", "template", "noscript",
                      "svg", "math", "select", "textarea", "button"}

_KW = dict(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    clean_content_tags=CLEAN_CONTENT_TAGS,
    link_rel="noopener",
    strip_comments=True,
)


def _relative_image(tag: str, attribute: str, value: str) -> str | None:
    # Images are carried into the outputs from the curriculum folder: a web image would be a request
    # to another host (privacy, offline use), and data: URLs are refused.
    if tag == "img" and attribute == "src":
        lowered = value.strip().lower()
        if lowered.startswith(("http:", "https:", "//", "data:", "mailto:")):
            return None
    return value


def markdown_needs_sanitizing(source: str) -> bool:
    """Whether Python-Markdown's HTML for `source` can hold anything outside the allow-list.

    Without raw HTML or autolinks (<), attribute lists ({), character references (&) and links or
    images (](, ]:, ][), Markdown only writes the tags of its own syntax, all allowed: most texts of a
    curriculum are such plain prose, and skipping the sanitiser for them saves a fifth of an export."""
    return "<" in source or "{" in source or "&" in source or "](" in source or "]:" in source or "][" in source


def sanitize(html: str) -> str:
    """The HTML with everything outside the allow-list removed."""
    if not html:
        return html
    return nh3.clean(html, attribute_filter=_relative_image, **_KW)


class _Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(f"la balise <{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.found.append(f"l'attribut {name} de <{tag}>")
            elif name in ("href", "src") and value is not None:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
                if scheme and scheme not in URL_SCHEMES:
                    self.found.append(f"l'adresse « {scheme}: » de <{tag}>")
                elif tag == "img" and _relative_image(tag, name, value) is None:
                    self.found.append(f"l'image hors du curriculum « {value[:60]} »")

    def handle_comment(self, data: str) -> None:
        pass


def dropped_by_sanitizer(html: str) -> list[str]:
    """What `sanitize` would remove from `html`, described for the author (for `trainkit validate`)."""
    if "<" not in html:
        return []
    parser = _Inventory()
    parser.feed(html)
    parser.close()
    return list(dict.fromkeys(parser.found))

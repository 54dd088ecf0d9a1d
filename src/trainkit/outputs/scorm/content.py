"""Learner Markdown → HTML pages for a SCO, and the documents those pages link to.

A SCO is one session; its content is cut into pages so the runtime has a place
to save and restore (`cmi.core.lesson_location` / `cmi.location`). Pages break
before the content's top-level headings; content without headings is cut at
paragraph boundaries once a page is long enough to read on a phone.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import Registry
from markupsafe import Markup, escape

from ...check.resources import resource_file_path
from ...model.glossary import Glossary
from ..markdown_text import blank_line_before_lists

# Characters of text after which a page without headings may end; a page ends
# early only at a paragraph that opens with a bold lead (« **Titre.** … »), and
# is forced to end past twice that length.
PAGE_TARGET_CHARS = 1500
# A last page shorter than this is merged into the previous one.
PAGE_MIN_TAIL_CHARS = 350

PAGE_BREAK_TAG = "tk-page-break"
_PAGE_BREAK = f"<{PAGE_BREAK_TAG}></{PAGE_BREAK_TAG}>"

DOCUMENTS_DIR = "documents"
_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]")


class ScormExportError(ValueError):
    """Something in the curriculum prevents a self-contained package; the message is French."""


@dataclass(frozen=True)
class Page:
    label: str
    html: Markup


@dataclass
class Documents:
    """Curriculum files a package carries: curriculum-relative path → path in the package."""

    root: Path
    paths: dict[str, str] = field(default_factory=dict)

    def add(self, relative: str, where: str) -> str:
        """The package path of curriculum file `relative`; raises when it is not a file of the curriculum."""
        absolute = resource_file_path(self.root, relative)
        if absolute is None:
            raise ScormExportError(
                f"{where} : le fichier « {relative} » est hors du dossier du curriculum ; "
                "il ne peut pas être mis dans le paquet"
            )
        if not absolute.is_file():
            raise ScormExportError(
                f"{where} : le fichier « {relative} » n'existe pas "
                "(le chemin est relatif au dossier du curriculum)"
            )
        key = absolute.relative_to(self.root.resolve()).as_posix()
        if key not in self.paths:
            target = f"{DOCUMENTS_DIR}/{_safe_path(key)}"
            # Markdown documents become readable pages; other files travel as they are.
            if target.lower().endswith(".md"):
                target = target[:-3] + ".html"
            if target in self.paths.values():
                raise ScormExportError(
                    f"{where} : « {relative} » et un autre fichier du curriculum donneraient tous deux "
                    f"« {target} » dans le paquet ; renommez l'un des deux"
                )
            self.paths[key] = target
        return self.paths[key]


def _safe_path(path: str) -> str:
    """The path with plain ASCII names: no escaping needed in hrefs, nothing for an LMS's unzip to mangle."""
    def clean(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        return re.sub(r"-{2,}", "-", _UNSAFE_CHARS.sub("-", text)).strip("-")

    parts = []
    for part in path.split("/"):
        stem, dot, extension = part.rpartition(".")
        if not dot or not stem:
            stem, extension = part, ""
        parts.append((clean(stem) or "fichier") + ("." + clean(extension) if extension else ""))
    return "/".join(parts)


def relative_href(from_file: str, to_file: str) -> str:
    """The link from one package file to another (both package-relative POSIX paths)."""
    return _relative_from_folder(posixpath.dirname(from_file), to_file)


@lru_cache(maxsize=4096)
def _relative_from_folder(folder: str, to_file: str) -> str:
    # Every SCO of a package sits in the same folder: the same few links are computed again and again.
    return posixpath.relpath(to_file, folder or ".")


class _ListAfterParagraph(Preprocessor):
    """Authors write a list right under a line (« **Les cinq engagements**\\n1. … »); Python-Markdown
    would fold it into the paragraph, so a blank line is added before such a list."""

    def run(self, lines: list[str]) -> list[str]:
        return blank_line_before_lists(lines)


# Python-Markdown tries every block processor on every block and every inline pattern on every
# piece of text, and looks for every glossary term in every text: a third of its time or more.
# A processor or pattern cannot match a text that holds none of its triggers (strings, or patterns
# to search), so it is left out for that text and the HTML is unchanged (tests/test_scorm_speed.py
# renders a corpus both ways). Triggers are looked for in
# the text as the block parser gets it (tabs made spaces, \r made \n); nested blocks (in list
# items, quotes) are pieces of it less indentation and quote marks: hence the spaces and ">"
# allowed before a setext underline.
# A processor or pattern not named here (an extension's, a later version's) always runs; the
# corpus test is what tells whether a Markdown upgrade changed what these names mean.
@dataclass(frozen=True)
class _Search:
    """A trigger found by a regular expression, only looked for when one of `chars` is in the text."""

    pattern: re.Pattern[str]
    chars: frozenset[str]


_Trigger = str | _Search
BLOCK_PROCESSOR_TRIGGERS: dict[str, tuple[_Trigger, ...]] = {
    "indent": (" " * 4,),
    "code": (" " * 4,),
    "table": ("|",),
    "hashheader": ("#",),
    "setextheader": (_Search(re.compile(r"\n[ >]*[=-]"), frozenset("=-")),),
    "hr": ("-", "_", "*"),
    "olist": (_Search(re.compile(r"\d\. "), frozenset(".")),),
    "ulist": ("* ", "+ ", "- "),
    "quote": (">",),
    "abbr": ("*[",),
    "reference": ("]:",),
}
INLINE_PATTERN_TRIGGERS: dict[str, tuple[_Trigger, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("*", "_"),
    "not_strong": ("*", "_"),
}


_Checks = tuple[tuple[str, "frozenset[str] | None", tuple[_Trigger, ...]], ...]


def _checks(registry: Registry, triggers: dict[str, tuple[_Trigger, ...]]) -> _Checks:
    """For each processor in order: its name, its one-character triggers, its other triggers
    (None: no trigger known, it always runs)."""
    checks = []
    for item in registry._priority:  # noqa: SLF001 - the registry's names and priorities, in order
        known = triggers.get(item.name)
        if known is None:
            checks.append((item.name, None, ()))
        else:
            single = frozenset(t for t in known if isinstance(t, str) and len(t) == 1)
            checks.append((item.name, single, tuple(t for t in known if not (isinstance(t, str) and len(t) == 1))))
    return tuple(checks)


def _kept(checks: _Checks, text: str, chars: set[str]) -> tuple[str, ...]:
    kept = []
    for name, single, others in checks:
        if single is None or not single.isdisjoint(chars):
            kept.append(name)
            continue
        for trigger in others:
            if isinstance(trigger, str):
                if trigger[0] in chars and trigger in text:
                    kept.append(name)
                    break
            elif not trigger.chars.isdisjoint(chars) and trigger.pattern.search(text):
                kept.append(name)
                break
    return tuple(kept)


class _SkipWhatCannotMatch(Preprocessor):
    """The last preprocessor: hands the block parser and the inline processor only the processors
    and patterns the text can trigger (one registry per combination, kept for the next texts)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._every: tuple[Registry, Registry, _Checks, _Checks] | None = None
        self._registries: dict[tuple[bool, tuple[str, ...]], Registry] = {}

    def _registry(self, every: Registry, inline: bool, kept: tuple[str, ...]) -> Registry:
        registry = self._registries.get((inline, kept))
        if registry is None:
            registry = self._registries[inline, kept] = Registry()
            for item in every._priority:  # noqa: SLF001
                if item.name in kept:
                    registry.register(every[item.name], item.name, item.priority)
        return registry

    def run(self, lines: list[str]) -> list[str]:
        if self._every is None:  # every processor and pattern, as the extensions left them
            blocks, patterns = self.md.parser.blockprocessors, self.md.inlinePatterns
            self._every = (
                blocks, patterns, _checks(blocks, BLOCK_PROCESSOR_TRIGGERS), _checks(patterns, INLINE_PATTERN_TRIGGERS)
            )
        blocks, patterns, block_checks, pattern_checks = self._every
        text = "\n".join(lines)
        chars = set(text)
        self.md.parser.blockprocessors = self._registry(blocks, False, _kept(block_checks, text, chars))
        self.md.treeprocessors["inline"].inlinePatterns = self._registry(
            patterns, True, _kept(pattern_checks, text, chars)
        )
        if "abbr" in self.md.treeprocessors:
            abbr = self.md.treeprocessors["abbr"]
            if isinstance(abbr, _AbbrWhereUsed):
                abbr.needed = abbr.may_match(text)
        return lines


class _AbbrWhereUsed(Treeprocessor):
    """The abbr extension's treeprocessor, run only on a text where an abbreviation may be: it walks
    the whole tree and builds a regular expression of the glossary's terms for every text."""

    def __init__(self, md: markdown.Markdown, inner: Treeprocessor) -> None:
        super().__init__(md)
        self.inner = inner
        self.needed = True
        self._terms: tuple[int, re.Pattern[str] | None] | None = None

    def may_match(self, text: str) -> bool:
        abbrs = getattr(self.inner, "abbrs", None)
        if not isinstance(abbrs, dict) or "*[" in text:
            return True  # an unknown implementation, or abbreviations defined in the text itself
        if not abbrs:
            return False
        if self._terms is None or self._terms[0] != len(abbrs):
            # The glossary: what abbrs holds before the block parser reads definitions. Backslashes are
            # set aside so that an escaped character (« C\.A\.F ») never hides a term from this check,
            # which may say yes too often, never too rarely.
            terms = sorted(abbrs, key=len, reverse=True)
            searchable = all("\\" not in term for term in terms)
            self._terms = (len(abbrs), re.compile("|".join(map(re.escape, terms))) if searchable else None)
        pattern = self._terms[1]
        return pattern is None or pattern.search(text.replace("\\", "")) is not None

    def run(self, root: etree.Element) -> etree.Element | None:
        return self.inner.run(root) if self.needed else None


class _PackageTreeprocessor(Treeprocessor):
    """Headings under the SCO's h1, links made safe inside an LMS frame, files carried, pages cut."""

    def __init__(self, md: markdown.Markdown, renderer: "ContentRenderer") -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        self._normalise_headings(root)
        tables: list[tuple[etree.Element, int, etree.Element]] = []
        for parent in list(root.iter()):  # a snapshot: the loop adds elements
            for index, child in enumerate(parent):
                if child.tag == "a":
                    self._link(child)
                elif child.tag == "img":
                    self._image(child)
                elif child.tag == "table":
                    tables.append((parent, index, child))
        for parent, index, table in tables:
            parent.remove(table)
            parent.insert(index, self._scrollable(table))
        if self.renderer.split_pages:
            self._cut_pages(root)

    def _normalise_headings(self, root: etree.Element) -> None:
        levels = [int(el.tag[1]) for el in root.iter() if el.tag in _HEADINGS]
        if not levels:
            return
        top = min(levels)
        # A SCO page's h1 is the session title, so content starts at h2; a document keeps its own h1.
        shift = 0 if (self.renderer.document_mode and top == 1) else 2 - top
        if shift:
            for el in root.iter():
                if el.tag in _HEADINGS:
                    el.tag = f"h{max(2, min(6, int(el.tag[1]) + shift))}"

    def _link(self, link: etree.Element) -> None:
        href = link.get("href", "")
        if href.startswith(("http://", "https://", "//")):
            # Many sites refuse to be framed, and leaving the SCO's frame would end the session.
            link.set("target", "_blank")
            link.set("rel", "noopener")
            hint = etree.SubElement(link, "span", {"class": "visually-hidden"})
            hint.text = " (nouvelle fenêtre)"
        elif href and not href.startswith("#") and not _SCHEME_RE.match(href):
            link.set("href", self.renderer.carry(href))
            link.set("target", "_blank")
            hint = etree.SubElement(link, "span", {"class": "visually-hidden"})
            hint.text = " (nouvelle fenêtre)"

    def _image(self, image: etree.Element) -> None:
        src = image.get("src", "")
        if src.startswith(("http://", "https://", "//")):
            raise ScormExportError(
                f"{self.renderer.where} : l'image « {src} » est sur le web ; un paquet SCORM doit "
                "fonctionner hors ligne : placez l'image dans le dossier du curriculum"
            )
        if src and not src.startswith("data:"):
            image.set("src", self.renderer.carry(src))

    @staticmethod
    def _scrollable(table: etree.Element) -> etree.Element:
        # A wide table scrolls inside its own box on a phone; focusable so the keyboard can scroll it.
        box = etree.Element("div", {"class": "table", "role": "region", "tabindex": "0", "aria-label": "Tableau"})
        box.append(table)
        box.tail, table.tail = table.tail, None
        return box

    def _cut_pages(self, root: etree.Element) -> None:
        children = list(root)
        if not children:
            return
        sizes = [len("".join(child.itertext())) for child in children]
        headings = [child.tag == "h2" for child in children]
        breaks: list[int] = []
        if any(headings):
            breaks = [i for i, is_heading in enumerate(headings) if is_heading and i > 0]
        else:
            remaining = sum(sizes)
            length = 0
            for i, size in enumerate(sizes):
                if i and length >= PAGE_TARGET_CHARS and remaining >= PAGE_MIN_TAIL_CHARS:
                    if _opens_with_bold_lead(children[i]) or length >= 2 * PAGE_TARGET_CHARS:
                        breaks.append(i)
                        length = 0
                length += size
                remaining -= size
        labels = [_page_label(children[0])]
        for offset, i in enumerate(breaks):
            root.insert(i + offset, etree.Element(PAGE_BREAK_TAG))
            labels.append(_page_label(children[i]))
        self.renderer.labels = labels


def _opens_with_bold_lead(element: etree.Element) -> bool:
    if element.tag != "p" or (element.text or "").strip():
        return False
    first = next(iter(element), None)
    return first is not None and first.tag in ("strong", "b")


def _page_label(element: etree.Element) -> str:
    if element.tag in _HEADINGS:
        return " ".join("".join(element.itertext()).split())
    if _opens_with_bold_lead(element):
        lead = " ".join("".join(element[0].itertext()).split()).rstrip(" .:;,")
        if lead:
            return lead
    return ""


class _ExternalAssets(HTMLParser):
    """Raw HTML written in the content: what it would load from the web or from a folder."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.external: list[str] = []
        self.relative: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in ("src", "srcset", "poster", "data") or (name == "href" and tag == "link"):
                target = self.external if value.startswith(("http://", "https://", "//")) else self.relative
                if not value.startswith("data:"):
                    target.append(value)
            elif name == "href" and not value.startswith(("#", "http://", "https://")) and not _SCHEME_RE.match(value):
                self.relative.append(value)


_WEB_LINK = re.compile(r'<a href="((?:https?:)?//[^"]*)"')
# What _ExternalAssets looks at: attributes that load or link something (the form itself has none).
_LOADS_OR_LINKS = re.compile(r"\b(?:src|srcset|poster|data|href)\s*=", re.IGNORECASE)


def check_quiz_html(form: str, where: str) -> str:
    """An evaluation form (rendered by the shared quiz layer) made fit for a package: nothing loaded from
    the web, no curriculum file it would need, links to the web opening outside the LMS's frame."""
    if not _LOADS_OR_LINKS.search(form):
        return form  # the common case: nothing to look at closely
    scan = _ExternalAssets()
    scan.feed(form)
    scan.close()
    if scan.external:
        raise ScormExportError(
            f"{where} : le texte charge « {scan.external[0]} » depuis le web ; "
            "un paquet SCORM doit fonctionner hors ligne"
        )
    if scan.relative:
        raise ScormExportError(
            f"{where} : le texte pointe vers « {scan.relative[0]} » ; une évaluation ne peut pas "
            "emporter de fichier dans le paquet : mettez ce document dans une séquence"
        )
    return _WEB_LINK.sub(r'<a href="\1" target="_blank" rel="noopener"', form)


class _PackageExtension(Extension):
    def __init__(self, renderer: "ContentRenderer") -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.register(_ListAfterParagraph(md), "tk_list_after_paragraph", 25)
        if self.renderer.skip_what_cannot_match:
            md.preprocessors.register(_SkipWhatCannotMatch(md), "tk_skip_what_cannot_match", 0)
            abbr = next((item for item in md.treeprocessors._priority if item.name == "abbr"), None)  # noqa: SLF001
            if abbr is not None:
                md.treeprocessors.register(_AbbrWhereUsed(md, md.treeprocessors["abbr"]), "abbr", abbr.priority)
        # After attr_list (8) and abbr (7), before the unescaping of inline placeholders (0).
        md.treeprocessors.register(_PackageTreeprocessor(md, self.renderer), "tk_package", 5)


class ContentRenderer:
    """One Markdown engine per export, reset between texts (building one costs more than a page)."""

    def __init__(self, glossary: Glossary, documents: Documents, *, skip_what_cannot_match: bool = True) -> None:
        self.documents = documents
        self.skip_what_cannot_match = skip_what_cannot_match  # False: Python-Markdown as it comes (tests)
        self.glossary = {term.term: term.expansion for term in glossary.terms}
        self._md = markdown.Markdown(
            extensions=["tables", "attr_list", "abbr", _PackageExtension(self)],
            extension_configs={"abbr": {"glossary": self.glossary}},
            output_format="html",
        )
        # Titles are escaped before acronyms are marked, so match the escaped forms.
        self._escaped_terms = {str(escape(t)): e for t, e in self.glossary.items()}
        self._abbr_re = (
            re.compile(
                r"(?<!\w)("
                + "|".join(re.escape(t) for t in sorted(self._escaped_terms, key=len, reverse=True))
                + r")(?!\w)"
            )
            if self.glossary
            else None
        )
        # Set for each conversion:
        self.where = ""
        self.from_file = ""
        self.base_dir = ""
        self.split_pages = False
        self.document_mode = False
        self.labels: list[str] = []
        # Package paths of the documents linked from what was converted since the caller reset it.
        self.linked: set[str] = set()

    def carry(self, href: str) -> str:
        """Put the curriculum file `href` points at into the package; the link to it from the page."""
        path, _, fragment = href.partition("#")
        path = unquote(path.split("?", 1)[0])
        relative = posixpath.normpath(posixpath.join(self.base_dir, path)) if self.base_dir else path
        target = self.documents.add(relative, self.where)
        self.linked.add(target)
        link = relative_href(self.from_file, target)
        return f"{link}#{fragment}" if fragment else link

    def _convert(self, text: str) -> str:
        self._md.reset()  # also puts the glossary back into the abbr extension
        body = self._md.convert(text)
        self._check_raw_html()
        return body

    def _check_raw_html(self) -> None:
        blocks = self._md.htmlStash.rawHtmlBlocks
        if not blocks:
            return
        scan = _ExternalAssets()
        for block in blocks:
            scan.feed(str(block))
        scan.close()
        if scan.external:
            raise ScormExportError(
                f"{self.where} : le HTML du contenu charge « {scan.external[0]} » depuis le web ; "
                "un paquet SCORM doit fonctionner hors ligne"
            )
        if scan.relative:
            raise ScormExportError(
                f"{self.where} : le HTML du contenu pointe vers « {scan.relative[0]} » ; "
                "écrivez ce lien ou cette image en Markdown ([texte](chemin), ![texte](chemin)) "
                "pour que le fichier soit mis dans le paquet"
            )

    def pages(self, text: str, *, where: str, from_file: str) -> list[Page]:
        """Session content cut into pages; `from_file` is the page's path in the package."""
        self.where, self.from_file, self.base_dir = where, from_file, ""
        self.split_pages, self.document_mode, self.labels = True, False, []
        body = self._convert(text)
        parts = body.split(_PAGE_BREAK)
        labels = self.labels + [""] * (len(parts) - len(self.labels))
        return [Page(label, Markup(part.strip())) for label, part in zip(labels, parts)]

    def document(self, text: str, *, where: str, from_file: str, base_dir: str) -> Markup:
        """A Markdown document of the curriculum as one HTML body (its links are relative to its folder)."""
        self.where, self.from_file, self.base_dir = where, from_file, base_dir
        self.split_pages, self.document_mode, self.labels = False, True, []
        return Markup(self._convert(text))

    def abbreviate(self, text: str) -> Markup:
        """Plain text (titles, objectives) escaped, with the glossary's acronyms explained."""
        escaped = str(escape(text))
        if self._abbr_re is None:
            return Markup(escaped)

        def wrap(match: re.Match[str]) -> str:
            term = match.group(1)
            return f'<abbr title="{html.escape(self._escaped_terms[term], quote=True)}">{term}</abbr>'

        return Markup(self._abbr_re.sub(wrap, escaped))

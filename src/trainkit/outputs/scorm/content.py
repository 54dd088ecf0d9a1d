"""Learner Markdown → HTML pages for a SCO, and the documents those pages link to.

A SCO is one session; its content is cut into pages so the runtime has a place
to save and restore (`cmi.core.lesson_location` / `cmi.location`). Pages break
before the content's top-level headings; content without headings is cut at
paragraph boundaries once a page is long enough to read on a phone.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ...errors import TrainkitError
from ...model.glossary import Glossary
from ...render import MarkdownRenderer, glossary_terms
from ...load.paths import resource_file_path

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
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]")


class ScormExportError(TrainkitError, ValueError):
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
        # A SCO page's h1 is the session title, so content starts at h2 (h3 under the session's h2 in a
        # one-SCO package); a document keeps its own h1.
        base = 2 if self.renderer.document_mode else self.renderer.content_level
        shift = 0 if (self.renderer.document_mode and top == 1) else base - top
        if shift:
            for el in root.iter():
                if el.tag in _HEADINGS:
                    el.tag = f"h{max(base, min(6, int(el.tag[1]) + shift))}"

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
        headings = [child.tag == f"h{self.renderer.content_level}" for child in children]
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


_WEB_LINK = re.compile(r'<a href="((?:https?:)?//[^"]*)"')


def check_quiz_html(form: str, where: str) -> str:
    """An evaluation form (rendered by the shared quiz layer) made fit for a package: links to the
    web open outside the LMS's frame (the form's texts were sanitised by the Markdown profile)."""
    return _WEB_LINK.sub(r'<a href="\1" target="_blank"', form)


class _PackageExtension(Extension):
    def __init__(self, renderer: "ContentRenderer") -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        # After attr_list (8), abbr (7) and the unescaping of backslash escapes (0): a link's target is
        # read as the author wrote it (« a\\_b.md » is a_b.md, not a placeholder).
        md.treeprocessors.register(_PackageTreeprocessor(md, self.renderer), "tk_package", -5)


class ContentRenderer:
    """The Markdown profile (`trainkit.render`) with the package's link handling: curriculum files a
    page links to are carried into the package, web links open outside the LMS's frame, pages cut."""

    def __init__(self, glossary: Glossary, documents: Documents, *, skip_what_cannot_match: bool = True,
                 content_level: int = 2) -> None:
        self.documents = documents
        self.content_level = content_level  # the level of a session content's top headings
        self.markdown = MarkdownRenderer(
            glossary_terms(glossary), [_PackageExtension(self)], skip_what_cannot_match=skip_what_cannot_match
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

    def pages(self, text: str, *, where: str, from_file: str) -> list[Page]:
        """Session content cut into pages; `from_file` is the page's path in the package."""
        self.where, self.from_file, self.base_dir = where, from_file, ""
        self.split_pages, self.document_mode, self.labels = True, False, []
        parts = self.markdown.convert_unsafe(text).split(_PAGE_BREAK)
        labels = self.labels + [""] * (len(parts) - len(self.labels))
        return [Page(label, self.markdown.finish(part.strip(), source=text))
                for label, part in zip(labels, parts)]

    def document(self, text: str, *, where: str, from_file: str, base_dir: str) -> Markup:
        """A Markdown document of the curriculum as one HTML body (its links are relative to its folder)."""
        self.where, self.from_file, self.base_dir = where, from_file, base_dir
        self.split_pages, self.document_mode, self.labels = False, True, []
        return self.markdown.finish(self.markdown.convert_unsafe(text), source=text)

    def abbreviate(self, text: str) -> Markup:
        """Plain text (titles, objectives) escaped, with the glossary's acronyms explained."""
        return self.markdown.text(text)

"""The one Markdown profile: how an author's Markdown becomes HTML in every output.

Site, SCORM packages, quizzes and PDFs all render the curriculum's Markdown here, with the
same extensions the generated `mkdocs.yml` declares (`PROFILE_EXTENSIONS`), then sanitise it
(`sanitize.py`) and set French typography (`typography.py`). Plain-text fields (titles,
objectives, choices…) are never Markdown: `MarkdownRenderer.text` escapes them.

Speed: Python-Markdown tries every block processor on every block and every inline pattern on
every piece of text. A processor cannot match a text that holds none of its triggers, so it is
left out for that text (`_SkipWhatCannotMatch`); the HTML is the same (tests/test_scorm_speed.py
renders a corpus both ways). Only Python-Markdown's public registry API is used.
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import Registry
from markupsafe import Markup, escape

from .sanitize import markdown_needs_sanitizing, sanitize
from .typography import french, french_html

# The extensions of the profile, with their settings: also written into the site's mkdocs.yml.
PROFILE_EXTENSIONS: list[str | dict] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "sane_lists",
    "tables",
]

LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
FENCE = re.compile(r"^\s*(```|~~~)")


def blank_line_before_lists(lines: list[str]) -> list[str]:
    """Authors write a list right under a line (« **Les cinq engagements**\\n1. … »); Python-Markdown
    folds such a list into the paragraph. A blank line before it keeps it a list."""
    out: list[str] = []
    previous = ""
    in_fence = False
    for line in lines:
        if FENCE.match(line):
            in_fence = not in_fence
        elif (
            not in_fence
            and previous.strip()
            and LIST_ITEM.match(line)
            and not previous[:1].isspace()
            and not LIST_ITEM.match(previous)
            and not previous.lstrip().startswith("|")
        ):
            out.append("")
        out.append(line)
        previous = line
    return out


def fix_lists(text: str) -> str:
    return "\n".join(blank_line_before_lists(text.split("\n")))


class _ListAfterParagraph(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return blank_line_before_lists(lines)


# --- leaving out what cannot match ------------------------------------------------------------


@dataclass(frozen=True)
class _Search:
    """A trigger found by a regular expression, only looked for when one of `chars` is in the text."""

    pattern: re.Pattern[str]
    chars: frozenset[str]


_Trigger = str | _Search
# Triggers are looked for in the text as the block parser gets it (tabs made spaces, \r made \n);
# nested blocks are pieces of it less indentation and quote marks: hence the spaces and ">"
# allowed before a setext underline. A processor not named here always runs.
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
    "admonition": ("!!!",),
    "deflist": (_Search(re.compile(r"(?:^|\n) {0,3}: "), frozenset(":")),),
    "defindent": (_Search(re.compile(r"(?:^|\n) {0,3}: "), frozenset(":")),),
    # md_in_html: a block holding raw HTML, which its preprocessor has already set aside as a placeholder
    "markdown_block": ("\x02",),
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


@dataclass(frozen=True)
class _Entry:
    name: str  # the registered name, or a placeholder for a processor whose name is unknown
    item: object
    single: frozenset[str] | None  # one-character triggers; None: always runs
    others: tuple[_Trigger, ...]


def _entries(registry: Registry, triggers: dict[str, tuple[_Trigger, ...]]) -> tuple[_Entry, ...]:
    """The registry's items in priority order (public API: iteration, names looked up one by one)."""
    names = {id(registry[name]): name for name in triggers if name in registry}
    entries = []
    for index, item in enumerate(registry):
        name = names.get(id(item))
        known = triggers.get(name) if name else None
        if known is None:
            entries.append(_Entry(name or f"tk-unknown-{index}", item, None, ()))
        else:
            single = frozenset(t for t in known if isinstance(t, str) and len(t) == 1)
            others = tuple(t for t in known if not (isinstance(t, str) and len(t) == 1))
            entries.append(_Entry(name, item, single, others))
    return tuple(entries)


def _kept(entries: tuple[_Entry, ...], text: str, chars: set[str]) -> tuple[int, ...]:
    kept = []
    for index, entry in enumerate(entries):
        if entry.single is None or not entry.single.isdisjoint(chars):
            kept.append(index)
            continue
        for trigger in entry.others:
            if isinstance(trigger, str):
                if trigger[0] in chars and trigger in text:
                    kept.append(index)
                    break
            elif not trigger.chars.isdisjoint(chars) and trigger.pattern.search(text):
                kept.append(index)
                break
    return tuple(kept)


class _SkipWhatCannotMatch(Preprocessor):
    """The last preprocessor: hands the block parser and the inline processor only the processors
    and patterns the text can trigger (one registry per combination, kept for the next texts)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._every: tuple[Registry, Registry, tuple[_Entry, ...], tuple[_Entry, ...]] | None = None
        self._registries: dict[tuple[bool, tuple[int, ...]], Registry] = {}

    def _registry(self, entries: tuple[_Entry, ...], inline: bool, kept: tuple[int, ...]) -> Registry:
        registry = self._registries.get((inline, kept))
        if registry is None:
            registry = self._registries[inline, kept] = Registry()
            for rank, index in enumerate(kept):  # priorities that keep the original order
                registry.register(entries[index].item, entries[index].name, len(kept) - rank)
        return registry

    def run(self, lines: list[str]) -> list[str]:
        if self._every is None:  # every processor and pattern, as the extensions left them
            blocks, patterns = self.md.parser.blockprocessors, self.md.inlinePatterns
            self._every = (
                blocks, patterns,
                _entries(blocks, BLOCK_PROCESSOR_TRIGGERS), _entries(patterns, INLINE_PATTERN_TRIGGERS),
            )
        _, _, block_entries, pattern_entries = self._every
        text = "\n".join(lines)
        chars = set(text)
        self.md.parser.blockprocessors = self._registry(block_entries, False, _kept(block_entries, text, chars))
        self.md.treeprocessors["inline"].inlinePatterns = self._registry(
            pattern_entries, True, _kept(pattern_entries, text, chars)
        )
        abbr = self.md.treeprocessors["abbr"] if "abbr" in self.md.treeprocessors else None
        if abbr is not None and hasattr(abbr, "tk_needed"):
            abbr.tk_needed = _abbr_may_match(abbr, text)
        return lines


def _abbr_may_match(abbr: object, text: str) -> bool:
    """Whether the abbr treeprocessor (which walks the whole tree) can find a term in `text`."""
    abbrs = getattr(abbr, "abbrs", None)
    if not isinstance(abbrs, dict) or "*[" in text:
        return True  # an unknown implementation, or abbreviations defined in the text itself
    if not abbrs:
        return False
    cached = getattr(abbr, "tk_terms", None)
    if cached is None or cached[0] != len(abbrs):
        # Backslashes are set aside so that an escaped character (« C\.A\.F ») never hides a term.
        terms = sorted(abbrs, key=len, reverse=True)
        searchable = all("\\" not in term for term in terms)
        cached = (len(abbrs), re.compile("|".join(map(re.escape, terms))) if searchable else None)
        abbr.tk_terms = cached  # type: ignore[attr-defined]
    pattern = cached[1]
    return pattern is None or pattern.search(text.replace("\\", "")) is not None


def _run_abbr_only_where_needed(md: markdown.Markdown) -> None:
    if "abbr" not in md.treeprocessors:
        return
    abbr = md.treeprocessors["abbr"]
    run = abbr.run
    abbr.tk_needed = True  # type: ignore[attr-defined]

    def run_if_needed(root: etree.Element) -> etree.Element | None:
        return run(root) if abbr.tk_needed else None  # type: ignore[attr-defined]

    abbr.run = run_if_needed  # type: ignore[method-assign]


_TASK = re.compile(r"\[([ xX])\][ \t]+")


class _TaskBoxes(Treeprocessor):
    """« - [ ] Permis de conduire » as a box to tick on paper (☐, ☒ when ticked), in every output.

    A character, not a form control: it prints, it needs no script, and the sanitiser (which drops
    forms) keeps it; the site's stylesheet draws it as a box sized for a pen."""

    def run(self, root: etree.Element) -> None:
        for item in root.iter("li"):
            holder = item[0] if len(item) and item[0].tag == "p" and not (item.text or "").strip() else item
            match = _TASK.match(holder.text or "")
            if match is None:
                continue
            box = etree.Element("span", {"class": "tk-box"})
            box.text = "☐" if match.group(1) == " " else "☒"
            box.tail = " " + holder.text[match.end():]
            holder.text = None
            holder.insert(0, box)
            item.set("class", " ".join(filter(None, [item.get("class"), "tk-task"])))


class _FillInColumns(Treeprocessor):
    """A worksheet's column left empty in every row is for the reader to write in: its cells are
    marked `tk-fill`, which the outputs size for handwriting (wide, a line and a half high)."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            body = table.find("tbody")
            rows = list(body.iter("tr")) if body is not None else []
            if not rows:
                continue
            width = max(len(row) for row in rows)
            empty = [all(len(row) <= c or _is_blank(row[c]) for row in rows) for c in range(width)]
            if not any(empty):
                continue  # every column holds something: data, not a form
            for row in table.iter("tr"):
                for column, cell in enumerate(row):
                    if column < width and empty[column]:
                        cell.set("class", " ".join(filter(None, [cell.get("class"), "tk-fill"])))


def _is_blank(cell: etree.Element) -> bool:
    return not len(cell) and not (cell.text or "").strip()


class _ProfileExtension(Extension):
    def __init__(self, skip_what_cannot_match: bool) -> None:
        super().__init__()
        self.skip_what_cannot_match = skip_what_cannot_match

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.register(_ListAfterParagraph(md), "tk_list_after_paragraph", 25)
        md.treeprocessors.register(_TaskBoxes(md), "tk_task_boxes", 15)  # after the inline patterns (20)
        md.treeprocessors.register(_FillInColumns(md), "tk_fill_in_columns", 14)
        if self.skip_what_cannot_match:
            md.preprocessors.register(_SkipWhatCannotMatch(md), "tk_skip_what_cannot_match", 0)
            _run_abbr_only_where_needed(md)


# A one-line text made of these characters only, starting with a letter, is a paragraph for
# Python-Markdown and nothing else: no block marker, no inline syntax, nothing it escapes.
_PLAIN_TEXT = re.compile(r"[^\W\d_][^*_`\[\]<>&\\#|{}\x00-\x1f\x7f-\x9f\u2028\u2029]*")


class MarkdownRenderer:
    """One Markdown engine, reset between texts (building one costs more than converting a page).

    `glossary`: term → expansion, marked as `<abbr title>` wherever a term appears.
    `extensions`: an output's own Markdown extensions (the SCORM package's link handling).
    """

    def __init__(
        self,
        glossary: dict[str, str] | None = None,
        extensions: Iterable[Extension] = (),
        *,
        skip_what_cannot_match: bool = True,
    ) -> None:
        self.glossary = dict(glossary or {})
        extra = list(extensions)
        self._plain_fast_path = not extra and not self.glossary
        self._md = markdown.Markdown(
            extensions=[*PROFILE_EXTENSIONS, _ProfileExtension(skip_what_cannot_match), *extra],
            extension_configs={"abbr": {"glossary": self.glossary}},
            output_format="html",
        )
        self._texts: dict[str, Markup] = {}
        escaped_terms = {str(escape(t)): e for t, e in self.glossary.items()}
        self._escaped_terms = escaped_terms
        self._abbr_re = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(escaped_terms, key=len, reverse=True))
                       + r")(?![\w-])")
            if escaped_terms else None
        )

    def convert_unsafe(self, text: str) -> str:
        """Markdown → HTML as Python-Markdown writes it, before sanitising: for outputs that cut the
        HTML (SCORM pages) and then call `finish` on each piece."""
        self._md.reset()  # also puts the glossary back into the abbr extension
        return self._md.convert(text)

    @staticmethod
    def finish(html: str, *, source: str | None = None) -> Markup:
        """Sanitised HTML with French typography. Given the Markdown `source`, the sanitiser is skipped
        where it cannot find anything to remove."""
        clean = sanitize(html) if source is None or markdown_needs_sanitizing(source) else html
        return Markup(french_html(clean))

    def html(self, text: str | None) -> Markup:
        """An author's Markdown block as safe HTML."""
        if not text:
            return Markup("")
        if self._plain_fast_path and _PLAIN_TEXT.fullmatch(text) and not text[-1].isspace():
            # Most prompts and feedback are one plain sentence: the same <p> without the engine's cost.
            return Markup(f"<p>{french(text)}</p>")
        return self.finish(self.convert_unsafe(text), source=text)

    def text(self, text: str | None) -> Markup:
        """A plain-text field (title, objective, choice…) as HTML: escaped, acronyms explained, typeset."""
        if not text:
            return Markup("")
        done = self._texts.get(text)
        if done is None:
            # An objective or a title comes back on every page that shows it: rendered once (a renderer
            # can live as long as `trainkit serve`: the memory is bounded).
            if len(self._texts) >= 16384:
                self._texts.clear()
            done = self._texts[text] = self._text(text)
        return done

    def _text(self, text: str) -> Markup:
        escaped = str(escape(french(text)))
        if self._abbr_re is None:
            return Markup(escaped)

        def wrap(match: re.Match[str]) -> str:
            term = match.group(1)
            return f'<abbr title="{html_lib.escape(self._escaped_terms[term], quote=True)}">{term}</abbr>'

        return Markup(self._abbr_re.sub(wrap, escaped))


def glossary_terms(glossary: object) -> dict[str, str]:
    """term → expansion of a curriculum's glossary."""
    return {term.term: term.expansion for term in getattr(glossary, "terms", [])}


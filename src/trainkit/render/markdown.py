"""The one Markdown profile: how an author's Markdown becomes HTML in every output.

Site, SCORM packages, quizzes and PDFs all render the curriculum's Markdown here, with the
same extensions the generated `mkdocs.yml` declares (`PROFILE_EXTENSIONS`), then sanitise it
(`sanitize.py`) and set French typography (`typography.py`). Plain-text fields (titles,
objectives, choices…) are never Markdown: `MarkdownRenderer.text` escapes them.

Speed: Python-Markdown tries every block processor on every block and every inline pattern on
every piece of text. A processor cannot match a text that holds none of its triggers, so it is
left out for that text (`_SkipWhatCannotMatch`); so are the raw-HTML parser (no « < »), the
attribute lists (no « { »), the unescaping of backslash escapes (no « \\ ») and the glossary's
abbreviations (no term), whose pass is also done in one loop (`_Abbreviations`). The HTML is the
same (tests/test_scorm_speed.py renders a corpus both ways). Only Python-Markdown's public API is
used: its registries, and the processors' documented attributes (`run`, `abbrs`, `create_element`).
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString, Registry
from markupsafe import Markup, escape

from .sanitize import markdown_needs_sanitizing, sanitize
from .typography import french, french_html
from .words import is_word, matches

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


# A list item right under a line that is neither blank, indented, a table row nor a list item: the only
# place `blank_line_before_lists` adds a line. Most texts have none, and are then left as they are.
_LIST_UNDER_A_LINE = re.compile(
    r"^(?! {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S)[^\s|][^\n]*\n {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.M
)


def blank_line_before_lists(lines: list[str]) -> list[str]:
    """Authors write a list right under a line (« **Les cinq engagements**\\n1. … »); Python-Markdown
    folds such a list into the paragraph. A blank line before it keeps it a list."""
    if not _LIST_UNDER_A_LINE.search("\n".join(lines)):
        return lines
    return _blank_line_before_lists_line_by_line(lines)


def _blank_line_before_lists_line_by_line(lines: list[str]) -> list[str]:
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


# Tree processors that find nothing in a text without their trigger: attribute lists need « { », and
# backslash escapes (set aside by the inline « escape » pattern) need « \\ ».
TREEPROCESSOR_TRIGGERS: dict[str, str] = {"attr_list": "{", "unescape": "\\"}


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


class _Choice:
    """Which of a registry's entries a text can trigger. What the text's characters alone decide is
    worked out once per set of trigger characters present; only the triggers longer than a character
    (« * », « ]: », a pattern) are then looked for in the text itself."""

    def __init__(self, entries: tuple[_Entry, ...]) -> None:
        self.entries = entries
        self.relevant = frozenset().union(
            *(entry.single for entry in entries if entry.single is not None),
            *(({t[0]} if isinstance(t, str) else t.chars) for entry in entries for t in entry.others),
        )
        self._plans: dict[frozenset[str], tuple[tuple[int, ...], tuple[tuple[int, tuple[_Trigger, ...]], ...]]] = {}

    def _plan(self, present: frozenset[str]) -> tuple[tuple[int, ...], tuple[tuple[int, tuple[_Trigger, ...]], ...]]:
        sure, maybe = [], []
        for index, entry in enumerate(self.entries):
            if entry.single is None or not entry.single.isdisjoint(present):
                sure.append(index)
                continue
            possible = tuple(t for t in entry.others
                             if (t[0] in present if isinstance(t, str) else not t.chars.isdisjoint(present)))
            if possible:
                maybe.append((index, possible))
        return tuple(sure), tuple(maybe)

    def kept(self, text: str, chars: set[str]) -> tuple[int, ...]:
        present = self.relevant.intersection(chars)
        plan = self._plans.get(present)
        if plan is None:
            if len(self._plans) >= 4096:
                self._plans.clear()
            plan = self._plans[present] = self._plan(present)
        sure, maybe = plan
        if not maybe:
            return sure
        found = [index for index, possible in maybe
                 if any((t in text) if isinstance(t, str) else t.pattern.search(text) for t in possible)]
        return tuple(sorted((*sure, *found))) if found else sure


class _SkipWhatCannotMatch(Preprocessor):
    """The last preprocessor: hands the block parser and the inline processor only the processors
    and patterns the text can trigger (one registry per combination, kept for the next texts)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._every: tuple[Registry, Registry, _Choice, _Choice] | None = None
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
                _Choice(_entries(blocks, BLOCK_PROCESSOR_TRIGGERS)),
                _Choice(_entries(patterns, INLINE_PATTERN_TRIGGERS)),
            )
        _, _, blocks, patterns = self._every
        text = "\n".join(lines)
        chars = set(text)
        self.md.parser.blockprocessors = self._registry(blocks.entries, False, blocks.kept(text, chars))
        self.md.treeprocessors["inline"].inlinePatterns = self._registry(
            patterns.entries, True, patterns.kept(text, chars)
        )
        for name, trigger in TREEPROCESSOR_TRIGGERS.items():
            if name in self.md.treeprocessors:
                self.md.treeprocessors[name].tk_needed = trigger in text
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


def _word_boundary(text: str, start: int) -> bool:
    return (start > 0 and is_word(text[start - 1])) != is_word(text[start])


class _Abbreviations:
    """The abbr treeprocessor's pass, with the same result for less work: it runs only when a term can
    be in the text (`tk_needed`), builds its pattern once per set of terms instead of once per text,
    visits the tree in one loop instead of one call per element, and looks for the terms without the
    pattern's leading `\\b`, checked by hand: the regular expression engine can then skip from one
    possible first letter to the next (three times faster on a page). The result is the extension's
    own (tests/test_scorm_speed.py renders a corpus both ways)."""

    def __init__(self, abbr: Any) -> None:
        self.abbr = abbr
        self.extension_run = abbr.run
        self.patterns: dict[tuple[str, ...], re.Pattern[str]] = {}

    def _pattern(self) -> re.Pattern[str]:
        terms = tuple(self.abbr.abbrs)
        pattern = self.patterns.get(terms)
        if pattern is None:
            if len(self.patterns) > 64:  # terms defined in texts themselves: keep the memory bounded
                self.patterns.clear()
            ordered = sorted(terms, key=len, reverse=True)  # as the extension orders them
            pattern = self.patterns[terms] = re.compile(f"(?:{'|'.join(re.escape(t) for t in ordered)})\\b")
        return pattern

    @staticmethod
    def _matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
        """What `\\b(?:terms)\\b` finds in `text`, in order."""
        return list(matches(pattern, text, _word_boundary))

    def run(self, root: etree.Element) -> None:
        if not self.abbr.tk_needed or not self.abbr.abbrs:
            return
        if "" in self.abbr.abbrs:
            self.extension_run(root)  # an empty term: a case the hand-made boundary check leaves to the extension
            return
        pattern = self._pattern()
        abbrs, create = self.abbr.abbrs, self.abbr.create_element
        # Elements added here are not visited again (their text is atomic, their tail already searched):
        # the tails of an element's children first, then its text, whose additions shift the indices.
        for element in list(root.iter()):
            for index in range(len(element) - 1, -1, -1):
                child = element[index]
                tail = child.tail
                if tail and not isinstance(tail, AtomicString):
                    for match in reversed(self._matches(pattern, tail)):
                        if abbrs[match.group(0)]:
                            element.insert(index + 1, create(abbrs[match.group(0)], match.group(0), tail[match.end():]))
                            tail = tail[:match.start()]
                    child.tail = tail
            text = element.text
            if text and not isinstance(text, AtomicString):
                for match in reversed(self._matches(pattern, text)):
                    if abbrs[match.group(0)]:
                        element.insert(0, create(abbrs[match.group(0)], match.group(0), text[match.end():]))
                        text = text[:match.start()]
                element.text = text


def _extract_html_only_where_there_is_some(md: markdown.Markdown) -> None:
    """The raw-HTML preprocessor runs an HTML parser over the whole text; a text without « < » holds
    no tag for it to set aside, and it hands such a text back unchanged."""
    if "html_block" not in md.preprocessors:
        return
    extractor = md.preprocessors["html_block"]
    run = extractor.run

    def run_if_needed(lines: list[str]) -> list[str]:
        return run(lines) if any("<" in line for line in lines) else lines

    extractor.run = run_if_needed  # type: ignore[method-assign]


def _run_only_where_needed(md: markdown.Markdown) -> None:
    """The tree processors of TREEPROCESSOR_TRIGGERS run when `_SkipWhatCannotMatch` found their trigger."""
    for name in TREEPROCESSOR_TRIGGERS:
        if name not in md.treeprocessors:
            continue
        processor = md.treeprocessors[name]
        processor.tk_needed = True  # type: ignore[attr-defined]
        processor.run = _when_needed(processor, processor.run)  # type: ignore[method-assign]


def _when_needed(processor: Treeprocessor, run: Any) -> Any:
    def run_if_needed(root: etree.Element) -> etree.Element | None:
        return run(root) if processor.tk_needed else None  # type: ignore[attr-defined]

    return run_if_needed


def _run_abbr_only_where_needed(md: markdown.Markdown) -> None:
    if "abbr" not in md.treeprocessors:
        return
    abbr = md.treeprocessors["abbr"]
    abbr.tk_needed = True  # type: ignore[attr-defined]
    abbr.run = _Abbreviations(abbr).run  # type: ignore[method-assign]


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
            _extract_html_only_where_there_is_some(md)
            _run_only_where_needed(md)


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


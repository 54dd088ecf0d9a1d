"""French typography, applied once at render time to text only (never to code, URLs or attributes).

The rules only ever *replace* a space that the author typed (or join what French keeps together),
so applying them twice changes nothing, and a URL, which holds no space, is never touched:

- narrow no-break space (U+202F) before ; ? ! and inside « »;
- no-break space (U+00A0) before : ;
- no-break space between a number and its unit (h, min, €, %, …), in durations (« 1 h 30 »),
  in dates (« 1er mars 2027 ») and between the pairs of a phone number;
- narrow no-break space between groups of thousands (« 1 200 »).
"""

from __future__ import annotations

import re

NNBSP = "\u202f"  # espace fine insécable
NBSP = "\u00a0"  # espace insécable

_SPACE = r"[ \t\u00a0\u202f]"
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_UNITS = r"h|min|s|€|%|euros?|ans?|mois|jours?|j|semaines?|heures?|minutes?|km|m|ko|Ko|Mo|Go|kg|ETP|places?|personnes?|stagiaires?"

_S = "[ \\t\\u00a0\\u202f]"  # a typed space, or one already made no-break
_MONTH_NAMES = set(_MONTHS.split("|"))

# Every rule joins a space to a digit, to ; ? ! : or to a guillemet. One scan finds those characters
# (a single character class, which the regular expression engine skips over quickly: a page has
# thousands of spaces and only a few such places); the rules then look at the text around each one.
# A single character class, not an alternation: the engine then skips to the next candidate at C speed
# (four times faster on a page); a number's digits are gathered by _DIGITS.
_PLACES = re.compile(r"[;?!:«»0-9]")
_DIGITS = re.compile(r"[0-9]+")
_SPACES = " \t\u00a0\u202f"
_PHONE = re.compile(r"(?:\+33[ \u00a0]?\d|0\d)(?:[ \u00a0]\d\d){4}(?!\d)")
_UNIT = re.compile(rf"(?:{_UNITS})(?!\w)")
_MONTH = re.compile(rf"(?:{_MONTHS})\b")
_WORD_BEFORE = re.compile(r"(\S+)$")
_THREE_DIGITS = re.compile(r"\d{3}(?!\d)")


def _space_before(text: str, position: int) -> int:
    """Where the run of spaces that ends at `position` starts (`position` itself when there is none)."""
    start = position
    while start and text[start - 1] in _SPACES:
        start -= 1
    return start


def _space_after(text: str, position: int) -> int:
    end = position
    while end < len(text) and text[end] in _SPACES:
        end += 1
    return end


def _edits(text: str) -> dict[int, tuple[int, str]]:
    """start → (end, replacement) of each run of spaces to change."""
    edits: dict[int, tuple[int, str]] = {}
    number_end = 0
    for match in _PLACES.finditer(text):
        start = match.start()
        if start < number_end:
            continue  # a digit inside the number just handled
        char = text[start]
        end = start + 1
        if char in ";?!:»":
            if char == ":" and end < len(text) and not text[end].isspace() and text[end] != _MASK:
                # « 9:30 », « https: » — not punctuation followed by a space; a colon that ends an
                # element's text (« Atelier :</strong> », masked by french_html) is punctuation.
                continue
            run = _space_before(text, start)
            mark = NBSP if char == ":" else NNBSP
            if run < start:
                if run and not text[run - 1].isspace():
                    edits.setdefault(run, (start, mark))
            elif char == "»" and start and not text[start - 1].isspace():
                edits.setdefault(start, (start, NNBSP))  # «mot» : the space is added
            continue
        if char == "«":
            stop = _space_after(text, end)
            edits.setdefault(end, (stop, NNBSP))
            continue
        # a number: what follows it, then what precedes it (most numbers touch no space: nothing to do)
        end = number_end = _DIGITS.match(text, start).end()
        if not ((end < len(text) and text[end] in _SPACES) or text.startswith("er ", end)
                or (start and text[start - 1] in _SPACES)):
            continue
        digits = text[start:end]
        after = end
        if text.startswith("er", after) and digits == "1":
            after += 2
        stop = _space_after(text, after)
        if stop > after:
            joined = None
            if after == end and len(digits) <= 3 and _THREE_DIGITS.match(text, stop) \
                    and (start == 0 or text[start - 1] not in "0123456789,."):
                joined = NNBSP if stop - after == 1 else None  # thousands: « 1 200 »
            elif _UNIT.match(text, stop) or (len(digits) <= 2 and _MONTH.match(text, stop)):
                joined = NBSP
            if joined:
                edits.setdefault(after, (stop, joined))
        run = _space_before(text, start)
        if run < start:
            word = _WORD_BEFORE.search(text, max(0, run - 12), run)
            previous = word.group(1) if word else ""
            if previous.lower() in _MONTH_NAMES or previous in ("n°", "p."):
                edits.setdefault(run, (start, NBSP))
            elif previous == "h" and len(digits) <= 2 and run >= 2 and text[run - 2] in _SPACES:
                edits.setdefault(run, (start, NBSP))  # « 1 h 30 »
    return edits


def _phone(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1] if match.start() else ""
    return match.group(0) if before.isalnum() else re.sub(r"[ \u00a0]", NBSP, match.group(0))


def french(text: str) -> str:
    """Plain text with French typography (idempotent)."""
    if not text or text.isspace():
        return text
    if ("0" in text or "+" in text) and (" " in text or NBSP in text):
        text = _PHONE.sub(_phone, text)
    edits = _edits(text)
    if not edits:
        return text
    out: list[str] = []
    position = 0
    for start in sorted(edits):
        end, replacement = edits[start]
        if start < position:
            continue  # overlapping places: the first one wins
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


# An element whose whole content is left alone, or a single tag, comment or doctype: one group, so that
# `split` hands back text and protected pieces alternately.
_PROTECTED = re.compile(
    "("
    + "|".join(rf"<{tag}\b[^>]*>.*?</{tag}\s*>" for tag in ("code", "pre", "kbd", "samp", "script", "style", "textarea", "var"))
    + r"|<!--.*?-->|<![^>]*>|</?[a-zA-Z][\w:-]*[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)",
    re.DOTALL | re.IGNORECASE,
)
_TAGS_ONLY = re.compile(r"(<!--.*?-->|<![^>]*>|</?[a-zA-Z][\w:-]*[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)", re.DOTALL)
# An element whose content is code or script, with some content (an empty <script src> is just tags).
_CODE_OR_SCRIPT = re.compile(r"<(?:code|pre|kbd|samp|var|textarea|style)\b|<script\b[^>]*>\s*[^<\s]", re.IGNORECASE)
_MASK = "\x01"  # stands for a protected piece while the text is typeset: no rule reads through it


def french_html(html: str) -> str:
    """HTML with French typography in its text; tags, attributes, code and scripts untouched.

    The protected pieces are masked, the whole text is typeset in one go (a page has thousands of
    text nodes: one pass over the page is far cheaper than one per node), then they are put back."""
    if not html:
        return html
    if _MASK in html:
        return _french_html_node_by_node(html)
    # Most pages hold no code and no inline script: single tags are then all there is to protect.
    splitter = _PROTECTED if _CODE_OR_SCRIPT.search(html) else _TAGS_ONLY
    pieces = splitter.split(html)  # text, protected, text, protected, …, text
    texts = french(_MASK.join(pieces[0::2])).split(_MASK)
    pieces[0::2] = texts
    return "".join(pieces)


# Stands for what an HTML template leaves to render time (a value, a statement) while its own text is
# typeset: a character like any other word's, so a rule joins the template's « : » to the value before it.
PLACE = "\x02"


# A value followed by a unit in the template (« {{ pass_mark }} % ») is a number.
_UNIT_AFTER_PLACE = re.compile(rf"{PLACE}{_SPACE}(?=(?:{_UNITS})(?!\w))")


def french_html_template(html: str) -> tuple[str, list[bool]]:
    """An HTML template's own text typeset once, its PLACEs kept; and for each PLACE, whether it sits
    in text (where a value printed there is typeset in turn) rather than in a tag, a comment or code."""
    splitter = _PROTECTED if _CODE_OR_SCRIPT.search(html) else _TAGS_ONLY
    pieces = splitter.split(html)
    in_text = [index % 2 == 0 for index, piece in enumerate(pieces) for _ in range(piece.count(PLACE))]
    pieces[0::2] = [_UNIT_AFTER_PLACE.sub(PLACE + NBSP, text) for text in pieces[0::2]]
    return french_html("".join(pieces)), in_text


def french_markdown_template(text: str) -> str:
    """A Markdown template's own text typeset once, its PLACEs kept (the values printed there are
    typeset as they are escaped, `escape.markdown_text`)."""
    return french_markdown(_UNIT_AFTER_PLACE.sub(PLACE + NBSP, text))


def _french_html_node_by_node(html: str) -> str:
    """The slow way, for the odd document that already holds the mask character."""
    out: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(html):
        out.append(french(html[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(french(html[position:]))
    return "".join(out)


# Markdown that is not text: fenced code, code spans, raw HTML tags, link destinations, attribute
# lists and abbreviation definitions.
_MARKDOWN_NOT_TEXT = re.compile(
    r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$"  # fenced code
    r"|(`+).+?\2"  # code span
    r"|<!--.*?-->|</?[a-zA-Z][\w:-]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"  # raw HTML tag
    r"|\]\([^)\n]*\)"  # link destination
    r"|\{[:#.][^}\n]*\}"  # attribute list
    r"|^\*\[[^\]\n]+\]:"  # abbreviation definition (its term must stay as written)
    r"|^ {4,}\S[^\n]*$",  # indented code, or an admonition body (handled line by line below)
    re.DOTALL | re.MULTILINE,
)


def french_markdown(text: str) -> str:
    """Markdown source with French typography in its text; code, HTML tags and URLs untouched.

    Indented lines are admonition bodies as often as code: they are typeset unless they sit in a
    fenced block, since trainkit's own pages indent only admonitions."""
    out: list[str] = []
    position = 0
    for match in _MARKDOWN_NOT_TEXT.finditer(text):
        out.append(french(text[position:match.start()]))
        chunk = match.group(0)
        if chunk.startswith("    ") and not chunk.lstrip().startswith(("```", "~~~")):
            chunk = chunk[: len(chunk) - len(chunk.lstrip())] + french_markdown(chunk.lstrip())
        out.append(chunk)
        position = match.end()
    out.append(french(text[position:]))
    return "".join(out)

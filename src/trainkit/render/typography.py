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

# Every rule joins a space to a digit, to ; ? ! : or to a guillemet. One pass finds those places (each
# branch opens on a character class, which the engine skips over quickly); the rules look at the
# text around each place. A page has thousands of spaces and only a few such places.
_PLACES = re.compile(
    rf"(?P<space>{_S}+)(?=[;?!:»\d])"
    rf"|(?P<open>«){_S}*"
    rf"|(?P<close>»)"
    rf"|(?P<digit>\d|1er)(?P<after>{_S}+)"
)
_PHONE = re.compile(r"(?:\+33[ \u00a0]?\d|0\d)(?:[ \u00a0]\d\d){4}(?!\d)")
_UNIT = re.compile(rf"(?:{_UNITS})(?!\w)")
_HOURS_MINUTES = re.compile(rf"h{_S}+\d\d?(?!\d)")
_THREE_DIGITS = re.compile(r"\d{3}(?!\d)")
_MONTH = re.compile(rf"(?:{_MONTHS})\b")
_LAST_WORD = re.compile(r"(\S+)$")
_DIGITS_BEFORE = re.compile(r"[\d,.]*$")


def _place(match: re.Match[str]) -> str:
    text, kind, start = match.string, match.lastgroup, match.start()
    if kind == "open":
        return f"«{NNBSP}"
    if kind == "close":
        # After a space, the space itself was made narrow and no-break (the « space » place).
        return "»" if start and text[start - 1] in f" \t{NBSP}{NNBSP}" else f"{NNBSP}»"
    if kind == "space":
        end = match.end()
        following = text[end]
        if start == 0 or text[start - 1].isspace() and text[start - 1] not in f"{NBSP}{NNBSP}":
            return match.group(0)
        if following in ";?!":
            return NNBSP
        if following == ":":
            return NBSP if end + 1 == len(text) or text[end + 1].isspace() else match.group(0)
        if following == "»":
            return NNBSP
        # a space before a number: joined after a month (« mars 2027 »), « n° », « p. », « 1 h » (« 1 h 30 »)
        word = _LAST_WORD.search(text, max(0, start - 12), start)
        previous = word.group(1) if word else ""
        if previous.lower() in _MONTH_NAMES or previous in ("n°", "p."):
            return NBSP
        if previous == "h" and start >= 2 and text[start - 2] in (NBSP, " ") and _HOURS_MINUTES.match(text, start - 1):
            return NBSP
        return match.group(0)
    # a number followed by a space: a unit, hours and minutes, a day and its month, thousands
    digit, after, end = match.group("digit"), match.group("after"), match.end()
    if digit == "1er":
        return f"1er{NBSP}" if _MONTH.match(text, end) else match.group(0)
    if _THREE_DIGITS.match(text, end):
        run = _DIGITS_BEFORE.search(text, 0, start).group(0)
        if len(run) <= 2 and "," not in run and "." not in run and (start - len(run) == 0 or not text[start - len(run) - 1].isdigit()):
            return f"{digit}{NNBSP}"
        return match.group(0)
    if _UNIT.match(text, end) or _MONTH.match(text, end):
        return f"{digit}{NBSP}"
    return match.group(0)


def _phone(match: re.Match[str]) -> str:
    before = match.string[match.start() - 1] if match.start() else ""
    return match.group(0) if before.isalnum() else re.sub(r"[ \u00a0]", NBSP, match.group(0))


def french(text: str) -> str:
    """Plain text with French typography (idempotent)."""
    if not text or text.isspace():
        return text
    if "0" in text and (" " in text or NBSP in text):
        text = _PHONE.sub(_phone, text)
    return _PLACES.sub(_place, text)


# An element whose whole content is left alone, or a single tag, comment or doctype: one group, so that
# `split` hands back text and protected pieces alternately.
_PROTECTED = re.compile(
    "("
    + "|".join(rf"<{tag}\b[^>]*>.*?</{tag}\s*>" for tag in ("code", "pre", "kbd", "samp", "script", "style", "textarea", "var"))
    + r"|<!--.*?-->|<![^>]*>|</?[a-zA-Z][\w:-]*[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)",
    re.DOTALL | re.IGNORECASE,
)
_MASK = "\x01"  # stands for a protected piece while the text is typeset: no rule reads through it


def french_html(html: str) -> str:
    """HTML with French typography in its text; tags, attributes, code and scripts untouched.

    The protected pieces are masked, the whole text is typeset in one go (a page has thousands of
    text nodes: one pass over the page is far cheaper than one per node), then they are put back."""
    if not html:
        return html
    if _MASK in html:
        return _french_html_node_by_node(html)
    pieces = _PROTECTED.split(html)  # text, protected, text, protected, …, text
    texts = french(_MASK.join(pieces[0::2])).split(_MASK)
    pieces[0::2] = texts
    return "".join(pieces)


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

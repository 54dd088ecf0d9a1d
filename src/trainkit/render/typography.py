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

_RULES: list[tuple[re.Pattern[str], str]] = [
    # « guillemets » : a narrow no-break space inside, typed or not
    (re.compile(rf"«{_SPACE}*"), f"«{NNBSP}"),
    (re.compile(rf"{_SPACE}*»"), f"{NNBSP}»"),
    # a typed space before ; ? ! becomes a narrow no-break space, before : a no-break space
    (re.compile(rf"(?<=\S){_SPACE}+([;?!])"), rf"{NNBSP}\1"),
    (re.compile(rf"(?<=\S){_SPACE}+:(?=\s|$)"), f"{NBSP}:"),
    # phone numbers: 01 23 45 67 89, +33 1 23 45 67 89
    (re.compile(r"(?<![\d\w])(?:\+33[ \u00a0]?\d|0\d)(?:[ \u00a0]\d\d){4}(?!\d)"), "PHONE"),
    # thousands: 1 200, 12 000 (not a year followed by a count: only a 1–3 digit head)
    (re.compile(rf"(?<![\d,.])(\d{{1,3}}){_SPACE}(?=\d{{3}}(?!\d))"), rf"\1{NNBSP}"),
    # a number and its unit; durations such as « 1 h 30 »
    (re.compile(rf"(\d){_SPACE}+(?=(?:{_UNITS})(?![\w]))"), rf"\1{NBSP}"),
    (re.compile(rf"(\d{NBSP}h){_SPACE}+(?=\d\d?(?!\d))"), rf"\1{NBSP}"),
    # dates: 1er mars 2027, 16 novembre
    (re.compile(rf"(?<!\d)(1er|\d{{1,2}}){_SPACE}+(?=(?:{_MONTHS})\b)", re.IGNORECASE), rf"\1{NBSP}"),
    (re.compile(rf"\b({_MONTHS}){_SPACE}+(?=\d{{4}}\b)", re.IGNORECASE), rf"\1{NBSP}"),
    # n° 12, p. 3
    (re.compile(rf"\b(n°|p\.){_SPACE}+(?=\d)"), rf"\1{NBSP}"),
]


def _phone(match: re.Match[str]) -> str:
    return re.sub(r"[ \u00a0]", NBSP, match.group(0))


# Which rules can apply to a text, by the characters they need: most text nodes of a page are white
# space or a few words, and a page has thousands of them.
_GUILLEMETS, _PUNCTUATION, _NUMBERS = _RULES[:2], _RULES[2:4], _RULES[4:]
_DIGITS = re.compile(r"\d")


def french(text: str) -> str:
    """Plain text with French typography (idempotent)."""
    if not text or text.isspace():
        return text
    if "«" in text or "»" in text:
        for pattern, replacement in _GUILLEMETS:
            text = pattern.sub(replacement, text)
    if (" " in text or "\t" in text or "\u00a0" in text or "\u202f" in text):
        if ";" in text or "?" in text or "!" in text or ":" in text:
            for pattern, replacement in _PUNCTUATION:
                text = pattern.sub(replacement, text)
        if _DIGITS.search(text):
            for pattern, replacement in _NUMBERS:
                text = pattern.sub(_phone, text) if replacement == "PHONE" else pattern.sub(replacement, text)
    return text


# Tags whose text is code or not text at all.
_SKIPPED = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "var"}
# A tag, with its attributes (quoted values may hold « > »), a comment or a doctype.
_TAG = re.compile(r"<!--.*?-->|<![^>]*>|</?([a-zA-Z][\w:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)


def french_html(html: str) -> str:
    """HTML with French typography in its text nodes; tags, attributes, code and scripts untouched."""
    out: list[str] = []
    skipping: list[str] = []
    position = 0
    for match in _TAG.finditer(html):
        text = html[position:match.start()]
        out.append(text if skipping else french(text))
        tag = match.group(0)
        name = (match.group(1) or "").lower()
        if name in _SKIPPED and not tag.endswith("/>"):
            if tag.startswith("</"):
                if skipping and skipping[-1] == name:
                    skipping.pop()
            else:
                skipping.append(name)
        out.append(tag)
        position = match.end()
    tail = html[position:]
    out.append(tail if skipping else french(tail))
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

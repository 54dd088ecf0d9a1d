"""Words found by a pattern whose leading look-behind (or `\\b`) is checked by hand.

A pattern that opens with a look-behind or `\\b` makes the regular expression engine try every
position of the text; without it, the engine skips from one possible first character to the next
(three times faster on a page). `matches` gives what the full pattern would find: a match refused
by `starts_here` is searched again one character further on, as the engine itself would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator


def matches(pattern: re.Pattern[str], text: str, starts_here: Callable[[str, int], bool]) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text` at the starts `starts_here(text, start)` accepts, in order."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if not starts_here(text, match.start()):
            position = match.start() + 1  # a later start may still match
            continue
        position = match.end()
        yield match


def is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w means to `re` in a str pattern

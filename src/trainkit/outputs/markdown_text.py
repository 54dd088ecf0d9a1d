"""Markdown as authors write it, made to render as they mean it (site and packages alike)."""

from __future__ import annotations

import re

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

"""Which addresses an author may give: web pages and e-mail only (never `javascript:`, `data:`…)."""

from __future__ import annotations

import re

WEB_SCHEMES = ("http://", "https://", "mailto:")
_WEB_URL = re.compile(r"(?:https?://|mailto:)\S*", re.IGNORECASE)


def web_url(url: str | None) -> str | None:
    """The address if it is a web page or an e-mail address; None otherwise."""
    if not url:
        return None
    cleaned = url.strip()
    return cleaned if _WEB_URL.fullmatch(cleaned) else None

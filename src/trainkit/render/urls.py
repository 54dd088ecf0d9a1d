"""Which addresses an author may give: web pages and e-mail only (never `javascript:`, `data:`…)."""

from __future__ import annotations

import re
from functools import lru_cache

WEB_SCHEMES = ("http://", "https://", "mailto:")
_WEB_URL = re.compile(r"(?:https?://|mailto:)\S*", re.IGNORECASE)


@lru_cache(maxsize=4096)  # a curriculum links the same few sites from many sessions; site, SCORM and checks ask
def web_url(url: str | None) -> str | None:
    """The address if it is a web page or an e-mail address; None otherwise."""
    if not url:
        return None
    cleaned = url.strip()
    return cleaned if _WEB_URL.fullmatch(cleaned) else None

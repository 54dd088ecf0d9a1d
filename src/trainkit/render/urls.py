"""Which addresses an author may give: web pages and e-mail only (never `javascript:`, `data:`…)."""

from __future__ import annotations

WEB_SCHEMES = ("http://", "https://", "mailto:")


def web_url(url: str | None) -> str | None:
    """The address if it is a web page or an e-mail address; None otherwise."""
    if not url:
        return None
    cleaned = url.strip()
    return cleaned if cleaned.lower().startswith(WEB_SCHEMES) and not any(c.isspace() for c in cleaned) else None

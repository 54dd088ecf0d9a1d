"""The generated `mkdocs.yml`: trainkit's settings merged with the user's top-level `mkdocs.yml`.

The user's file chooses the look (palette, logo, extra CSS, Markdown extensions,
theme overrides in `custom_dir`); trainkit owns what makes the site work offline,
private, in French and for two audiences (nav, fonts, search, offline).
"""

from __future__ import annotations

import copy
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...audience import Audience
from ...model.curriculum import Curriculum
from ...render import PROFILE_EXTENSIONS, french


def config_text(text: str) -> str:
    """A value the theme prints raw, in text and in attributes (site name, description, copyright)."""
    return html.escape(french(" ".join(text.split())), quote=True)


def nav_title(text: str) -> str:
    """A title as the theme prints it (nav, <title>, header): HTML-escaped, typeset, one line."""
    # Quotes stay as typed: Material re-escapes titles in attributes (aria-label), « &#39; » would show.
    return html.escape(french(" ".join(text.split())), quote=False)

SHIM = "assets/trainkit/iframe-worker-shim.js"  # the name must contain "iframe-worker" (offline plugin)
STYLESHEET = "assets/trainkit/trainkit.css"
QUIZ_SCRIPT = "assets/trainkit/quiz.js"
SITE_SCRIPT = "assets/trainkit/trainkit.js"  # the « vu » marks, search snippets at the match
PREVIEW_SCRIPT = "assets/trainkit/preview.js"  # `trainkit serve` only: the curriculum's errors over the page

DEFAULT_THEME: dict[str, Any] = {
    "name": "material",
    "language": "fr",
    "features": [
        "navigation.sections",
        "navigation.indexes",
        "navigation.footer",
        "navigation.top",
        "search.highlight",
        "content.tooltips",
        "toc.follow",
    ],
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-night", "name": "Passer au thème sombre"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-sunny", "name": "Passer au thème clair"},
        },
    ],
}

# The rendering profile's extensions (what the curriculum's Markdown is rendered with everywhere), plus
# the page's table of contents, which only the site has.
MARKDOWN_EXTENSIONS: list[Any] = [
    *PROFILE_EXTENSIONS,
    {"toc": {"permalink": True, "permalink_title": "Lien vers cette section"}},
]

# Past this many pages, every page carrying the whole nav makes the build quadratic
# (1,000 session pages: 24 s and 450 MB); Material's navigation.prune renders only
# the open branch (7.5 s, 75 MB), with modules as collapsible entries.
LARGE_SITE_PAGES = 300

ZENSICAL_SEARCH_SEPARATOR = r"""[\s\-_,:!=\[\]()\\"`/'’]+|\.(?!\d)"""

# Keys that make the site what it is; a user's value would break offline use or the audiences.
OWNED_KEYS = {"docs_dir", "site_dir", "nav", "use_directory_urls", "plugins", "strict"}


@dataclass
class UserSiteConfig:
    """What the user's top-level mkdocs.yml asks for, and the files it points at."""

    data: dict[str, Any] = field(default_factory=dict)
    base_dir: Path | None = None

    def files_to_copy(self) -> dict[str, Path]:
        """docs-relative path → source file, for extra CSS/JS, logo and favicon."""
        if self.base_dir is None:
            return {}
        wanted = list(self.data.get("extra_css", [])) + list(self.data.get("extra_javascript", []))
        theme = self.data.get("theme") or {}
        if isinstance(theme, dict):
            for key in ("logo", "favicon"):
                if isinstance(theme.get(key), str) and not theme[key].startswith(("http:", "https:")):
                    wanted.append(theme[key])
        found = {}
        for item in wanted:
            relative = item if isinstance(item, str) else (item.get("path") if isinstance(item, dict) else None)
            if relative and (self.base_dir / relative).is_file():
                found[relative] = self.base_dir / relative
        return found

    @property
    def custom_dir(self) -> Path | None:
        theme = self.data.get("theme") or {}
        if self.base_dir is not None and isinstance(theme, dict) and theme.get("custom_dir"):
            path = self.base_dir / theme["custom_dir"]
            return path if path.is_dir() else None
        return None


def _extension_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def mkdocs_config(
    curriculum: Curriculum, audience: Audience, nav: list[Any], user: UserSiteConfig, page_count: int = 0,
    engine: str = "mkdocs",
) -> dict[str, Any]:
    data = {k: copy.deepcopy(v) for k, v in user.data.items() if k not in OWNED_KEYS}
    # The theme prints these as HTML, unescaped: the curriculum's text is escaped here.
    title = data.get("site_name") or config_text(curriculum.programme.title)
    data["site_name"] = f"{title} — espace formateurs" if audience == "trainer" else title
    data.setdefault("site_description", config_text(curriculum.programme.subtitle or curriculum.programme.title))
    data.setdefault("copyright", f"© {config_text(curriculum.programme.provider.name)}")

    theme = copy.deepcopy(DEFAULT_THEME)
    if page_count > LARGE_SITE_PAGES:
        theme["features"] = [f for f in theme["features"] if f != "navigation.sections"] + ["navigation.prune"]
    user_theme = data.pop("theme", None)
    if isinstance(user_theme, dict):
        theme.update(user_theme)
    # Whatever the user asked: French, Material, and no Google Fonts (visitors' privacy).
    theme.update(name="material", language="fr", font=False)
    theme["custom_dir"] = "overrides"  # trainkit's partials, then the user's custom_dir on top
    search: dict[str, Any] = {"lang": "fr"}
    if engine == "zensical":
        theme.setdefault("variant", "classic")  # Zensical's look of Material, which the site has had so far
        # Zensical's word separators, and the apostrophe: « d'engagement » is found by « engagement ».
        search["separator"] = ZENSICAL_SEARCH_SEPARATOR

    extensions = list(MARKDOWN_EXTENSIONS)
    names = {_extension_name(e) for e in extensions}
    for entry in data.pop("markdown_extensions", None) or []:
        if _extension_name(entry) not in names:
            extensions.append(entry)
            names.add(_extension_name(entry))

    extra = data.pop("extra", None) or {}
    extra["polyfills"] = [SHIM]  # the offline plugin would otherwise add a CDN script
    extra.setdefault("generator", False)  # no English « Made with Material for MkDocs » in a French course

    data.update(
        docs_dir="docs",
        use_directory_urls=False,
        nav=nav,
        theme=theme,
        plugins=[{"search": search}, "offline"],
        markdown_extensions=extensions,
        extra=extra,
        extra_css=[STYLESHEET, *[c for c in data.get("extra_css", []) if c != STYLESHEET]],
        extra_javascript=[QUIZ_SCRIPT, SITE_SCRIPT,
                          *[j for j in data.get("extra_javascript", []) if j not in (QUIZ_SCRIPT, SITE_SCRIPT)]],
    )
    return data

"""Real-browser test support: Debian's chromium driven by Playwright, and a local HTTP server.

Tests that need them skip with a message saying what is missing; `bash scripts/test`
installs all of it, so nothing skips on CI.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# Flags from the machine notes: without the background-networking ones, Chromium
# keeps trying to reach Google hosts on this closed network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def require_node_module(name: str) -> Path:
    path = NODE_MODULES / name
    if not path.is_dir():
        pytest.skip(f"paquet npm « {name} » absent : lancez `bash scripts/test` (npm ci)")
    return path


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright absent : pip install -e '.[test]' (lancé par `bash scripts/test`)")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium absent : apt-get install -y chromium (lancé par `bash scripts/test`)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature from the stdlib
        pass


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (a free port) for the duration of the block; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def external_requests(page) -> list[str]:
    """Start recording requests to any host other than 127.0.0.1 / file:; returns the live list."""
    seen: list[str] = []

    def record(request) -> None:
        url = request.url
        if not url.startswith(("http://127.0.0.1", "file://", "data:", "blob:", "about:")):
            seen.append(url)

    page.on("request", record)
    return seen

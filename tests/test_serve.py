"""`trainkit serve`: the author saves a YAML file, the open browser tab shows the change."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import trainkit_env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(starter, tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "trainkit", "serve", str(starter.root), "--port", str(port)],
        cwd=tmp_path, env=trainkit_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/index.html", timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"trainkit serve s'est arrêté : {process.stdout.read()}")
            time.sleep(0.2)
    yield url, process
    process.terminate()
    process.wait(timeout=10)


def test_saving_a_yaml_file_reloads_the_open_page(page, starter, preview):
    url, _ = preview
    page.goto(f"{url}/modules/mon-module/index.html")
    assert "Mon premier module" in page.locator("article h1").inner_text()
    starter.edit_module("title: Mon premier module", "title: Module renommé pendant l'aperçu")
    # No reload from the test: the page must reload by itself (live reload).
    page.locator("article h1", has_text="Module renommé pendant l'aperçu").wait_for(timeout=30_000)


def test_an_invalid_edit_keeps_the_last_good_preview_and_says_why(starter, preview):
    url, process = preview
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    time.sleep(3)
    assert urllib.request.urlopen(f"{url}/index.html", timeout=5).status == 200
    process.terminate()
    output = process.communicate(timeout=10)[0]
    assert "2 heures" in output and "dernière version valide" in output

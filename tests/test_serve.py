"""`trainkit serve`: the author saves a YAML file, the open browser tab shows the change."""

from __future__ import annotations

import json
import signal
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


def start_preview(starter, tmp_path, *options: str):
    port = free_port()
    env = {**trainkit_env(), "TMPDIR": str(tmp_path)}  # its temporary site is then found and checked
    process = subprocess.Popen(
        [sys.executable, "-m", "trainkit", "serve", str(starter.root), "--port", str(port), *options],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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
    return url, process


@pytest.fixture
def preview(starter, tmp_path):
    url, process = start_preview(starter, tmp_path)
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


def test_the_zensical_preview_reloads_the_open_page_too(page, starter, tmp_path):
    url, process = start_preview(starter, tmp_path, "--engine", "zensical")
    try:
        page.goto(f"{url}/modules/mon-module/index.html")
        assert "Mon premier module" in page.locator("article h1").inner_text()
        starter.edit_module("title: Mon premier module", "title: Module renommé sous Zensical")
        page.locator("article h1", has_text="Module renommé sous Zensical").wait_for(timeout=30_000)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_an_invalid_edit_keeps_the_last_good_preview_and_says_why(starter, preview):
    url, process = preview
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    time.sleep(3)
    assert urllib.request.urlopen(f"{url}/index.html", timeout=5).status == 200
    process.terminate()
    output = process.communicate(timeout=10)[0]
    assert "2 heures" in output and "dernière version valide" in output


def test_an_invalid_save_shows_its_problems_over_the_page_until_fixed(page, starter, preview):
    url, _ = preview
    page.goto(f"{url}/modules/mon-module/index.html")
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    overlay = page.locator("#trainkit-apercu-erreurs")
    overlay.wait_for(timeout=30_000)
    text = overlay.inner_text()
    assert "modules/mon-module.yml:" in text and "« 2 heures »" in text
    assert "dernière version valide" in text
    starter.edit_module("duration: 2 heures", "duration: 2h30")
    overlay.wait_for(state="detached", timeout=30_000)


def test_sigterm_stops_the_preview_and_removes_its_temporary_site(starter, tmp_path):
    url, process = start_preview(starter, tmp_path)
    assert list(tmp_path.glob("trainkit-serve-*"))
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    assert list(tmp_path.glob("trainkit-serve-*")) == []


def test_a_trainer_preview_open_to_the_network_is_warned_about(starter, tmp_path):
    url, process = start_preview(starter, tmp_path, "--host", "0.0.0.0")
    process.terminate()
    output = process.communicate(timeout=20)[0]
    assert "l'aperçu du site des formateurs (notes, corrigés) est ouvert à toute machine" in output
    assert "--audience learner" in output


def test_a_host_that_is_not_this_machine_is_refused_in_french(starter, tmp_path):
    run = subprocess.run([sys.executable, "-m", "trainkit", "serve", str(starter.root), "--host", "192.0.2.1",
                          "--port", str(free_port())], cwd=tmp_path, env=trainkit_env(), capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 1
    assert "l'adresse « 192.0.2.1 » n'est pas une adresse de cette machine" in run.stderr
    assert "Traceback" not in run.stderr


def test_search_is_whole_again_after_a_save_undone_before_the_full_build(starter, preview):
    url, _ = preview
    original = starter.module.read_text(encoding="utf-8")
    starter.edit_module("      En sous-groupes", "      Modifié. En sous-groupes")  # a text edit: built dirty
    time.sleep(0.6)
    starter.edit_module("duration: 2h30", "duration: 2 heures")  # invalid: the full build is cancelled
    time.sleep(1.5)
    starter.module.write_text(original.replace("      En sous-groupes", "      Modifié. En sous-groupes"),
                              encoding="utf-8")  # valid again, the same pages as the dirty build
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        index = json.loads(urllib.request.urlopen(f"{url}/search/search_index.json", timeout=5).read())
        if len({doc["location"].split("#")[0] for doc in index["docs"]}) > 5:
            return
        time.sleep(0.5)
    pytest.fail("l'index de recherche ne couvre toujours qu'une page")

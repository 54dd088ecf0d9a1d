"""The packages under Moodle 4.3's own player, simulated around scorm-again.

SCORM 2004: Moodle's player page creates one API_1484_11; its table of contents and « > » swap only
the SCO's frame, and the API stays terminated after the previous SCO's Terminate: the next SCO's
Initialize fails with 104 (Rustici's golf samples fail the same way in that Moodle). The runtime then
loads the player page again once, at the URL Moodle's table of contents has for the SCO now selected;
a fresh page gives a fresh API.
SCORM 1.2: Moodle 4.3 recounts an activity's completion only on a status write whose previous value was
finished; the runtime writes a finished status again, through the other finished value.
These tests give the LMS page what Moodle's player exposes (scorm_current_node, M.cfg.wwwroot) and check
that this happens there, once, and nowhere else. The real Moodle run (tests/test_moodle.py) shows the whole path.
"""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from browser import serve_directory
from scorm_support import FORMATS, VERSION_OF, open_lms, packages, prepare_site, scorm_curriculum  # noqa: F401

FIRST, SECOND = "sequences/ouverture.html", "sequences/acteurs-orientation.html"
NODE = "a=7&scoid=42&currentorg=org-trainkit&mode=&attempt=1"
RELOAD_KEY = "trainkit-moodle-reload"


@pytest.fixture(scope="module")
def sites(packages, tmp_path_factory):  # noqa: F811
    with ExitStack() as stack:
        yield {VERSION_OF[fmt]: stack.enter_context(
            serve_directory(prepare_site(tmp_path_factory.mktemp(f"player-{fmt}"), packages[fmt])))
            for fmt in FORMATS}


def moodle_player(page, base_url: str, version: str):
    """The LMS page made to look like Moodle's player; its reloads are answered with a stand-in page."""
    page.route("**/mod/scorm/player.php*", lambda route: route.fulfill(body="<p>player</p>", content_type="text/html"))
    lms = open_lms(page, base_url, version)
    page.evaluate("([node, root]) => { window.scorm_current_node = { title: node }; window.M = { cfg: { wwwroot: root } }; }",
                  [NODE, base_url])
    return lms


def open_second_sco_after_the_first(page, lms, *, already_reloaded: str | None = None) -> None:
    """What Moodle's table of contents does: the first SCO exits (Terminate), the frame gets the next one.
    `already_reloaded`: the player URL a reload was already tried for."""
    page.evaluate("src => window.launch(src)", f"pkg/{FIRST}")
    lms.frame.locator(".sco-nav:not([hidden])").wait_for()
    lms.press("exit")
    if already_reloaded:
        page.evaluate("([key, url]) => sessionStorage.setItem(key, JSON.stringify({url: url, attempt: 1}))",
                      [RELOAD_KEY, already_reloaded])
    page.evaluate("src => { document.getElementById('sco').src = src; }", f"pkg/{SECOND}")


def test_in_moodles_player_a_terminated_api_reloads_the_player_at_the_scos_url(page, sites):
    lms = moodle_player(page, sites["2004"], "2004")
    open_second_sco_after_the_first(page, lms)
    page.wait_for_url(f"**/mod/scorm/player.php?{NODE}")
    saved = page.evaluate(f"JSON.parse(sessionStorage.getItem('{RELOAD_KEY}'))")
    assert saved == {"url": f"{sites['2004']}/mod/scorm/player.php?{NODE}", "attempt": 1}


def test_the_reload_is_tried_only_once_for_a_sco(page, sites):
    lms = moodle_player(page, sites["2004"], "2004")
    open_second_sco_after_the_first(page, lms, already_reloaded=f"{sites['2004']}/mod/scorm/player.php?{NODE}")
    status = lms.frame.locator("[data-status]")
    status.filter(has_text="hors plateforme").wait_for()
    assert page.url.endswith("/host.html")


def test_the_reload_keeps_moodles_popup_display_and_the_nodes_scoid(page, sites):
    lms = moodle_player(page, sites["2004"], "2004")
    page.evaluate("() => { history.replaceState(null, '', location.pathname + '?display=popup'); "
                  "window.scorm_current_node.scoid = 43; }")
    open_second_sco_after_the_first(page, lms)
    page.wait_for_url("**/mod/scorm/player.php?*")
    assert page.url.endswith("/mod/scorm/player.php?a=7&scoid=43&currentorg=org-trainkit&mode=&attempt=1&display=popup")


def test_a_successful_start_in_moodles_player_forgets_the_reload(page, sites):
    lms = moodle_player(page, sites["2004"], "2004")
    page.evaluate("([key, url]) => sessionStorage.setItem(key, JSON.stringify({url: url, attempt: 1}))",
                  [RELOAD_KEY, f"{sites['2004']}/mod/scorm/player.php?{NODE}"])
    page.evaluate("src => window.launch(src)", f"pkg/{FIRST}")
    lms.frame.locator(".sco-nav:not([hidden])").wait_for()
    assert page.evaluate(f"sessionStorage.getItem('{RELOAD_KEY}')") is None


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_outside_moodles_player_nothing_is_reloaded(page, sites, version):
    lms = open_lms(page, sites[version], version)
    open_second_sco_after_the_first(page, lms)
    lms.frame.locator(".sco-nav:not([hidden])").wait_for()
    assert page.url.endswith("/host.html")
    if version == "2004":  # scorm-again refuses a second Initialize on a terminated API, as Moodle does
        assert "hors plateforme" in lms.frame.locator("[data-status]").inner_text()


def finish_first_sco(page, lms) -> None:
    page.evaluate("src => window.launch(src)", f"pkg/{FIRST}")
    lms.frame.locator(".sco-nav:not([hidden])").wait_for()
    for _ in range(lms.frame.locator("[data-page]").count() - 1):
        lms.press("next")


def test_in_moodles_player_a_scorm12_completion_is_written_so_that_moodle_counts_it(page, sites):
    # Moodle 4.3 recounts the activity's completion only on a write whose previous value was finished.
    lms = moodle_player(page, sites["1.2"], "1.2")
    finish_first_sco(page, lms)
    assert lms.writes("cmi.core.lesson_status") == ["incomplete", "completed", "passed", "completed"]
    assert lms.saved()["cmi.core.lesson_status"] == "completed"
    assert lms.errors() == []


def test_a_finished_scorm12_sco_is_counted_again_when_opened_in_moodles_player(page, sites):
    # A learner already left at « À faire » by that Moodle regression is repaired on the next visit.
    lms = moodle_player(page, sites["1.2"], "1.2")
    page.evaluate("() => window.lmsApi.loadFromFlattenedJSON({'cmi.core.lesson_status': 'completed'}, '')")
    page.evaluate("src => window.launch(src)", f"pkg/{FIRST}")
    lms.frame.locator(".sco-nav:not([hidden])").wait_for()
    assert lms.writes("cmi.core.lesson_status") == ["passed", "completed"]


def test_outside_moodles_player_a_scorm12_completion_is_written_once(page, sites):
    lms = open_lms(page, sites["1.2"], "1.2")
    finish_first_sco(page, lms)
    assert lms.writes("cmi.core.lesson_status") == ["incomplete", "completed"]

"""The SCO runtime inside a real SCORM runtime: scorm-again in an LMS page, Debian's chromium.

scorm-again runs with its strict defaults (data-model values and vocabularies checked, errors
reported) and without autocommit, so every commit is one the SCO asked for. Every call goes
through a facade that records the error code right after it: a test fails on any error the SCO causes.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from browser import external_requests, serve_directory
from scorm_support import (  # noqa: F401 - fixtures
    FORMATS,
    VERSION_OF,
    launch,
    make_curriculum,
    open_lms,
    module_data,
    packages,
    prepare_site,
    scorm_curriculum,
)

from trainkit.outputs.scorm import export_packages

SCO = "sequences/ouverture.html"  # four pages, cut at its headings
PAGES = 4
SESSION_TIME = {
    "1.2": re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$"),
    "2004": re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)$"),
}


@pytest.fixture(scope="module")
def sites(packages, tmp_path_factory):
    """Each package unzipped beside the LMS page, served on 127.0.0.1."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        urls = {}
        for fmt in FORMATS:
            root = prepare_site(tmp_path_factory.mktemp(f"lms-{fmt}"), packages[fmt])
            urls[VERSION_OF[fmt]] = stack.enter_context(serve_directory(root))
        yield urls


versions = pytest.mark.parametrize("version", ["1.2", "2004"])


def walk_to_the_end(lms, pages: int = PAGES) -> None:
    """Through every page with the keyboard: Enter on « Page suivante »."""
    for _ in range(pages - 1):
        lms.press("next")


@versions
def test_sco_initializes_once_and_saves_the_page_on_each_move(page, sites, version):
    lms = launch(page, sites[version], version, SCO)
    names = lms.names
    assert lms.count(names["initialize"]) == 1
    assert lms.writes(names["location"]) == ["1"]
    lms.press("next")
    lms.frame.locator("[data-action=next]").click()  # a mouse works too
    assert lms.current_page() == 3
    assert lms.writes(names["location"]) == ["1", "2", "3"]
    suspend = lms.writes("cmi.suspend_data")
    assert len(suspend) == 3 and len(set(suspend)) == 3  # the pages seen, growing
    commits = [i for i, c in enumerate(lms.calls()) if c["name"] == names["commit"]]
    last_write = max(i for i, c in enumerate(lms.calls()) if c["name"] == names["set"])
    assert len(commits) == 3 and commits[-1] > last_write  # saved data is committed, not left pending
    assert lms.count(names["initialize"]) == 1
    assert lms.errors() == []


@versions
def test_first_launch_sets_incomplete_and_never_writes_not_attempted(page, sites, version):
    lms = launch(page, sites[version], version, SCO)
    walk_to_the_end(lms)
    lms.press("finish")
    statuses = lms.writes(lms.names["status"])
    assert statuses[0] == "incomplete"
    assert "not attempted" not in statuses
    assert lms.errors() == []


@versions
def test_completion_is_recorded_once_every_page_is_seen(page, sites, version):
    lms = launch(page, sites[version], version, SCO)
    status = lms.names["status"]
    walk_to_the_end(lms, PAGES - 1)
    assert lms.writes(status) == ["incomplete"]
    lms.press("next")
    assert lms.writes(status) == ["incomplete", "completed"]
    assert lms.saved()[status] == "completed"
    if version == "2004":
        assert lms.saved()["cmi.progress_measure"] == "1"
        assert lms.saved()["cmi.success_status"] == "unknown"  # no evaluation: nothing to pass
    lms.press("previous")
    assert lms.writes(status) == ["incomplete", "completed"]
    assert lms.errors() == []


@versions
def test_jumping_to_the_last_page_does_not_complete(page, sites, version):
    lms = launch(page, sites[version], version, SCO)
    lms.frame.locator("summary").click()
    lms.frame.locator(f'[data-goto="{PAGES}"]').click()
    assert lms.current_page() == PAGES
    assert lms.writes(lms.names["status"]) == ["incomplete"]
    assert lms.errors() == []


@versions
def test_finishing_records_session_time_and_finishes_exactly_once(page, sites, version):
    lms = launch(page, sites[version], version, SCO)
    names = lms.names
    walk_to_the_end(lms)
    lms.press("finish")
    assert lms.frame.locator("[data-status]").inner_text().startswith("Séquence terminée")
    lms.unload()  # pagehide and unload come after the button: still one finish
    assert lms.count(names["finish"]) == 1
    assert lms.writes(names["exit"]) == [names["done_exit"]]
    [time] = lms.writes(names["time"])
    assert SESSION_TIME[version].match(time), time
    calls = [c["name"] for c in lms.calls() if not c["name"].endswith("GetLastError")]
    assert calls[-2:] == [names["commit"], names["finish"]]
    assert lms.errors() == []


@versions
def test_leaving_before_the_end_suspends(page, sites, version):
    lms = launch(page, sites[version], version, SCO)
    names = lms.names
    lms.press("next")
    lms.press("exit")
    assert "page 2" in lms.frame.locator("[data-status]").inner_text()
    assert lms.writes(names["exit"]) == ["suspend"]
    assert lms.count(names["finish"]) == 1
    lms.unload()
    assert lms.count(names["finish"]) == 1
    assert lms.saved()[names["status"]] == "incomplete"
    assert lms.errors() == []


@versions
def test_closing_the_page_finishes_once_with_suspend(page, sites, version):
    lms = launch(page, sites[version], version, SCO)
    names = lms.names
    lms.press("next")
    lms.unload()  # the learner closes the LMS window or moves elsewhere: no button pressed
    assert lms.count(names["finish"]) == 1
    assert lms.writes(names["exit"]) == ["suspend"]
    assert len(lms.writes(names["time"])) == 1
    assert lms.errors() == []


@versions
def test_second_launch_resumes_at_the_saved_page(page, sites, version):
    first = launch(page, sites[version], version, SCO)
    names = first.names
    first.press("next")
    first.press("next")
    first.press("previous")
    first.press("exit")
    saved = first.saved()
    assert saved[names["location"]] == "2"
    # What an LMS hands back to the next launch after « suspend ».
    resume = {
        names["location"]: saved[names["location"]],
        "cmi.suspend_data": saved["cmi.suspend_data"],
        names["status"]: saved[names["status"]],
        names["entry"]: "resume",
    }

    second = launch(page, sites[version], version, SCO, resume)
    assert second.current_page() == 2
    assert second.frame.locator("#progression").inner_text() == f"Page 2 sur {PAGES}"
    assert second.writes(names["status"]) == []  # already incomplete: left as it is
    second.press("next")
    second.press("next")  # page 4; pages 1-3 were seen in the first launch
    assert second.writes(names["status"]) == ["completed"]
    assert second.errors() == []


@versions
def test_resumed_learner_still_has_to_see_the_pages_skipped(page, sites, version):
    first = launch(page, sites[version], version, SCO)
    names = first.names
    first.press("exit")  # only page 1 seen
    saved = first.saved()
    resume = {
        names["location"]: "3",  # e.g. a place saved by the LMS from an earlier launch
        "cmi.suspend_data": saved["cmi.suspend_data"],
        names["status"]: "incomplete",
        names["entry"]: "resume",
    }
    second = launch(page, sites[version], version, SCO, resume)
    assert second.current_page() == 3
    second.press("next")
    assert second.writes(names["status"]) == []  # page 2 not seen yet
    second.frame.locator("summary").click()
    second.frame.locator('[data-goto="2"]').click()
    assert second.writes(names["status"]) == ["completed"]
    assert second.errors() == []


@versions
def test_api_is_found_through_the_opener_window(page, sites, version):
    lms = open_lms(page, sites[version], version)
    with page.expect_popup() as popup_info:
        page.evaluate("src => { window.open(src, 'sco'); }", "pkg/" + SCO)
    popup = popup_info.value
    popup.wait_for_selector(".sco-nav:not([hidden])")
    assert lms.count(lms.names["initialize"]) == 1
    assert popup.locator("[data-status]").inner_text() == ""  # no « hors plateforme » notice
    from playwright.sync_api import Error as PlaywrightError

    with popup.expect_event("close"):
        try:
            popup.click("[data-action=exit]")  # the SCO closes its own window once finished
        except PlaywrightError:
            pass  # it closed before the click returned (a race under load); the close event is what counts
    assert lms.count(lms.names["finish"]) == 1
    assert lms.errors() == []


@versions
def test_sco_works_without_an_lms(page, sites, version):
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{sites[version]}/pkg/{SCO}")
    assert "progression n'est pas enregistrée" in page.locator("[data-status]").inner_text()
    assert page.locator("[data-action=exit]").is_hidden()
    for number in range(2, PAGES + 1):
        page.click("[data-action=next]")
        assert page.locator("#progression").inner_text() == f"Page {number} sur {PAGES}"
    page.click("[data-action=finish]")
    assert page.locator("[data-status]").inner_text() == "Vous avez parcouru toute la séquence."
    assert problems == []


def test_without_javascript_every_page_is_readable(browser, sites):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{sites['1.2']}/pkg/{SCO}")
    assert page.locator("[data-page]").count() == PAGES
    assert all(page.locator(f'[data-page="{n}"]').is_visible() for n in range(1, PAGES + 1))
    assert page.locator(".sco-nav").is_hidden()
    context.close()


@versions
def test_sco_requests_nothing_outside_127_0_0_1(page, sites, version):
    outside = external_requests(page)
    lms = launch(page, sites[version], version, "sequences/acteurs-orientation.html")
    lms.press("next")
    lms.press("finish")
    assert outside == []


@versions
def test_keyboard_focus_moves_to_the_new_page(page, sites, version):
    lms = launch(page, sites[version], version, SCO)
    lms.press("next")
    focused = lms.frame.locator(":focus")
    assert focused.get_attribute("data-page") == "2"
    # Tab goes on from the new page (which has no link) to the buttons under it, not back to the top.
    page.keyboard.press("Tab")
    assert lms.frame.locator(":focus").get_attribute("data-action") == "previous"


# --- SCORM 1.2's 4096-character suspend_data ---------------------------------------------------


def pages_per_sco(package) -> dict[str, int]:
    with zipfile.ZipFile(package) as archive:
        return {
            name: archive.read(name).decode("utf-8").count('class="sco-page"')
            for name in archive.namelist()
            if name.startswith("sequences/")
        }


def suspend_data_after_every_page(page, base_url: str, sco: str, pages: int) -> str:
    lms = launch(page, base_url, "1.2", sco)
    for _ in range(pages - 1):
        lms.frame.locator("[data-action=next]").click()
    lms.press("finish")
    assert lms.errors() == []
    return lms.saved()["cmi.suspend_data"]


def test_suspend_data_of_a_very_long_session_fits_scorm12(page, tmp_path):
    data = module_data()
    data["sessions"][3]["content"] = "\n\n".join(f"## Partie {n}\n\nTexte de la partie {n}." for n in range(1, 121))
    curriculum = make_curriculum(tmp_path / "c", data)
    [package] = export_packages(curriculum, tmp_path / "dist", "scorm12")
    pages = pages_per_sco(package)["sequences/retour.html"]
    assert pages == 120
    root = prepare_site(tmp_path / "site", package)
    with serve_directory(root) as url:
        suspend = suspend_data_after_every_page(page, url, "sequences/retour.html", pages)
    assert len(suspend) <= 4096
    assert len(suspend) <= 40  # a bitmap: 120 pages in 30 hexadecimal digits


@versions
def test_the_lms_page_reports_the_errors_a_strict_lms_raises(page, sites, version):
    # Guards the other tests: an error the SCO caused would show up in `errors()`.
    lms = open_lms(page, sites[version], version)
    names = lms.names
    refused = ["fini"] + (["not attempted"] if version == "1.2" else [])  # SCORM 1.2: as Moodle's 405
    page.evaluate(
        """([api, init, set, status, values]) => {
             window[api][init]('');
             values.forEach(function (value) { window[api][set](status, value); });
           }""",
        ["API" if version == "1.2" else "API_1484_11", names["initialize"], names["set"], names["status"], refused],
    )
    errors = lms.errors()
    assert [(e["name"], e["args"][1]) for e in errors] == [(names["set"], value) for value in refused]


@versions
def test_an_lms_that_throws_does_not_stop_the_learner(page, sites, version):
    lms = open_lms(page, sites[version], version)
    names = lms.names
    api = "API" if version == "1.2" else "API_1484_11"
    # e.g. the LMS's connection dropped: its Commit throws instead of returning "false"
    page.evaluate(f"() => {{ window.{api}.{names['commit']} = function () {{ throw new Error('connexion perdue'); }}; }}")
    page.evaluate("src => window.launch(src)", f"pkg/{SCO}")
    lms.frame.locator(".sco-nav:not([hidden])").wait_for()
    walk_to_the_end(lms)
    assert lms.current_page() == PAGES
    assert lms.writes(names["status"])[-1] == "completed"
    lms.press("finish")
    assert lms.count(names["finish"]) == 1
    problems = lms.frame.locator("body").evaluate("() => window.trainkitScorm.errors")
    assert problems and all(p.startswith("Commit") for p in problems)

"""Accessibility of the SCO pages: axe-core on every page a learner can see, and the keyboard."""

from __future__ import annotations

import pytest
from browser import require_node_module, serve_directory
from scorm_support import packages, prepare_site, scorm_curriculum  # noqa: F401 - fixtures

SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def site(packages, tmp_path_factory):
    root = prepare_site(tmp_path_factory.mktemp("a11y"), packages["scorm2004"])
    with serve_directory(root) as url:
        yield url


def axe_violations(page) -> list[dict]:
    axe = require_node_module("axe-core") / "axe.min.js"
    page.add_script_tag(path=str(axe))
    result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in SERIOUS]


@pytest.mark.parametrize("sco", ["ouverture", "acteurs-orientation", "terrain"])
def test_every_page_of_a_sco_has_no_serious_axe_violation(page, site, sco):
    page.goto(f"{site}/pkg/sequences/{sco}.html")
    pages = page.locator("[data-page]").count()
    assert pages >= 1
    for number in range(1, pages + 1):
        if number > 1:
            page.click("[data-action=next]")
        assert page.locator(f'[data-page="{number}"]').is_visible()
        assert serious(axe_violations(page)) == [], f"page {number}"


def test_a_document_page_has_no_serious_axe_violation(page, site):
    page.goto(f"{site}/pkg/documents/ressources/fiche-orientation.html")
    assert serious(axe_violations(page)) == []


def test_sco_reads_well_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{site}/pkg/sequences/acteurs-orientation.html")
    # Nothing wider than the screen: the table scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator("[data-action=next]").bounding_box()
    assert box["height"] >= 44  # a finger-sized target
    context.close()


def test_every_control_is_reachable_with_the_tab_key(page, site):
    page.goto(f"{site}/pkg/sequences/ouverture.html")
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.getAttribute('data-action') || document.activeElement.tagName"))
    assert {"next", "SUMMARY", "A"} <= reached

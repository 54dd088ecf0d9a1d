"""No evaluation page wider than the screen: the bundled modules' evaluations on the learner site and in the SCOs,
on a 390 px phone and in a 1,280 px window, before and after validation (the corrections add text).

Matching lists were as wide as their longest option: 512 to 1,711 px pages on a phone.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
from browser import serve_directory
from scorm_support import prepare_site

from trainkit.api import export, validate

REPO = Path(__file__).resolve().parents[1]
WIDTHS = (390, 1280)
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture(scope="module")
def curriculum():
    return validate(REPO / "curriculum").curriculum


@pytest.fixture(scope="module")
def sco_site(curriculum, tmp_path_factory):
    out = tmp_path_factory.mktemp("layout-dist")
    [package] = export(curriculum, out, formats=("scorm12",), module_ids=["expert"])
    with ExitStack() as stack:
        yield stack.enter_context(serve_directory(prepare_site(tmp_path_factory.mktemp("layout-site"), package)))


def evaluation_pages(curriculum):
    return [(module.id, evaluation.id) for module in curriculum.modules for evaluation in module.evaluations]


def validate_everything(page):
    page.evaluate("""() => document.querySelectorAll('form.trainkit-quiz').forEach(form => {
        form.querySelectorAll('select').forEach(s => { s.selectedIndex = s.options.length - 1; });
        form.querySelectorAll('.trainkit-question__options input:first-of-type').forEach(i => { i.checked = true; });
        form.querySelectorAll('input[type=text]').forEach(i => { i.value = 'une réponse assez longue pour voir'; });
        window.trainkitQuiz.submit(form, true);
    })""")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_learner_site_evaluation_page_is_wider_than_the_screen(browser, built_site, curriculum, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wider = {}
    for module_id, evaluation_id in evaluation_pages(curriculum):
        page.goto((built_site.learner / "modules" / module_id / "evaluations" / f"{evaluation_id}.html").as_uri())
        wider[module_id, evaluation_id, "avant"] = page.evaluate(OVERFLOW)
        validate_everything(page)
        wider[module_id, evaluation_id, "après"] = page.evaluate(OVERFLOW)
    context.close()
    assert {key: px for key, px in wider.items() if px > 0} == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_sco_evaluation_page_is_wider_than_the_screen(browser, sco_site, curriculum, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wider = {}
    for evaluation in curriculum.module("expert").evaluations:
        page.goto(f"{sco_site}/pkg/evaluations/{evaluation.id}.html")
        wider[evaluation.id, "avant"] = page.evaluate(OVERFLOW)
        validate_everything(page)
        wider[evaluation.id, "après"] = page.evaluate(OVERFLOW)
    context.close()
    assert {key: px for key, px in wider.items() if px > 0} == {}

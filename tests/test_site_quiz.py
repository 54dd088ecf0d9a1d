"""Evaluations on the site: learners answer in the page and get their score; answers stay out of the page source."""

from __future__ import annotations

import re

import pytest

from trainkit.api import build, validate

from trainkit.scaffold import scaffold_curriculum

from conftest import Starter
from quiz_support import add_all_types_evaluation, answer


@pytest.fixture(scope="module")
def quiz_starter(tmp_path_factory):
    starter = Starter(tmp_path_factory.mktemp("quiz") / "curriculum")
    scaffold_curriculum(starter.root)
    add_all_types_evaluation(starter)
    return starter


@pytest.fixture(scope="module")
def quiz_site(quiz_starter, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("quiz-site")
    starter = quiz_starter
    result = build(starter.root, site_dir=tmp_path / "site", work_dir=tmp_path / "tree", dist_dir=tmp_path / "dist",
                   config_file=None)
    assert result.sites, result.validation.report.diagnostics
    module = validate(starter.root).curriculum.modules[0]
    return tmp_path / "site", module


def page_of(site, audience="learner", evaluation="positionnement"):
    return site / audience / "modules" / "mon-module" / "evaluations" / f"{evaluation}.html"


def take(page, site, module, *, right: bool):
    evaluation = module.evaluation("positionnement")
    page.goto(page_of(site).as_uri())
    for question in evaluation.questions:
        answer(page, page.locator(f"#positionnement-{question.id}"), question, right=right)
    page.get_by_role("button", name="Valider mes réponses").click()
    return page.locator(".trainkit-quiz__result").inner_text()


def test_every_question_type_answered_right_scores_100(page, quiz_site):
    site, module = quiz_site
    assert "6 / 6 (100 %) — évaluation réussie" in take(page, site, module, right=True)
    assert page.locator(".trainkit-question--correct").count() == 6


def test_wrong_answers_fail_with_the_right_score(page, quiz_site):
    site, module = quiz_site
    result = take(page, site, module, right=False)
    assert "0 / 6 (0 %)" in result and "seuil de 50 % non atteint" in result
    assert page.locator(".trainkit-question--incorrect").count() == 6


def test_feedback_is_announced_to_screen_readers(page, quiz_site):
    site, module = quiz_site
    take(page, site, module, right=False)
    feedback = page.locator("#positionnement-jeunes .trainkit-feedback")
    assert feedback.get_attribute("role") == "status"
    assert "Le dispositif des 16-25\u00a0ans est le contrat d'engagement jeune" in feedback.inner_text()  # typeset
    assert page.evaluate("document.activeElement.className") == "trainkit-quiz__result"


def test_the_quiz_can_be_taken_with_the_keyboard_only(page, quiz_site):
    site, module = quiz_site
    page.goto(page_of(site).as_uri())
    page.locator("#positionnement-jeunes input").first.focus()
    page.keyboard.press("Space")  # picks the focused choice
    assert page.locator("#positionnement-jeunes input:checked").count() == 1
    page.get_by_role("button", name="Valider mes réponses").focus()
    page.keyboard.press("Enter")
    assert "/ 6" in page.locator(".trainkit-quiz__result").inner_text()


def test_learner_page_source_holds_no_answer_in_clear(quiz_site):
    site, module = quiz_site
    html = page_of(site).read_text(encoding="utf-8")
    evaluation = module.evaluation("positionnement")
    assert "data-correct" not in html and "correct: true" not in html
    for question in evaluation.questions:
        for text in (question.feedback.correct, question.feedback.incorrect):
            assert not text or text not in html
    assert not re.search(r"\bsiae\b", html, re.IGNORECASE)  # the short answer


def test_trainer_site_shows_the_answer_key(quiz_site):
    site, _ = quiz_site
    html = page_of(site, "trainer").read_text(encoding="utf-8")
    assert "Corrigé" in html
    assert "✓ <strong>Le contrat d'engagement jeune</strong>" in html
    assert "Réponses acceptées" in html and "SIAE" in html
    assert 'class="trainkit-quiz"' not in html


def test_same_build_twice_gives_the_same_quiz_page(quiz_site, quiz_starter, tmp_path):
    site, _ = quiz_site
    build(quiz_starter.root, site_dir=tmp_path / "again", work_dir=tmp_path / "tree2", dist_dir=tmp_path / "dist2",
          config_file=None)
    first = page_of(site).read_text(encoding="utf-8")
    second = page_of(tmp_path / "again").read_text(encoding="utf-8")
    assert first == second

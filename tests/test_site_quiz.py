"""Evaluations on the site: learners answer in the page and get their score; answers stay out of the page source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trainkit.api import build, validate

from trainkit.scaffold import scaffold_curriculum

from conftest import Starter
from quiz_support import PRACTICE_FINAL_EVALUATION, add_all_types_evaluation, answer, replace_final_evaluation


@pytest.fixture(scope="module")
def quiz_starter(tmp_path_factory):
    starter = Starter(tmp_path_factory.mktemp("quiz") / "curriculum")
    scaffold_curriculum(starter.root, profile="strategie-pauvrete")
    add_all_types_evaluation(starter)
    replace_final_evaluation(starter, PRACTICE_FINAL_EVALUATION)
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


def test_every_question_type_answered_right_is_counted_right(page, quiz_site):
    site, module = quiz_site
    assert "Votre résultat : 6 bonnes réponses sur 6" in take(page, site, module, right=True)
    assert page.locator(".trainkit-question--correct").count() == 6


def test_wrong_answers_are_counted_wrong_and_corrected(page, quiz_site):
    site, module = quiz_site
    assert "Votre résultat : 0 bonne réponse sur 6" in take(page, site, module, right=False)
    assert page.locator(".trainkit-question--incorrect").count() == 6


def test_an_ungraded_positioning_test_shows_no_pass_mark(page, quiz_site):
    site, module = quiz_site
    take(page, site, module, right=False)
    text = page.locator("form.trainkit-quiz").inner_text()
    assert "sans note" in text
    assert "seuil" not in text and "%" not in text


def test_an_empty_form_is_not_scored(page, quiz_site):
    site, _ = quiz_site
    page.goto(page_of(site).as_uri())
    page.get_by_role("button", name="Valider mes réponses").click()
    assert "Aucune réponse donnée" in page.locator(".trainkit-quiz__result").inner_text()
    assert page.locator(".trainkit-question--incorrect").count() == 0
    assert page.get_by_role("button", name="Valider mes réponses").is_enabled()


def test_an_incomplete_form_is_scored_only_once_confirmed(page, quiz_site):
    site, _ = quiz_site
    page.goto(page_of(site).as_uri())
    page.locator("#positionnement-france-travail").get_by_label("Vrai", exact=True).check()
    page.get_by_role("button", name="Valider mes réponses").click()
    confirm = page.locator(".trainkit-quiz__confirm")
    assert "5 questions sont sans réponse (questions 1, 2, 4, 5, 6)" in confirm.inner_text()
    assert page.locator(".trainkit-quiz__result").inner_text() == ""
    page.get_by_role("button", name="Valider quand même").click()
    assert "1 bonne réponse sur 6" in page.locator(".trainkit-quiz__result").inner_text()
    assert confirm.is_hidden()


def test_a_validation_locks_the_answers(page, quiz_site):
    site, module = quiz_site
    take(page, site, module, right=False)
    form = page.locator("form.trainkit-quiz")
    assert form.locator("input:enabled, select:enabled").count() == 0
    assert page.locator("form.trainkit-quiz button[type=submit]").is_hidden()  # nothing left to validate
    assert page.get_by_role("button", name="Nouvelle tentative").is_hidden()  # one validation (the default)


def take_final(page, site, module, right_ids: set[str]) -> str:
    evaluation = module.evaluation("finale")
    for question in evaluation.questions:
        answer(page, page.locator(f"#evaluation-finale-{question.id}"), question, right=question.id in right_ids)
    page.get_by_role("button", name="Valider mes réponses").click()
    return page.locator(".trainkit-quiz__result").inner_text()


def test_a_graded_evaluation_is_taken_in_the_lms_only(built_site):
    # A page that can be reloaded would give as many attempts, and corrections, as a learner wants.
    page = (built_site.learner / "modules" / "fondamentaux" / "evaluations" / "evaluation-finale.html").read_text(
        encoding="utf-8")
    assert "À passer dans la plateforme de formation" in page
    assert "trainkit-quiz" not in page and "data-keys" not in page and "data-feedback" not in page
    assert "notée, seuil de réussite 70" in page


def test_corrections_wait_for_the_last_attempt_when_the_policy_says_so(page, quiz_site):
    site, module = quiz_site
    page.goto(page_of(site, evaluation="evaluation-finale").as_uri())
    result = take_final(page, site, module, {"jeunes"})
    assert "Il vous reste 1 tentative" in result and "après votre dernière tentative" in result
    assert page.locator(".trainkit-question--correct, .trainkit-question--incorrect").count() == 0
    assert page.locator(".trainkit-feedback").all_inner_texts() == ["", "", ""]
    page.get_by_role("button", name="Nouvelle tentative").click()
    assert page.locator("form.trainkit-quiz input:checked").count() == 0  # a new attempt starts blank
    result = take_final(page, site, module, {"jeunes", "rsa", "ft"})
    assert "3 bonnes réponses sur 3" in result
    assert page.locator(".trainkit-question--correct").count() == 3
    assert page.get_by_role("button", name="Nouvelle tentative").is_hidden()


def test_option_values_say_nothing_of_the_authored_order():
    # Authors write the right answer first: values in YAML order (a; a,b,c; 1.a,2.b…) would give it away.
    from trainkit.views.quiz import quiz_view

    curriculum = validate(Path(__file__).resolve().parents[1] / "curriculum").curriculum
    answers = []
    for module in curriculum.modules:
        for evaluation in module.all_evaluations:
            for question in quiz_view(evaluation, module.id).questions:
                if question.type not in ("vrai-faux", "reponse-courte"):
                    answers.append(question.correct[0])
    in_yaml_order = {"a", "a,b", "a,b,c", "a,b,c,d", "a,b,c,d,e", "1.a,2.b", "1.a,2.b,3.c", "1.a,2.b,3.c,4.d",
                     "1.a,2.b,3.c,4.d,5.e"}
    assert len(answers) > 20
    assert sum(answer in in_yaml_order for answer in answers) <= len(answers) // 10


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
    assert page.get_by_role("button", name="Compléter mes réponses").evaluate("b => b === document.activeElement")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # « Valider quand même »
    assert "sur 6" in page.locator(".trainkit-quiz__result").inner_text()


def test_learner_page_source_holds_no_answer_in_clear(quiz_site):
    site, module = quiz_site
    html = page_of(site).read_text(encoding="utf-8")
    evaluation = module.evaluation("positionnement")
    assert "data-correct=" not in html and "correct: true" not in html
    for question in evaluation.questions:
        for text in (question.feedback.correct, question.feedback.incorrect):
            assert not text or text not in html
    assert not re.search(r"\bsiae\b", html, re.IGNORECASE)  # the short answer


def test_trainer_site_shows_the_answer_key(quiz_site):
    site, _ = quiz_site
    html = page_of(site, "trainer").read_text(encoding="utf-8")
    assert "Corrigé" in html
    assert "✓ <strong>Le contrat d'engagement jeune</strong>" in html
    assert "<strong>SIAE</strong>" in html
    assert 'class="trainkit-quiz"' not in html


def test_the_answer_key_is_one_table_line_per_question_with_the_feedback_folded(quiz_site):
    site, module = quiz_site
    html = page_of(site, "trainer").read_text(encoding="utf-8")
    key = html.split('class="tk-answer-key"', 1)[1].split("</table>", 1)[0]
    evaluation = module.evaluation("positionnement")
    assert key.count("<tr>") == len(evaluation.questions) + 1  # the header, then one line per question
    assert "<th>Réponse attendue</th>" in key
    assert "<summary>Retours affichés aux stagiaires</summary>" in html


def test_same_build_twice_gives_the_same_quiz_page(quiz_site, quiz_starter, tmp_path):
    site, _ = quiz_site
    build(quiz_starter.root, site_dir=tmp_path / "again", work_dir=tmp_path / "tree2", dist_dir=tmp_path / "dist2",
          config_file=None)
    first = page_of(site).read_text(encoding="utf-8")
    second = page_of(tmp_path / "again").read_text(encoding="utf-8")
    assert first == second


def test_enter_in_a_typed_answer_does_not_validate_the_evaluation(page, quiz_site):
    site, _ = quiz_site
    page.goto(page_of(site).as_uri())
    field = page.locator("#positionnement-sigle").get_by_label("Votre réponse")
    field.fill("SI")
    field.press("Enter")
    assert page.locator(".trainkit-quiz__result").inner_text() == ""
    assert page.locator(".trainkit-quiz__confirm").is_hidden()
    assert field.is_enabled()

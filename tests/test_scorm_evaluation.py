"""Evaluations in the LMS packages: taken in Debian's chromium against scorm-again, as an LMS records them.

The bundled curriculum's final evaluation (every question type) is taken twice per SCORM version:
every answer right, every answer wrong. The LMS is given the mastery score the manifest declares
(SCORM 1.2 `cmi.student_data.mastery_score`, 2004 `cmi.scaled_passing_score`), as Moodle does, so
its own verdict at the end must agree with the SCO's. Any SCORM error code the SCO causes fails a test.
Smaller cases (positioning test, session check, completion rule, odd answers) use a fixture module.
"""

from __future__ import annotations

import re
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import require_node_module, serve_directory
from quiz_support import answer
from scorm_support import (
    FORMATS,
    TRAINER_MARKER,
    VERSION_OF,
    evaluation_module_data,
    launch,
    make_curriculum,
    manifest_of,
    manifest_schema,
    module_data,
    prepare_site,
    read_entries,
)

from trainkit.api import validate
from trainkit.model.evaluation import Matching, MultipleChoice, Ordering, ShortAnswer, SingleChoice, TrueFalse
from trainkit.render.quiz_form import QUIZ_SCRIPT
from trainkit.views.quiz import normalise_answer, quiz_view
from trainkit.outputs.scorm import export_packages

REPO = Path(__file__).resolve().parents[1]
CURRICULUM = REPO / "curriculum"
CP = {"scorm12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "scorm2004": "http://www.imsglobal.org/xsd/imscp_v1p1"}
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
INTERACTION_TYPE = {
    "choix-unique": "choice", "choix-multiple": "choice", "vrai-faux": "true-false",
    "appariement": "matching", "ordre": "sequencing", "reponse-courte": "fill-in",
}
SINGLE_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz"

versions = pytest.mark.parametrize("version", ["1.2", "2004"])

# --- what the SCORM specifications allow, element by element --------------------------------------

SCORM12_IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]{1,255}$")  # CMIIdentifier, strictly
SCORM2004_LONG_IDENTIFIER = re.compile(r"^\S{1,4000}$")
NODE = r"[A-Za-z0-9._-]+"  # our short identifiers: option letters, item numbers
RESPONSE_FORMAT = {
    "1.2": {
        "choice": re.compile(r"^[0-9a-z](,[0-9a-z])*$"),
        "sequencing": re.compile(r"^[0-9a-z](,[0-9a-z])*$"),
        "true-false": re.compile(r"^[01tf]$"),
        "matching": re.compile(r"^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$"),
        "fill-in": re.compile(r"^.{1,255}$"),  # CMIFeedback: 255 characters
    },
    "2004": {
        "choice": re.compile(rf"^{NODE}(\[,\]{NODE})*$"),
        "sequencing": re.compile(rf"^{NODE}(\[,\]{NODE})*$"),
        "true-false": re.compile(r"^(true|false)$"),
        "matching": re.compile(rf"^{NODE}\[\.\]{NODE}(\[,\]{NODE}\[\.\]{NODE})*$"),
        "fill-in": re.compile(r"^(?!\{)(?!.*\[,\]).{1,250}$"),  # one localized string, no delimiter
    },
}
FILL_IN_PATTERN_2004 = re.compile(r"^\{case_matters=false\}(?!\{)(?!.*\[,\]).{1,250}$")
TIME = {
    "1.2": re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$"),
    "2004": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,2})?(Z|[+-]\d\d(:\d\d)?)?$"),
}
WRONG = {"1.2": "wrong", "2004": "incorrect"}


# --- the robot learner's answers, and what the LMS must record for them, from the model -------------


def canonical_answer(question, right: bool, view) -> str:
    """What quiz_support.answer(…, right=…) gives, in trainkit's canonical form (see trainkit.views.quiz);
    `view` is the evaluation's QuizView, which holds the option ids."""
    shown = next(q for q in view.questions if q.id == question.id)
    ids = {option.text: option.id for option in (*shown.options, *shown.rights)}
    if isinstance(question, SingleChoice):
        return next(ids[c.text] for c in question.choices if c.correct is right)
    if isinstance(question, MultipleChoice):
        return ",".join(sorted(ids[c.text] for c in question.choices if c.correct is right))
    if isinstance(question, TrueFalse):
        return "true" if question.answer is right else "false"
    if isinstance(question, Matching):
        rights = [ids[p.right] for p in question.pairs]
        count = len(rights)
        return ",".join(f"{i + 1}.{rights[i if right else (i + 1) % count]}" for i in range(count))
    if isinstance(question, Ordering):
        order = [ids[text] for text in question.items]
        return ",".join(order if right else reversed(order))
    if isinstance(question, ShortAnswer):
        return normalise_answer(question.accepted[0]) if right else "je ne sais pas"
    raise TypeError(type(question))


def js_number(value: float) -> str:
    """A number as JavaScript's String() writes it: 100, 60, 69.57."""
    return f"{value:.15g}"


def in_scorm(version: str, interaction: str, value: str, *, pattern: bool = False) -> str:
    """A canonical response in the format SCORM 1.2 or 2004 defines for the interaction type."""
    if version == "1.2":
        if interaction == "true-false":
            return value[0]  # "t" / "f"
        if interaction == "matching":
            pairs = [pair.split(".") for pair in value.split(",")]
            return ",".join(f"{SINGLE_CHARACTERS[int(left)]}.{right}" for left, right in pairs)
        return value
    if interaction == "fill-in":
        return "{case_matters=false}" + value if pattern else value
    if interaction == "matching":
        return "[,]".join(pair.replace(".", "[.]") for pair in value.split(","))
    if interaction in ("choice", "sequencing"):
        return value.replace(",", "[,]")
    return value


def lms_writes_keys(lms) -> list[str]:
    return [call["args"][0] for call in lms.calls() if call["name"] == lms.names["set"]]


# --- the LMS's record ----------------------------------------------------------------------------


def interactions(saved: dict[str, str]) -> list[dict]:
    """cmi.interactions.n.* of the LMS's record, as one dict per interaction (objectives and patterns as lists)."""
    found: dict[int, dict] = {}
    for key, value in saved.items():
        match = re.match(r"^cmi\.interactions\.(\d+)\.(.+)$", key)
        if not match:
            continue
        entry = found.setdefault(int(match.group(1)), {"objectives": {}, "patterns": {}})
        field = match.group(2)
        if nested := re.match(r"^objectives\.(\d+)\.id$", field):
            entry["objectives"][int(nested.group(1))] = value
        elif nested := re.match(r"^correct_responses\.(\d+)\.pattern$", field):
            entry["patterns"][int(nested.group(1))] = value
        elif "." not in field:
            entry[field] = value
    result = []
    for n in sorted(found):
        entry = found[n]
        entry["objectives"] = [entry["objectives"][k] for k in sorted(entry["objectives"])]
        entry["patterns"] = [entry["patterns"][k] for k in sorted(entry["patterns"])]
        result.append(entry)
    return result


def lms_data_from_manifest(package: Path, sco: str, version: str) -> dict[str, str]:
    """What an LMS hands the SCO from the manifest: the mastery score of its item."""
    fmt = "scorm12" if version == "1.2" else "scorm2004"
    manifest = manifest_of(package)
    ns = {"cp": CP[fmt], "adlcp": ADLCP12, "imsss": IMSSS}
    resource = next(r for r in manifest.iterfind(".//cp:resource", ns) if r.get("href") == sco)
    item = next(i for i in manifest.iterfind(".//cp:item", ns) if i.get("identifierref") == resource.get("identifier"))
    if version == "1.2":
        mastery = item.findtext("adlcp:masteryscore", namespaces=ns)
        return {"cmi.student_data.mastery_score": mastery} if mastery else {}
    measure = item.findtext(".//imsss:primaryObjective/imsss:minNormalizedMeasure", namespaces=ns)
    return {"cmi.scaled_passing_score": measure} if measure else {}


def take(page, base_url: str, package: Path, version: str, sco: str, evaluation, *, right) -> object:
    """Launch the evaluation's SCO, answer every question (right, wrong, or by a function of the question), validate."""
    lms = launch(page, base_url, version, sco, lms_data_from_manifest(package, sco, version))
    for question in evaluation.questions:
        is_right = right(question) if callable(right) else right
        answer(page, lms.frame.locator(f"#{evaluation.id}-{question.id}"), question, right=is_right)
    lms.frame.get_by_role("button", name="Valider mes réponses").click()
    return lms


@dataclass
class Attempt:
    """One evaluation taken in the LMS page, then finished with « Terminer l'évaluation »."""

    evaluation: object
    view: object  # the evaluation as shown (option ids)
    sco_writes: dict[str, list[str]]  # what the SCO set, element by element, in order
    saved: dict[str, str]  # what the LMS keeps once the SCO has finished
    errors: list[dict]
    result: str  # the score the learner reads
    finishes: int


def record(lms, evaluation, module_id: str) -> Attempt:
    result = lms.frame.locator(".trainkit-quiz__result").inner_text()
    lms.press("finish")
    writes: dict[str, list[str]] = {}
    for call in lms.calls():
        if call["name"] == lms.names["set"]:
            writes.setdefault(call["args"][0], []).append(call["args"][1])
    return Attempt(evaluation, quiz_view(evaluation, module_id), writes, lms.saved(), lms.errors(), result,
                   lms.count(lms.names["finish"]))


def retake(page, lms, evaluation, *, right: bool) -> None:
    """« Nouvelle tentative », answer again, validate: a second validation, where the policy allows one."""
    lms.frame.get_by_role("button", name="Nouvelle tentative").click()
    for question in evaluation.questions:
        answer(page, lms.frame.locator(f"#{evaluation.id}-{question.id}"), question, right=right)
    lms.frame.get_by_role("button", name="Valider mes réponses").click()


# --- the bundled curriculum's final evaluation ------------------------------------------------------


@pytest.fixture(scope="module")
def real_module():
    validation = validate(CURRICULUM)
    if not validation.ok():
        pytest.skip("le curriculum livré (curriculum/) ne valide pas encore : `trainkit validate curriculum`")
    module = validation.curriculum.modules[0]
    final = module.evaluation("finale")
    assert final is not None and {q.type for q in final.questions} == set(INTERACTION_TYPE)
    return validation.curriculum, module


@pytest.fixture(scope="module")
def real_sites(real_module, tmp_path_factory):
    curriculum, module = real_module
    out = tmp_path_factory.mktemp("eval-dist")
    with ExitStack() as stack:
        sites = {}
        for fmt in FORMATS:
            [package] = export_packages(curriculum, out, fmt, module_ids=[module.id])
            root = prepare_site(tmp_path_factory.mktemp(f"eval-{fmt}"), package)
            sites[VERSION_OF[fmt]] = (stack.enter_context(serve_directory(root)), package)
        yield sites


@pytest.fixture(scope="module")
def final_attempts(browser, real_module, real_sites):
    """The final evaluation taken once per version and way of answering, on demand."""
    _, module = real_module
    evaluation = module.evaluation("finale")
    cache: dict[tuple[str, bool], Attempt] = {}

    def attempt(version: str, right: bool) -> Attempt:
        if (version, right) not in cache:
            context = browser.new_context(locale="fr-FR")
            page = context.new_page()
            url, package = real_sites[version]
            lms = take(page, url, package, version, f"evaluations/{evaluation.id}.html", evaluation, right=right)
            cache[version, right] = record(lms, evaluation, module.id)
            context.close()
        return cache[version, right]

    return attempt


answers = pytest.mark.parametrize("right", [True, False], ids=["tout-juste", "tout-faux"])


@versions
def test_final_evaluation_answered_right_is_passed_with_full_score(final_attempts, version):
    attempt = final_attempts(version, True)
    count = len(attempt.evaluation.questions)
    assert f"{count} / {count} (100 %)" in attempt.result
    score = "cmi.core.score." if version == "1.2" else "cmi.score."
    assert attempt.sco_writes[score + "raw"] == ["100"]
    assert attempt.saved[score + "raw"] == attempt.saved[score + "max"] == "100"
    assert attempt.saved[score + "min"] == "0"
    if version == "1.2":
        assert attempt.sco_writes["cmi.core.lesson_status"] == ["incomplete", "passed"]
        assert attempt.saved["cmi.core.lesson_status"] == "passed"  # the LMS's mastery check agrees
    else:
        assert attempt.saved["cmi.score.scaled"] == "1"
        assert attempt.sco_writes["cmi.success_status"] == ["passed"]
        assert attempt.saved["cmi.success_status"] == "passed"
        assert attempt.saved["cmi.completion_status"] == "completed"
    assert attempt.errors == [] and attempt.finishes == 1


@versions
def test_final_evaluation_answered_wrong_is_failed_with_a_zero_score(final_attempts, version):
    attempt = final_attempts(version, False)
    count = len(attempt.evaluation.questions)
    assert f"0 / {count} (0 %)" in attempt.result
    score = "cmi.core.score." if version == "1.2" else "cmi.score."
    assert attempt.saved[score + "raw"] == "0"
    assert (attempt.saved[score + "min"], attempt.saved[score + "max"]) == ("0", "100")
    if version == "1.2":
        assert attempt.sco_writes["cmi.core.lesson_status"] == ["incomplete", "failed"]
        assert attempt.saved["cmi.core.lesson_status"] == "failed"
    else:
        assert attempt.saved["cmi.score.scaled"] == "0"
        assert attempt.saved["cmi.success_status"] == "failed"
        # « contenu-vu »: the evaluation was taken, failed; the module's completion comes from its sessions
        assert attempt.saved["cmi.completion_status"] == "completed"
    assert attempt.errors == [] and attempt.finishes == 1


@versions
@answers
def test_each_question_is_one_interaction_with_its_id_type_and_objectives(final_attempts, version, right):
    attempt = final_attempts(version, right)
    recorded = interactions(attempt.saved)
    questions = attempt.evaluation.questions
    assert [i["id"] for i in recorded] == [q.id for q in questions]
    assert [i["type"] for i in recorded] == [INTERACTION_TYPE[q.type] for q in questions]
    assert [i["objectives"] for i in recorded] == [list(q.objectives) for q in questions]
    identifier = SCORM12_IDENTIFIER if version == "1.2" else SCORM2004_LONG_IDENTIFIER
    for entry in recorded:
        assert identifier.match(entry["id"]), entry["id"]
        assert all(identifier.match(objective) for objective in entry["objectives"])
        assert TIME[version].match(entry["time" if version == "1.2" else "timestamp"])
        assert entry["weighting"] == "1"
    assert attempt.errors == []


@versions
@answers
def test_learner_responses_are_recorded_in_the_version_format(final_attempts, version, right):
    attempt = final_attempts(version, right)
    field = "student_response" if version == "1.2" else "learner_response"
    for question, entry in zip(attempt.evaluation.questions, interactions(attempt.saved)):
        kind = INTERACTION_TYPE[question.type]
        expected = in_scorm(version, kind, canonical_answer(question, right, attempt.view))
        assert entry[field] == expected, question.id
        assert RESPONSE_FORMAT[version][kind].match(entry[field]), (question.id, entry[field])
    assert attempt.errors == []


@versions
@answers
def test_no_correct_response_is_sent_to_the_lms(final_attempts, version, right):
    # The SCO would need the answers in clear to send them; the result says right or wrong.
    attempt = final_attempts(version, right)
    assert [entry["patterns"] for entry in interactions(attempt.saved)] == [[]] * len(attempt.evaluation.questions)
    assert not [key for key in attempt.sco_writes if "correct_responses" in key]


@versions
@answers
def test_each_result_is_recorded_in_the_version_vocabulary(final_attempts, version, right):
    attempt = final_attempts(version, right)
    results = [entry["result"] for entry in interactions(attempt.saved)]
    assert results == ["correct" if right else WRONG[version]] * len(attempt.evaluation.questions)


def test_scorm2004_interactions_carry_the_question_text(final_attempts):
    attempt = final_attempts("2004", True)
    for question, entry in zip(attempt.evaluation.questions, interactions(attempt.saved)):
        description = entry["description"]
        assert description.startswith("{lang=fr}") and len(description) <= len("{lang=fr}") + 250
        words = re.sub(r"[*_`]", "", question.prompt).split()
        assert description[len("{lang=fr}"):].startswith(" ".join(words)[:40])


# --- a fixture module: positioning test, session check, completion rule, odd answers ------------------


@pytest.fixture(scope="module")
def fixture_sites(tmp_path_factory):
    """The fixture module packaged under each completion rule, served per format."""
    with ExitStack() as stack:
        sites = {}
        for completion in ("contenu-vu", "evaluation-reussie"):
            curriculum = make_curriculum(tmp_path_factory.mktemp(completion) / "c", evaluation_module_data(completion))
            module = curriculum.modules[0]
            for fmt in FORMATS:
                [package] = export_packages(curriculum, tmp_path_factory.mktemp(f"dist-{completion}"), fmt)
                root = prepare_site(tmp_path_factory.mktemp(f"site-{completion}-{fmt}"), package)
                sites[completion, VERSION_OF[fmt]] = (stack.enter_context(serve_directory(root)), package, module)
        yield sites


@versions
def test_positioning_test_records_answers_without_score_pass_or_fail(page, fixture_sites, version):
    url, package, module = fixture_sites["contenu-vu", version]
    evaluation = module.evaluation("positionnement")
    assert lms_data_from_manifest(package, "evaluations/positionnement.html", version) == {}  # no mastery score
    lms = take(page, url, package, version, "evaluations/positionnement.html", evaluation, right=True)
    attempt = record(lms, evaluation, module.id)
    assert "seuil" not in lms.frame.locator("main").inner_text()
    assert not [key for key in attempt.sco_writes if ".score." in key]  # the LMS's grade stays the final's
    if version == "1.2":
        assert attempt.sco_writes["cmi.core.lesson_status"] == ["incomplete", "completed"]
    else:
        assert "cmi.success_status" not in attempt.sco_writes
        assert attempt.saved["cmi.success_status"] == "unknown"
        assert attempt.saved["cmi.completion_status"] == "completed"
    assert [i["id"] for i in interactions(attempt.saved)] == [q.id for q in evaluation.questions]
    assert attempt.errors == []


@versions
def test_a_partly_right_final_evaluation_scores_the_share_of_right_answers(page, fixture_sites, version):
    url, package, module = fixture_sites["contenu-vu", version]
    evaluation = module.evaluation("finale")
    right_ids = {q.id for q in evaluation.questions[::2]}  # 3 of 5
    lms = take(page, url, package, version, "evaluations/evaluation-finale.html", evaluation,
               right=lambda question: question.id in right_ids)
    attempt = record(lms, evaluation, module.id)
    raw = "cmi.core.score.raw" if version == "1.2" else "cmi.score.raw"
    assert attempt.saved[raw] == "60"
    status = "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"
    assert attempt.saved[status] == "passed"  # 60 % against a pass mark of 60 %
    results = [entry["result"] == "correct" for entry in interactions(attempt.saved)]
    assert results == [q.id in right_ids for q in evaluation.questions]
    assert attempt.errors == []


@versions
def test_score_keeps_two_decimals_and_16_of_23_fails_a_70_percent_pass_mark(browser, real_module, real_sites, version):
    # 16/23 = 69.565…: rounded to a whole number it would read 70 and pass.
    _, module = real_module
    evaluation = module.evaluation("finale")
    assert len(evaluation.questions) == 23 and evaluation.policy.pass_mark == 70
    context = browser.new_context(locale="fr-FR")
    url, package = real_sites[version]
    right_ids = {q.id for q in evaluation.questions[:16]}
    lms = take(context.new_page(), url, package, version, f"evaluations/{evaluation.id}.html", evaluation,
               right=lambda question: question.id in right_ids)
    attempt = record(lms, evaluation, module.id)
    context.close()
    assert "16 / 23 (69,57 %)" in attempt.result and "non atteint" in attempt.result
    if version == "1.2":
        assert attempt.saved["cmi.core.score.raw"] == "69.57"
        assert attempt.saved["cmi.core.lesson_status"] == "failed"
    else:
        assert attempt.saved["cmi.score.raw"] == "69.57"
        assert attempt.saved["cmi.score.scaled"] == "0.6957"
        assert attempt.saved["cmi.success_status"] == "failed"
    assert attempt.errors == []


def launch_final(page, real_module, real_sites, version):
    """The bundled module's final evaluation launched in the LMS page, with its mastery score; nothing answered."""
    evaluation = real_module[1].evaluation("finale")
    url, package = real_sites[version]
    sco = f"evaluations/{evaluation.id}.html"
    return evaluation, launch(page, url, version, sco, lms_data_from_manifest(package, sco, version))


def take_final(page, real_module, real_sites, version, *, right):
    """The bundled module's final evaluation answered (right or wrong) and validated; (evaluation, sco, lms)."""
    evaluation = real_module[1].evaluation("finale")
    url, package = real_sites[version]
    sco = f"evaluations/{evaluation.id}.html"
    return evaluation, sco, take(page, url, package, version, sco, evaluation, right=right)


def resume_data(lms) -> dict[str, str]:
    """What an LMS hands the next launch of a suspended SCO."""
    saved, names = lms.saved(), lms.names
    data = {key: saved[key] for key in (names["location"], "cmi.suspend_data", names["status"])}
    data[names["entry"]] = "resume"
    return data


def test_an_empty_validation_is_not_scored_and_records_nothing(page, real_module, real_sites):
    _, lms = launch_final(page, real_module, real_sites, "1.2")
    lms.frame.get_by_role("button", name="Valider mes réponses").click()
    assert "Aucune réponse" in lms.frame.locator(".trainkit-quiz__result").inner_text()
    assert lms.writes("cmi.core.score.raw") == [] and not interactions(lms.saved())
    assert lms.frame.get_by_role("button", name="Valider mes réponses").is_enabled()  # still to be taken
    assert lms.errors() == []


@versions
def test_an_incomplete_validation_asks_for_confirmation_before_scoring(page, real_module, real_sites, version):
    evaluation, lms = launch_final(page, real_module, real_sites, version)
    first = evaluation.questions[0]
    answer(page, lms.frame.locator(f"#{evaluation.id}-{first.id}"), first, right=True)
    lms.frame.get_by_role("button", name="Valider mes réponses").click()
    warning = lms.frame.locator(".trainkit-quiz__confirm")
    assert warning.is_visible() and "22 questions sont sans réponse" in warning.inner_text()
    assert not interactions(lms.saved())
    lms.frame.get_by_role("button", name="Valider quand même").click()
    saved = lms.saved()
    assert len(interactions(saved)) == 23
    assert saved["cmi.core.score.raw" if version == "1.2" else "cmi.score.raw"] == js_number(round(10000 / 23) / 100)
    assert lms.errors() == []


@versions
def test_one_validation_per_attempt_then_the_answers_are_locked(page, real_module, real_sites, version):
    # The default for a final evaluation: corrections are shown, so nothing may be answered again.
    _, _, lms = take_final(page, real_module, real_sites, version, right=False)
    form = lms.frame.locator("form.trainkit-quiz")
    assert lms.frame.locator(".trainkit-question--incorrect").count() == 23  # corrections shown
    assert lms.frame.locator("form.trainkit-quiz button[type=submit]").is_hidden()  # nothing left to validate
    assert lms.frame.get_by_role("button", name="Nouvelle tentative").is_hidden()
    assert form.locator("input:enabled, select:enabled").count() == 0
    form.evaluate("form => { form.requestSubmit(); window.trainkitQuiz.submit(form, true); }")
    assert len(interactions(lms.saved())) == 23  # once per question, never again in this attempt
    assert lms.errors() == []


@versions
def test_a_validated_evaluation_comes_back_locked_when_the_attempt_is_resumed(page, real_module, real_sites, version):
    # An LMS hands the data back only after « suspend » (SCORM 2004 starts from nothing after « normal »):
    # the SCO suspends once validated, and the relaunch gets what the LMS really gives back.
    _, sco, first = take_final(page, real_module, real_sites, version, right=True)
    first.press("finish")
    names = first.names
    assert first.writes(names["exit"]) == ["suspend"]
    url, package = real_sites[version]
    second = launch(page, url, version, sco, {**resume_data(first), **lms_data_from_manifest(package, sco, version)})
    assert "23 / 23 (100 %)" in second.frame.locator(".trainkit-quiz__result").inner_text()
    assert second.frame.locator("form.trainkit-quiz button[type=submit]").is_hidden()
    assert second.frame.locator(".trainkit-question--correct").count() == 23
    assert not [key for key in (c["args"][0] for c in second.calls() if c["name"] == names["set"])
                if key.startswith("cmi.interactions") or ".score." in key or key == names["status"]]
    assert second.errors() == []


def test_without_its_answers_a_resumed_evaluation_is_locked_not_rescored(page, real_module, real_sites):
    # SCORM 1.2 keeps 4,096 characters: past that, the saved state keeps the validations, not the answers.
    _, module = real_module
    evaluation = module.evaluation("finale")
    url, package = real_sites["1.2"]
    sco = f"evaluations/{evaluation.id}.html"
    state = '1.1.1~{"evaluation-finale": {"attempts": 1, "closed": true, "verdict": "passed"}}'
    resume = {"cmi.core.lesson_location": "1", "cmi.suspend_data": state, "cmi.core.lesson_status": "passed",
              "cmi.core.entry": "resume", **lms_data_from_manifest(package, sco, "1.2")}
    lms = launch(page, url, "1.2", sco, resume)
    assert "déjà validé cette évaluation" in lms.frame.locator(".trainkit-quiz__result").inner_text()
    assert lms.frame.locator("form.trainkit-quiz button[type=submit]").is_hidden()
    assert lms.frame.locator(".trainkit-question--incorrect").count() == 0  # no false « Sans réponse »
    assert lms.errors() == []


@pytest.fixture(scope="module")
def fixture_final_right(browser, fixture_sites):
    """The fixture module's final evaluation answered right, once per version, on demand."""
    cache: dict[str, Attempt] = {}

    def attempt(version: str) -> Attempt:
        if version not in cache:
            url, package, module = fixture_sites["contenu-vu", version]
            evaluation = module.evaluation("finale")
            context = browser.new_context(locale="fr-FR")
            lms = take(context.new_page(), url, package, version, "evaluations/evaluation-finale.html", evaluation,
                       right=True)
            cache[version] = record(lms, evaluation, module.id)
            context.close()
        return cache[version]

    return attempt


@versions
def test_matching_beyond_nine_pairs_keeps_single_characters_in_scorm12(fixture_final_right, version):
    attempt = fixture_final_right(version)
    [carte] = [entry for entry in interactions(attempt.saved) if entry["id"] == "carte"]
    response = carte["student_response" if version == "1.2" else "learner_response"]
    [question] = [q for q in attempt.evaluation.questions if q.id == "carte"]
    assert response == in_scorm(version, "matching", canonical_answer(question, True, attempt.view))
    if version == "1.2":
        # SCORM 1.2 matches single characters: the tenth and eleventh items on the left are "a" and "b"
        assert [pair.split(".")[0] for pair in response.split(",")] == list("123456789ab")
    assert carte["result"] == "correct" and attempt.errors == []


@versions
def test_a_short_answer_typed_without_accents_or_capitals_is_right(page, fixture_sites, version):
    url, package, module = fixture_sites["contenu-vu", version]
    evaluation = module.evaluation("finale")
    lms = take(page, url, package, version, "evaluations/evaluation-finale.html", evaluation, right=True)  # « IAE »
    lms.frame.get_by_role("button", name="Nouvelle tentative").click()
    for question in evaluation.questions:
        answer(page, lms.frame.locator(f"#{evaluation.id}-{question.id}"), question, right=True)
    lms.frame.locator("#evaluation-finale-sigle").get_by_label("Votre réponse").fill("Insertion par l’activite ECONOMIQUE")
    lms.frame.get_by_role("button", name="Valider mes réponses").click()
    [first, second] = [entry for entry in interactions(lms.saved()) if entry["id"] == "sigle"]
    assert first["result"] == second["result"] == "correct"
    assert lms.errors() == []


def test_a_typed_answer_with_scorm2004_delimiters_is_recorded_without_error(page, fixture_sites):
    url, package, module = fixture_sites["contenu-vu", "2004"]
    evaluation = module.evaluation("finale")
    lms = take(page, url, package, "2004", "evaluations/evaluation-finale.html", evaluation, right=False)
    lms.frame.get_by_role("button", name="Nouvelle tentative").click()
    for question in evaluation.questions:
        answer(page, lms.frame.locator(f"#{evaluation.id}-{question.id}"), question, right=False)
    frame = lms.frame.locator("#evaluation-finale-sigle")
    frame.get_by_label("Votre réponse").fill("{lang=en}IAE[,]ou PLIE")
    lms.frame.get_by_role("button", name="Valider mes réponses").click()
    recorded = [entry for entry in interactions(lms.saved()) if entry["id"] == "sigle"]
    assert [entry["learner_response"] for entry in recorded] == ["je ne sais pas", "lang=en}iae ou plie"]
    assert lms.errors() == []


@versions
def test_session_check_reports_its_answers_but_no_score_in_the_session_sco(page, fixture_sites, version):
    url, package, module = fixture_sites["contenu-vu", version]
    session = module.sessions[3]
    check = session.evaluation
    lms = launch(page, url, version, f"sequences/{session.id}.html")
    pages = lms.frame.locator("[data-page]").count()
    for _ in range(pages - 1):
        lms.press("next")
    assert lms.current_page() == pages  # the check is the session's last page
    status = lms.names["status"]
    assert lms.writes(status) == ["incomplete", "completed"]  # completion still comes from the pages seen
    for question in check.questions:
        answer(page, lms.frame.locator(f"#{check.id}-{question.id}"), question, right=True)
    lms.frame.get_by_role("button", name="Valider mes réponses").click()
    lms.press("finish")
    saved = lms.saved()
    assert not [key for key in lms_writes_keys(lms) if ".score." in key]  # ungraded: the LMS grade stays the final's
    assert [i["id"] for i in interactions(saved)] == [q.id for q in check.questions]
    assert lms.writes(status) == ["incomplete", "completed"]  # a check never passes or fails the session
    assert "cmi.success_status" not in [c["args"][0] for c in lms.calls() if c["name"] == lms.names["set"]]
    assert lms.errors() == []


def test_with_evaluation_reussie_the_final_sco_completes_only_once_passed(page, fixture_sites):
    url, package, module = fixture_sites["evaluation-reussie", "2004"]
    evaluation = module.evaluation("finale")
    lms = take(page, url, package, "2004", "evaluations/evaluation-finale.html", evaluation, right=False)
    assert lms.writes("cmi.success_status") == ["failed"]
    assert lms.writes("cmi.completion_status") == ["incomplete"]
    assert "nouvelle tentative" in lms.frame.locator("[data-status]").inner_text()
    retake(page, lms, evaluation, right=True)
    assert lms.writes("cmi.success_status") == ["failed", "passed"]
    assert lms.writes("cmi.completion_status") == ["incomplete", "completed"]
    lms.press("finish")
    assert lms.writes("cmi.exit") == ["suspend"]  # the validations made must come back with the attempt
    assert lms.errors() == []


@versions
def test_a_retake_in_the_same_launch_records_a_second_set_of_answers_and_the_new_score(page, fixture_sites, version):
    url, package, module = fixture_sites["contenu-vu", version]
    evaluation = module.evaluation("finale")
    lms = take(page, url, package, version, "evaluations/evaluation-finale.html", evaluation, right=False)
    retake(page, lms, evaluation, right=True)
    saved = lms.saved()
    recorded = interactions(saved)
    count = len(evaluation.questions)
    assert [entry["id"] for entry in recorded] == [q.id for q in evaluation.questions] * 2
    assert {entry["result"] for entry in recorded[:count]} == {WRONG[version]}
    assert {entry["result"] for entry in recorded[count:]} == {"correct"}
    assert saved["cmi.core.score.raw" if version == "1.2" else "cmi.score.raw"] == "100"
    assert lms.errors() == []


def test_with_evaluation_reussie_a_failed_final_evaluation_is_suspended_for_later(page, fixture_sites):
    url, package, module = fixture_sites["evaluation-reussie", "2004"]
    evaluation = module.evaluation("finale")
    lms = take(page, url, package, "2004", "evaluations/evaluation-finale.html", evaluation, right=False)
    lms.press("finish")
    assert lms.saved()["cmi.completion_status"] == "incomplete"
    assert lms.writes("cmi.exit") == ["suspend"]  # the LMS resumes the attempt instead of closing it
    assert lms.errors() == []


def test_an_evaluation_sco_works_without_an_lms(page, fixture_sites):
    url, _, module = fixture_sites["contenu-vu", "1.2"]
    evaluation = module.evaluation("finale")
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{url}/pkg/evaluations/evaluation-finale.html")
    assert "progression n'est pas enregistrée" in page.locator("[data-status]").inner_text()
    assert page.locator("[data-action=finish]").is_hidden()
    for question in evaluation.questions:
        answer(page, page.locator(f"#{evaluation.id}-{question.id}"), question, right=True)
    page.get_by_role("button", name="Valider mes réponses").click()
    assert "5 / 5 (100 %)" in page.locator(".trainkit-quiz__result").inner_text()
    page.click("[data-action=finish]")
    assert page.locator("[data-status]").inner_text() == "Évaluation terminée."
    assert problems == []


def test_an_evaluation_sco_has_no_serious_axe_violation(page, fixture_sites):
    axe = require_node_module("axe-core") / "axe.min.js"
    url, _, module = fixture_sites["contenu-vu", "2004"]
    evaluation = module.evaluation("finale")
    page.goto(f"{url}/pkg/evaluations/evaluation-finale.html")
    for moment in ("avant", "après"):
        if moment == "après":
            for question in evaluation.questions:
                answer(page, page.locator(f"#{evaluation.id}-{question.id}"), question, right=False)
            page.get_by_role("button", name="Valider mes réponses").click()
        page.add_script_tag(path=str(axe))
        result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
        serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], moment


# --- the packages as files -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_packages(tmp_path_factory) -> dict[str, Path]:
    curriculum = make_curriculum(tmp_path_factory.mktemp("files") / "c", evaluation_module_data())
    out = tmp_path_factory.mktemp("files-dist")
    return {fmt: export_packages(curriculum, out, fmt)[0] for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_manifests_with_evaluations_validate_against_the_official_schemas(fixture_packages, fmt):
    schema = manifest_schema(fmt)
    assert schema.validate(manifest_of(fixture_packages[fmt])), schema.error_log


@pytest.mark.parametrize("fmt", FORMATS)
def test_positioning_test_comes_first_and_final_evaluation_last(fixture_packages, fmt):
    manifest = manifest_of(fixture_packages[fmt])
    ns = {"cp": CP[fmt]}
    organization = manifest.find(".//cp:organization", ns)
    top = [item.get("identifier") for item in organization.findall("cp:item", ns)]
    assert top[0] == "evaluation-positionnement" and top[-1] == "evaluation-evaluation-finale"
    resources = {r.get("identifier"): r.get("href") for r in manifest.iterfind(".//cp:resource", ns)}
    launched = [resources[i.get("identifierref")] for i in manifest.iterfind(".//cp:item[@identifierref]", ns)]
    assert launched[0] == "evaluations/positionnement.html"
    assert launched[-1] == "evaluations/evaluation-finale.html"
    assert len(launched) == len(evaluation_module_data()["sessions"]) + 2  # the session check stays in its session


def test_scorm12_mastery_score_is_the_final_evaluations_pass_mark(fixture_packages):
    manifest = manifest_of(fixture_packages["scorm12"])
    ns = {"cp": CP["scorm12"], "adlcp": ADLCP12}
    masteries = {
        item.get("identifier"): item.findtext("adlcp:masteryscore", namespaces=ns)
        for item in manifest.iterfind(".//cp:item[@identifierref]", ns)
    }
    final = next(e for e in evaluation_module_data()["evaluations"] if e["kind"] == "finale")
    assert masteries.pop("evaluation-evaluation-finale") == str(final["pass_mark"])
    assert set(masteries.values()) == {None}  # neither the positioning test nor the sessions pass or fail


def test_scorm2004_final_evaluation_is_satisfied_by_its_measure(fixture_packages):
    manifest = manifest_of(fixture_packages["scorm2004"])
    ns = {"cp": CP["scorm2004"], "imsss": IMSSS}
    final = manifest.find(".//cp:item[@identifier='evaluation-evaluation-finale']", ns)
    primary = final.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", ns)
    assert primary.get("satisfiedByMeasure") == "true"
    assert float(primary.findtext("imsss:minNormalizedMeasure", namespaces=ns)) == 0.60
    controls = final.find("imsss:sequencing/imsss:deliveryControls", ns)
    assert (controls.get("completionSetByContent"), controls.get("objectiveSetByContent")) == ("true", "true")
    others = [i for i in manifest.iterfind(".//cp:item[@identifierref]", ns) if i is not final]
    assert all(i.find(".//imsss:primaryObjective", ns) is None for i in others)


def test_packages_carry_the_sites_quiz_script_unchanged(fixture_packages):
    for fmt in FORMATS:
        assert read_entries(fixture_packages[fmt])["commun/trainkit-quiz.js"] == QUIZ_SCRIPT.read_bytes()


def test_a_package_without_evaluations_carries_no_quiz_script(tmp_path):
    curriculum = make_curriculum(tmp_path / "c", module_data())
    [package] = export_packages(curriculum, tmp_path / "dist", "scorm2004")
    with zipfile.ZipFile(package) as archive:
        assert "commun/trainkit-quiz.js" not in archive.namelist()


def test_no_trainer_note_reaches_a_package_with_evaluations(fixture_packages):
    # evaluation_module_data() keeps module_data()'s trainer notes, each with the marker
    marker = TRAINER_MARKER.encode("utf-8")
    for fmt in FORMATS:
        entries = read_entries(fixture_packages[fmt])
        assert any(name.startswith("evaluations/") for name in entries)
        for name, data in entries.items():
            assert marker not in data, (fmt, name)


@versions
def test_a_question_corrected_one_by_one_stays_corrected_after_a_relaunch(page, tmp_path_factory, version):
    # « apres-chaque-question »: « Vérifier ma réponse » locks the question; leaving and coming back must not
    # open it again (its correction has been seen).
    data = evaluation_module_data()
    data["evaluations"][0]["corrections"] = "apres-chaque-question"
    curriculum = make_curriculum(tmp_path_factory.mktemp("check") / "c", data)
    evaluation = curriculum.modules[0].evaluation("positionnement")
    fmt = "scorm12" if version == "1.2" else "scorm2004"
    [package] = export_packages(curriculum, tmp_path_factory.mktemp("check-dist"), fmt)
    with serve_directory(prepare_site(tmp_path_factory.mktemp("check-site"), package)) as url:
        sco = "evaluations/positionnement.html"
        first = launch(page, url, version, sco)
        question = evaluation.questions[0]
        scope = first.frame.locator(f"#positionnement-{question.id}")
        answer(page, scope, question, right=False)
        scope.get_by_role("button", name="Vérifier ma réponse").click()
        assert "Réponse incorrecte" in scope.locator(".trainkit-feedback").inner_text()
        first.press("exit")
        assert first.writes(first.names["exit"]) == ["suspend"]
        second = launch(page, url, version, sco, resume_data(first))
        scope = second.frame.locator(f"#positionnement-{question.id}")
        assert "Réponse incorrecte" in scope.locator(".trainkit-feedback").inner_text()
        assert scope.locator("input:enabled").count() == 0
        assert second.errors() == []

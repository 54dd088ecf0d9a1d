"""The evaluations as native Moodle questions (`trainkit export --format moodle-xml`).

What Moodle 4.3's importer reads (question/format/xml/format.php), checked on the file; the import
into a real Moodle, with Moodle's own importer, is in tests/test_moodle.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import run_trainkit
from quiz_support import add_all_types_evaluation

from trainkit.api import export, validate

REPO = Path(__file__).resolve().parents[1]
# Moodle's grade options (question_bank::fraction_options_full), as percentages: an import refuses others.
MOODLE_FRACTIONS = {"100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30",
                    "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0"}
MOODLE_FRACTIONS |= {f"-{f}" for f in MOODLE_FRACTIONS if f != "0"}


@pytest.fixture(scope="module")
def bundled_xml(tmp_path_factory) -> dict[str, etree._Element]:
    curriculum = validate(REPO / "curriculum").curriculum
    written = export(curriculum, tmp_path_factory.mktemp("moodle"), formats=("moodle-xml",))
    return {path.name.removesuffix("-questions-moodle.xml"): etree.parse(str(path)).getroot() for path in written}


@pytest.fixture
def all_types(starter, tmp_path):
    add_all_types_evaluation(starter)
    curriculum = validate(starter.root).curriculum
    [path] = export(curriculum, tmp_path / "dist", formats=("moodle-xml",))
    return curriculum.modules[0], etree.parse(str(path)).getroot()


def questions(root, category_end: str):
    """The questions following the category whose path ends with `category_end`."""
    found, inside = [], False
    for question in root.iterfind("question"):
        if question.get("type") == "category":
            inside = question.findtext("category/text").endswith(category_end)
        elif inside:
            found.append(question)
    return found


def test_one_category_per_module_and_evaluation(bundled_xml):
    module = validate(REPO / "curriculum").curriculum.module("fondamentaux")
    paths = [q.findtext("category/text") for q in bundled_xml["fondamentaux"].iterfind("question[@type='category']")]
    assert paths == [f"$course$/top/{module.title}/{e.title}" for e in module.all_evaluations]
    for evaluation in module.all_evaluations:
        assert [q.findtext("idnumber") for q in questions(bundled_xml["fondamentaux"], evaluation.title)] == \
            [q.id for q in evaluation.questions]


def test_every_question_type_becomes_a_core_moodle_type(all_types):
    _, root = all_types
    found = {q.findtext("idnumber"): (q.get("type"), q.findtext("single")) for q in questions(root, "Test de positionnement")}
    assert found == {
        "jeunes": ("multichoice", "true"),
        "structures": ("multichoice", "false"),
        "france-travail": ("truefalse", None),
        "publics": ("matching", None),
        "pmsmp": ("matching", None),  # Moodle 4.3 has no core ordering type: each step with its position
        "sigle": ("shortanswer", None),
    }


def test_matching_pairs_each_left_with_its_right(all_types):
    module, root = all_types
    [publics] = [q for q in questions(root, "Test de positionnement") if q.findtext("idnumber") == "publics"]
    pairs = [(s.findtext("text"), s.findtext("answer/text")) for s in publics.iterfind("subquestion")]
    assert pairs[0] == ("CEJ", "Jeunes de 16 à 25\u00a0ans")  # typeset like every output


def test_an_ordering_pairs_each_step_with_its_position(all_types):
    _, root = all_types
    [pmsmp] = [q for q in questions(root, "Test de positionnement") if q.findtext("idnumber") == "pmsmp"]
    answers = [s.findtext("answer/text") for s in pmsmp.iterfind("subquestion")]
    assert answers == ["1re étape", "2e étape", "3e étape", "4e étape (la dernière)"]


def test_choice_fractions_are_moodle_grade_options_and_a_full_tick_scores_nothing(bundled_xml):
    for root in bundled_xml.values():
        for question in root.iterfind("question[@type='multichoice']"):
            fractions = [a.get("fraction") for a in question.iterfind("answer")]
            assert set(fractions) <= MOODLE_FRACTIONS, fractions
            positive = sum(float(f) for f in fractions if float(f) > 0)
            assert abs(positive - 100) < 0.01
            if question.findtext("single") == "false" and any(float(f) < 0 for f in fractions):
                assert sum(float(f) for f in fractions) <= 0.01  # ticking every box earns nothing


def test_short_answers_also_accept_what_trainkit_accepts(all_types):
    _, root = all_types
    [sigle] = [q for q in questions(root, "Test de positionnement") if q.findtext("idnumber") == "sigle"]
    accepted = [a.findtext("text") for a in sigle.iterfind("answer") if a.get("fraction") == "100"]
    assert accepted == ["SIAE", "structure d'insertion par l'activité économique",
                        "structure d'insertion par l'activite economique"]
    assert sigle.findtext("usecase") == "0"
    [catch_all] = [a for a in sigle.iterfind("answer") if a.findtext("text") == "*"]
    assert catch_all.get("fraction") == "0" and "SIAE" in catch_all.findtext("feedback/text")


def test_feedback_goes_with_the_question(all_types):
    _, root = all_types
    [jeunes] = [q for q in questions(root, "Test de positionnement") if q.findtext("idnumber") == "jeunes"]
    assert "le CEJ" in jeunes.findtext("correctfeedback/text")
    assert "contrat d'engagement jeune" in jeunes.findtext("incorrectfeedback/text")
    [vrai_faux] = [q for q in questions(root, "Test de positionnement") if q.findtext("idnumber") == "france-travail"]
    assert [(a.findtext("text"), a.get("fraction")) for a in vrai_faux.iterfind("answer")] == [("true", "100"), ("false", "0")]


def test_curriculum_text_reaches_moodle_as_text(starter, tmp_path):
    module = starter.module.read_text(encoding="utf-8")
    module = module.replace("prompt: Quel acteur accompagne", "prompt: <script>alert(1)</script> Quel acteur accompagne")
    module = module.replace("- text: La caisse d'allocations familiales", "- text: <b onclick=x()>La CAF</b>")
    starter.module.write_text(module, encoding="utf-8")
    curriculum = validate(starter.root).curriculum
    [path] = export(curriculum, tmp_path, formats=("moodle-xml",))
    root = etree.parse(str(path)).getroot()
    [question] = root.iterfind("question[@type='multichoice']")
    assert "<script" not in question.findtext("questiontext/text")  # Markdown body: sanitised
    answers = [a.findtext("text") for a in question.iterfind("answer")]
    assert "&lt;b onclick=x()&gt;La CAF&lt;/b&gt;" in answers  # plain text: escaped, shown as written


def test_a_slash_in_a_title_does_not_split_the_category(starter, tmp_path):
    starter.module.write_text(starter.module.read_text(encoding="utf-8").replace(
        "title: Évaluation finale", "title: Évaluation finale / bilan"), encoding="utf-8")
    [path] = export(validate(starter.root).curriculum, tmp_path, formats=("moodle-xml",))
    category = etree.parse(str(path)).getroot().find("question[@type='category']")
    assert category.findtext("category/text").endswith("/Évaluation finale // bilan")


def test_export_command_writes_one_file_per_module(tmp_path):
    run = run_trainkit("export", REPO / "curriculum", "--format", "moodle-xml", "--out", tmp_path, cwd=tmp_path)
    assert run.code == 0, run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["expert-questions-moodle.xml",
                                                          "fondamentaux-questions-moodle.xml"]
    assert "Questions Moodle : " in run.out


def test_a_choice_moodle_cannot_grade_is_refused_with_a_message(starter, tmp_path):
    wrong = "".join(f"          - text: Proposition fausse {n}\n" for n in range(11))
    starter.edit_module("          - text: Le centre communal d'action sociale\n",
                        "          - text: Le centre communal d'action sociale\n" + wrong)
    starter.edit_module("type: choix-unique", "type: choix-multiple")
    run = run_trainkit("export", starter.root, "--format", "moodle-xml", "--out", tmp_path / "dist", cwd=tmp_path)
    assert run.code == 1 and "Traceback" not in run.err
    assert "question « acteur-jeunes »" in run.err and "réduisez le nombre de propositions" in run.err
    assert not (tmp_path / "dist" / "mon-module-questions-moodle.xml").exists()

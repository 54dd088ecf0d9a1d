"""`trainkit validate` warns about questions a learner can answer without knowing, one rule at a time.

Each test adds to the starter curriculum (`trainkit init`) only what its case needs.
"""

from __future__ import annotations

from trainkit.api import validate

QUESTION = """      - id: {id}
        type: {type}
        prompt: "{prompt}"
        objectives: [cartographier-acteurs]
{body}"""


def findings(starter, code: str):
    return [d for d in validate(starter.root).report.diagnostics if d.code == code]


def add_question(starter, id: str, type: str, body: str, prompt: str = "Une question ?") -> None:
    text = starter.module.read_text(encoding="utf-8") + QUESTION.format(id=id, type=type, prompt=prompt, body=body)
    starter.module.write_text(text, encoding="utf-8")


def choices(*options: tuple[str, bool]) -> str:
    lines = ["        choices:"]
    for text, correct in options:
        lines.append(f'          - text: "{text}"' + ("\n            correct: true" if correct else ""))
    return "\n".join(lines) + "\n"


def pairs(*items: tuple[str, str]) -> str:
    return "        pairs:\n" + "".join(f'          - {{left: "{l}", right: "{r}"}}\n' for l, r in items)


LONG_RIGHT = choices(("La Mission locale, pour les jeunes de 16 à 25 ans sans emploi", True), ("Cap emploi", False), ("L'Apec", False))
SHORT_RIGHT = choices(("Le département", True), ("La caisse d'allocations familiales", False), ("La région", False))


def test_the_starter_curriculum_has_no_question_writing_warning(starter):
    codes = {"reponse-la-plus-longue", "appariement-indice", "toutes-aucune", "enonce-negatif",
             "fait-teste-deux-fois", "nom-de-fichier"}
    assert [d for d in validate(starter.root).report.diagnostics if d.code in codes] == []


# --- 1. the correct option is the longest ------------------------------------------------------


def test_longest_correct_option_in_most_choice_questions_is_a_warning(starter):
    for n in range(3):
        add_question(starter, f"longue-{n}", "choix-unique", LONG_RIGHT)
    [found] = findings(starter, "reponse-la-plus-longue")
    assert not found.is_error
    assert found.path == "modules.mon-module.evaluations[0].questions"
    assert "3 questions à choix sur 4" in found.message
    assert "`longue-0`" in found.hint and "acteur-jeunes" not in found.hint


def test_longest_correct_option_in_half_the_questions_is_accepted(starter):
    add_question(starter, "longue", "choix-unique", LONG_RIGHT)
    add_question(starter, "courte", "choix-unique", SHORT_RIGHT)
    add_question(starter, "longue-2", "choix-unique", LONG_RIGHT)  # 2 of 4: not more than half
    assert findings(starter, "reponse-la-plus-longue") == []


def test_longest_correct_option_needs_at_least_three_choice_questions(starter):
    starter.edit_module("          - text: La Mission locale\n", "          - text: La Mission locale, qui accompagne les jeunes de 16 à 25 ans\n")
    add_question(starter, "longue", "choix-unique", LONG_RIGHT)  # 2 of 2, but only two questions
    assert findings(starter, "reponse-la-plus-longue") == []


def test_multiple_choice_counts_when_every_right_option_outgrows_every_wrong_one(starter):
    body = choices(("Un conseiller France Travail dédié", True), ("Un travailleur social du département", True), ("Une allocation", False))
    for n in range(3):
        add_question(starter, f"multiple-{n}", "choix-multiple", body)
    assert len(findings(starter, "reponse-la-plus-longue")) == 1


# --- 2. a matching pair shares a word ----------------------------------------------------------


def test_matching_pair_sharing_a_word_is_a_warning(starter):
    add_question(starter, "publics", "appariement", pairs(
        ("Microcrédit de l'Adie", "Créateurs exclus du crédit bancaire"),
        ("Cap emploi", "Personnes en situation de handicap")))
    [found] = findings(starter, "appariement-indice")
    assert not found.is_error
    assert found.path == "modules.mon-module.evaluations[0].questions[1].pairs[0]"
    assert "« credit »" in found.message


def test_matching_pair_sharing_a_plural_is_a_warning(starter):
    add_question(starter, "publics", "appariement", pairs(
        ("Contrat d'engagement jeune", "Jeunes de 16 à 25 ans"),
        ("Cap emploi", "Personnes en situation de handicap")))
    assert [d.path[-8:] for d in findings(starter, "appariement-indice")] == ["pairs[0]"]


def test_a_word_every_right_item_shares_gives_nothing_away(starter):
    add_question(starter, "offre", "appariement", pairs(
        ("Cap emploi", "Accompagnement vers l'emploi des personnes handicapées"),
        ("Mission locale", "Accompagnement vers l'emploi des 16-25 ans")))
    assert findings(starter, "appariement-indice") == []


def test_short_and_stop_words_are_not_give_aways(starter):
    add_question(starter, "outils", "appariement", pairs(
        ("Dora, avec ses fiches", "Répertoire de l'offre d'insertion, avec les conditions d'accès"),
        ("RDV-Insertion pour le RSA", "Convocations des allocataires du RSA")))
    assert findings(starter, "appariement-indice") == []


# --- 3. « toutes / aucune des réponses ci-dessus » ---------------------------------------------


def test_all_of_the_above_is_a_warning(starter):
    add_question(starter, "toutes", "choix-unique", choices(("La Mission locale", False), ("Cap emploi", False), ("Toutes les réponses ci-dessus", True)))
    [found] = findings(starter, "toutes-aucune")
    assert not found.is_error
    assert found.path == "modules.mon-module.evaluations[0].questions[1].choices[2].text"


def test_none_of_these_answers_is_a_warning(starter):
    add_question(starter, "aucune", "choix-multiple", choices(("La Mission locale", True), ("Aucune de ces réponses", False)))
    assert len(findings(starter, "toutes-aucune")) == 1


def test_an_option_starting_with_toutes_but_standing_alone_is_accepted(starter):
    add_question(starter, "publics", "choix-unique", choices(("Toutes les personnes inscrites comme demandeuses d'emploi", True), ("Les seuls cadres", False)))
    assert findings(starter, "toutes-aucune") == []


# --- 4. a negative stem without emphasis -------------------------------------------------------


def test_negative_stem_without_emphasis_is_a_warning(starter):
    add_question(starter, "intrus", "choix-unique", SHORT_RIGHT, prompt="Quel acteur n'est pas une collectivité ?")
    [found] = findings(starter, "enonce-negatif")
    assert not found.is_error
    assert found.path == "modules.mon-module.evaluations[0].questions[1].prompt"
    assert "**pas**" in found.hint


def test_sauf_is_a_negative_stem(starter):
    add_question(starter, "sauf", "choix-multiple", SHORT_RIGHT, prompt="Tous ces acteurs financent le RSA, sauf un : lequel ?")
    assert len(findings(starter, "enonce-negatif")) == 1


def test_negation_in_bold_is_accepted(starter):
    add_question(starter, "intrus", "choix-unique", SHORT_RIGHT, prompt="Quel acteur n'est **pas** une collectivité ?")
    assert findings(starter, "enonce-negatif") == []


def test_negation_in_capitals_is_accepted(starter):
    add_question(starter, "intrus", "choix-unique", SHORT_RIGHT, prompt="Quel acteur N'EST PAS une collectivité ?")
    assert findings(starter, "enonce-negatif") == []


def test_negation_in_the_situation_before_the_question_is_accepted(starter):
    add_question(starter, "dylan", "choix-unique", SHORT_RIGHT, prompt="Dylan n'a pas de diplôme. Qui l'accompagne ?")
    assert findings(starter, "enonce-negatif") == []


def test_negative_true_false_statement_is_a_warning(starter):
    add_question(starter, "credit", "vrai-faux", "        answer: false\n", prompt="Une personne exclue du crédit bancaire ne peut pas créer son activité.")
    assert len(findings(starter, "enonce-negatif")) == 1


# --- 5. a fact tested twice --------------------------------------------------------------------


def test_same_correct_answer_in_two_questions_is_a_warning(starter):
    add_question(starter, "jeunes-bis", "choix-unique", choices(("la Mission locale.", True), ("Cap emploi", False)))
    [found] = findings(starter, "fait-teste-deux-fois")
    assert not found.is_error
    assert found.path == "modules.mon-module.evaluations[0].questions[1]"
    assert "`acteur-jeunes`" in found.message


def test_a_short_answer_repeating_a_correct_option_is_a_warning(starter):
    add_question(starter, "sigle", "reponse-courte", "        accepted: [Mission locale]\n")
    assert len(findings(starter, "fait-teste-deux-fois")) == 1


def test_the_same_answer_in_the_positioning_test_and_the_final_evaluation_is_a_warning(starter):
    text = starter.module.read_text(encoding="utf-8")
    final = text[text.index("  - id: evaluation-finale"):]
    positioning = final.replace("id: evaluation-finale", "id: positionnement").replace("kind: finale", "kind: positionnement")
    starter.module.write_text(text + positioning.replace("evaluations:\n", ""), encoding="utf-8")
    [found] = findings(starter, "fait-teste-deux-fois")
    assert found.path == "modules.mon-module.evaluations[1].questions[0]"


def test_different_answers_are_not_a_repeated_fact(starter):
    add_question(starter, "handicap", "choix-unique", choices(("Cap emploi", True), ("La Mission locale, pour les jeunes", False)))
    assert findings(starter, "fait-teste-deux-fois") == []


# --- curriculum files named in what people read -----------------------------------------------


def test_a_yaml_file_named_in_trainer_notes_is_a_warning(starter):
    starter.edit_module("Tour de table : attentes", "À partir du cadrage de `programme.yml`. Tour de table : attentes")
    [found] = findings(starter, "nom-de-fichier")
    assert not found.is_error
    assert found.path == "modules.mon-module.sessions[0].trainer_notes"
    assert "programme.yml" in found.message


def test_the_programme_file_named_in_learner_content_is_a_warning(starter):
    starter.edit_module("Les grands axes de la stratégie", "Comme le dit le fichier programme, les grands axes de la stratégie")
    assert findings(starter, "nom-de-fichier")[0].path == "modules.mon-module.sessions[0].content"

"""`trainkit validate`: each rule, on a small curriculum broken for the case."""

from __future__ import annotations

from trainkit.api import validate


def findings(starter, code: str):
    return [d for d in validate(starter.root).report.diagnostics if d.code == code]


def only(starter, code: str):
    [found] = findings(starter, code)
    return found


def test_starter_curriculum_is_valid_without_warnings(starter):
    assert validate(starter.root).report.diagnostics == []


def test_unknown_key_suggests_the_closest_known_key(starter):
    starter.edit_module("title: Mon premier module", "titel: Mon premier module")
    found = only(starter, "extra-forbidden")
    assert found.path == "modules.mon-module.titel"
    assert found.hint == "vouliez-vous dire `title` ?"
    assert (found.line, found.column) == starter.position_in_module("titel:")


def test_missing_required_key_is_named(starter):
    starter.edit_module("title: ", "titre: ")
    found = only(starter, "missing")
    assert "`title`" in found.message


def test_wrong_type_says_what_is_expected(starter):
    starter.edit_module("max_days: 5", "max_days: cinq")
    found = only(starter, "int-type")
    assert found.path == "modules.mon-module.max_days"
    assert "nombre entier" in found.message


def test_unreadable_duration_shows_the_expected_form(starter):
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    found = only(starter, "value-error")
    assert found.path == "modules.mon-module.sessions[1].duration"
    assert "1h30" in found.message


def test_unknown_method_suggests_the_closest(starter):
    starter.edit_module("methods: [atelier]", "methods: [ateliers]")
    assert only(starter, "literal-error").hint.startswith("vouliez-vous dire `atelier` ?")


def test_problems_in_several_files_are_all_reported(starter):
    starter.edit_module("title: Mon premier module", "titel: Mon premier module")
    starter.edit("programme.yml", "title: Mon plan de formation", "tittle: Mon plan de formation")
    files = {d.file.name for d in validate(starter.root).report.errors}
    assert files == {"mon-module.yml", "programme.yml"}


def test_duplicate_session_id_points_at_the_second(starter):
    starter.edit_module("- id: cartographie\n", "- id: ouverture\n")
    found = only(starter, "id-en-double")
    assert found.path == "modules.mon-module.sessions[1].id"


def test_module_id_must_match_its_file_name(starter):
    starter.edit_module("id: mon-module", "id: autre-module")
    assert "autre-module.yml" in only(starter, "id-fichier").hint


def test_session_referencing_an_unknown_objective(starter):
    starter.edit_module("objectives: [cartographier-acteurs]", "objectives: [cartographier-acteur]")
    found = only(starter, "objectif-inconnu")
    assert found.path == "modules.mon-module.sessions[1].objectives[0]"
    assert found.hint == "vouliez-vous dire `cartographier-acteurs` ?"


def test_objective_covered_by_no_session(starter):
    starter.edit_module("    objectives: [cartographier-acteurs]\n", "")
    assert only(starter, "objectif-non-couvert").path == "modules.mon-module.competences[0].objectives[0]"


def test_competence_without_objective(starter):
    starter.edit_module(
        "    objectives:\n      - id: cartographier-acteurs\n        text: Cartographier les acteurs de son territoire et leurs missions\n        bloom: appliquer\n",
        "",
    )
    starter.edit_module("    objectives: [cartographier-acteurs]\n", "")
    assert only(starter, "competence-sans-objectif").path == "modules.mon-module.competences[0]"


def test_prerequisite_naming_an_unknown_module(starter):
    _add_module(starter, "fondamentaux", "fondamentaux", None)
    starter.edit_module("prerequisites:\n", "prerequisites:\n  modules: [fondamentaus]\n")
    found = only(starter, "module-inconnu")
    assert "`fondamentaus`" in found.message
    assert found.hint == "vouliez-vous dire `fondamentaux` ?"


def _add_module(starter, module_id: str, level: str, prerequisite: str | None) -> None:
    text = starter.module.read_text(encoding="utf-8").replace("id: mon-module", f"id: {module_id}")
    text = text.replace("level: fondamentaux", f"level: {level}")
    if prerequisite:
        text = text.replace("prerequisites:\n", f"prerequisites:\n  modules: [{prerequisite}]\n")
    (starter.root / "modules" / f"{module_id}.yml").write_text(text, encoding="utf-8")


def test_prerequisite_cycle_is_shown_as_a_chain(starter):
    _add_module(starter, "a", "fondamentaux", "b")
    _add_module(starter, "b", "fondamentaux", "a")
    found = findings(starter, "prerequis-circulaires")
    assert [d.message for d in found] == ["prérequis circulaires : a → b → a"]


def test_expert_module_requires_a_fondamentaux_module(starter):
    starter.edit_module("level: fondamentaux", "level: expert")
    assert only(starter, "expert-sans-fondamentaux").path == "modules.mon-module.prerequisites"


def test_expert_module_listing_fondamentaux_is_accepted(starter):
    _add_module(starter, "expert", "expert", "mon-module")
    assert findings(starter, "expert-sans-fondamentaux") == []


def test_module_longer_than_its_maximum(starter):
    starter.edit_module("max_days: 5", "max_days: 1")
    starter.edit_module("duration: 2h30", "duration: 7h")
    found = only(starter, "duree-max")
    assert "8 h" in found.message and "1 jours × 7 h = 7 h" in found.message


def test_more_than_five_days_warns_about_the_national_plan(starter):
    starter.edit_module("max_days: 5", "max_days: 6")
    found = only(starter, "duree-plan")
    assert not found.is_error


def test_overloaded_half_day_is_a_warning(starter):
    starter.edit_module("duration: 2h30", "duration: 3h")
    found = only(starter, "demi-journee-chargee")
    assert "J1 matin" in found.message and not found.is_error


def test_run_sheet_activities_that_do_not_fill_the_session_are_a_warning_at_their_line(starter):
    starter.edit_module("        - duration: 20min\n          title: Synthèse", "        - duration: 10min\n          title: Synthèse")
    found = only(starter, "deroule-minute")
    assert not found.is_error
    assert "2 h 20" in found.message.replace("\u00a0", " ") and "2 h 30" in found.message.replace("\u00a0", " ")
    assert found.path == "modules.mon-module.sessions[1].trainer_guide.activities"
    assert found.line == starter.position_in_module("        - duration: 1h30")[0]  # the list, where it starts


def test_sessions_out_of_chronological_order(starter):
    starter.edit_module("day: 1\n    half_day: matin\n    methods: [apports]", "day: 1\n    half_day: après-midi\n    methods: [apports]")
    assert only(starter, "ordre").path == "modules.mon-module.sessions[1].day"


def test_intersession_session_must_not_have_a_day(starter):
    starter.edit_module("modality: présentiel\n    day: 1\n    half_day: matin\n    methods: [atelier]",
                        "modality: intersession\n    day: 1\n    half_day: matin\n    methods: [atelier]")
    codes = [d.path for d in findings(starter, "placement")]
    assert "modules.mon-module.sessions[1].day" in codes


def test_intersession_must_sit_between_two_parts(starter):
    starter.edit_module("modality: présentiel\n    day: 1\n    half_day: matin\n    methods: [atelier]",
                        "modality: intersession\n    intersession: 1\n    methods: [atelier]")
    assert "termine le module" in only(starter, "ordre").message


def test_part_after_an_intersession_starts_on_a_new_day(starter):
    text = starter.module.read_text(encoding="utf-8")
    extra = """  - id: travail-terrain
    title: Travail de terrain
    duration: 3h
    modality: intersession
    intersession: 1
    methods: [travail-intersession]
    content: Rencontrer deux acteurs de son territoire.
  - id: retour
    title: Retour sur le travail de terrain
    duration: 1h
    modality: présentiel
    day: 1
    half_day: après-midi
    methods: [analyse-des-pratiques]
    content: Chacun présente ce qu'il a appris.
"""
    starter.module.write_text(text.replace("evaluations:\n", extra + "evaluations:\n"), encoding="utf-8")
    assert "J2 ou après" in only(starter, "ordre").hint


def test_module_must_open_with_the_strategy(starter):
    starter.edit_module("    presents_strategy: true\n", "")
    found = only(starter, "ouverture-strategie")
    assert found.path == "modules.mon-module.sessions[0]"


def test_non_observable_objective_gets_an_observable_alternative(starter):
    starter.edit_module("text: Cartographier les acteurs", "text: Connaître les acteurs")
    found = only(starter, "objectif-non-observable")
    assert not found.is_error and "identifier" in found.hint


def test_savoir_plus_verb_suggests_the_verb_itself(starter):
    starter.edit_module("text: Cartographier les acteurs", "text: Savoir repérer les acteurs")
    assert "« repérer » directement" in only(starter, "objectif-non-observable").hint


def test_resource_outside_the_curriculum_is_an_error(starter):
    starter.edit_module("file: ressources/carte-des-acteurs.md", "file: ../../secret.txt")
    assert only(starter, "ressource-hors-curriculum").path.endswith("resources[0].file")


def test_missing_resource_file_suggests_a_close_name(starter):
    starter.edit_module("file: ressources/carte-des-acteurs.md", "file: ressources/carte-des-acteur.md")
    assert "carte-des-acteurs.md" in only(starter, "ressource-absente").hint


def test_resource_needs_exactly_one_of_url_and_file(starter):
    starter.edit_module("file: ressources/carte-des-acteurs.md",
                        "file: ressources/carte-des-acteurs.md\n        url: https://exemple.fr")
    assert only(starter, "ressource").code == "ressource"


def test_duplicate_glossary_term(starter):
    text = (starter.root / "glossaire.yml").read_text(encoding="utf-8")
    (starter.root / "glossaire.yml").write_text(
        text + "  - term: RSA\n    expansion: revenu de solidarité active\n", encoding="utf-8")
    assert only(starter, "id-en-double").path == "glossaire.terms[1].term"


def test_missing_programme_file(starter):
    (starter.root / "programme.yml").unlink()
    assert only(starter, "programme-absent").code == "programme-absent"


def test_large_curriculum_read_in_parallel_locates_errors_like_a_small_one(starter):
    from trainkit.model.curriculum import PARALLEL_FROM_FILES

    text = starter.module.read_text(encoding="utf-8")
    for index in range(PARALLEL_FROM_FILES):
        copy = text.replace("id: mon-module", f"id: module-{index:02d}")
        if index == 7:
            copy = copy.replace("duration: 2h30", "duration: 2 heures")
        (starter.root / "modules" / f"module-{index:02d}.yml").write_text(copy, encoding="utf-8")
    [error] = validate(starter.root).report.errors
    assert error.file.name == "module-07.yml"
    assert (error.line, error.column) == starter.position_in_module("2h30")


# --- evaluations -------------------------------------------------------------------

QUESTION = """      - id: {id}
        type: {type}
        prompt: Une question
        objectives: [cartographier-acteurs]
{body}"""


def add_question(starter, id: str, type: str, body: str) -> None:
    text = starter.module.read_text(encoding="utf-8") + QUESTION.format(id=id, type=type, body=body)
    starter.module.write_text(text, encoding="utf-8")


def test_single_choice_needs_exactly_one_correct_answer(starter):
    add_question(starter, "q2", "choix-unique",
                 "        choices:\n          - {text: A, correct: true}\n          - {text: B, correct: true}\n")
    found = only(starter, "bonne-reponse")
    assert found.path == "modules.mon-module.evaluations[0].questions[1].choices"
    assert "2 bonnes réponses" in found.message


def test_multiple_choice_needs_a_correct_answer(starter):
    add_question(starter, "q2", "choix-multiple", "        choices:\n          - {text: A}\n          - {text: B}\n")
    assert "aucune bonne réponse" in only(starter, "bonne-reponse").message


def test_unknown_question_type_suggests_the_closest(starter):
    add_question(starter, "q2", "vrai-faut", "        answer: true\n")
    found = only(starter, "union-tag-invalid")
    assert found.path == "modules.mon-module.evaluations[0].questions[1].type"
    assert found.hint.startswith("vouliez-vous dire `vrai-faux` ?")


def test_field_of_another_question_type_is_an_unknown_key(starter):
    add_question(starter, "q2", "vrai-faux", "        answer: true\n        choices: []\n")
    found = only(starter, "extra-forbidden")
    assert found.path == "modules.mon-module.evaluations[0].questions[1].choices"


def test_question_referencing_an_unknown_objective(starter):
    starter.edit_module("        objectives: [cartographier-acteurs]\n        choices:",
                        "        objectives: [cartographie-acteurs]\n        choices:")
    found = [d for d in findings(starter, "objectif-inconnu") if "evaluations" in d.path]
    assert found[0].hint == "vouliez-vous dire `cartographier-acteurs` ?"


def test_duplicate_question_id(starter):
    add_question(starter, "acteur-jeunes", "vrai-faux", "        answer: false\n")
    assert only(starter, "id-en-double").path.endswith("questions[1].id")


def test_matching_with_a_repeated_side_is_ambiguous(starter):
    add_question(starter, "q2", "appariement",
                 "        pairs:\n          - {left: CEJ, right: Jeunes}\n          - {left: CEJ, right: Adultes}\n")
    assert "gauche" in only(starter, "appariement-ambigu").message


def test_pass_mark_must_be_a_percentage(starter):
    starter.edit_module("pass_mark: 70", "pass_mark: 120")
    assert only(starter, "less-than-equal").path.endswith("evaluations[0].pass_mark")


def test_objective_evaluated_by_no_question_is_a_warning(starter):
    starter.edit_module("        objectives: [cartographier-acteurs]\n        choices:", "        choices:")
    found = only(starter, "objectif-non-evalue")
    assert not found.is_error and found.path == "modules.mon-module.competences[0].objectives[0]"


def test_module_without_any_evaluation_is_a_warning(starter):
    text = starter.module.read_text(encoding="utf-8")
    starter.module.write_text(text[: text.index("evaluations:")], encoding="utf-8")
    assert not only(starter, "sans-evaluation").is_error


def test_completion_on_success_needs_a_final_evaluation(starter):
    starter.edit_module("kind: finale", "kind: positionnement")
    starter.edit_module("max_days: 5", "max_days: 5\ncompletion: evaluation-reussie")
    assert only(starter, "completion-sans-evaluation").path == "modules.mon-module.completion"


def test_the_session_an_evaluation_is_taken_in_must_exist(starter):
    starter.edit_module("    kind: finale\n", "    kind: finale\n    session: ouvertur\n")
    found = only(starter, "sequence-inconnue")
    assert found.path == "modules.mon-module.evaluations[0].session"
    assert "ouverture" in found.hint


def test_an_ungraded_evaluation_with_a_pass_mark_is_warned(starter):
    starter.edit_module("    kind: finale\n", "    kind: finale\n    graded: false\n")
    assert only(starter, "seuil-sans-note").path == "modules.mon-module.evaluations[0].pass_mark"


def test_corrections_before_a_new_attempt_of_a_graded_evaluation_are_warned(starter):
    starter.edit_module("    kind: finale\n", "    kind: finale\n    attempts: 2\n    corrections: apres-validation\n")
    assert only(starter, "correction-avant-nouvelle-tentative").path == "modules.mon-module.evaluations[0].corrections"


def test_session_check_must_be_of_kind_controle(starter):
    starter.edit_module("    resources:\n", """    evaluation:
      id: verif
      kind: finale
      title: Vérification
      questions:
        - id: v1
          type: vrai-faux
          prompt: La Mission locale accompagne les 16-25 ans.
          answer: true
    resources:
""")
    assert only(starter, "evaluation-genre").path == "modules.mon-module.sessions[1].evaluation.kind"


def test_schema_errors_and_cross_file_errors_come_out_in_one_run(starter):
    starter.edit_module("title: Mon premier module", "titel: Mon premier module\ntitle: Mon premier module")
    starter.edit_module("objectives: [cartographier-acteurs]", "objectives: [cartographier-acteur]")
    codes = {d.code for d in validate(starter.root).report.errors}
    assert {"extra-forbidden", "objectif-inconnu"} <= codes


def test_cross_file_errors_of_a_salvaged_module_point_at_the_authors_lines(starter):
    starter.edit_module("bloom: appliquer", "bloom: appliquer\n        extra: 1")
    starter.edit_module("objectives: [cartographier-acteurs]", "objectives: [cartographier-acteur]")
    found = only(starter, "objectif-inconnu")
    assert (found.line, found.column) == starter.position_in_module("cartographier-acteur]")


def test_a_module_with_an_unreadable_value_is_not_guessed_at(starter):
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    starter.edit_module("objectives: [cartographier-acteurs]", "objectives: [cartographier-acteur]")
    codes = [d.code for d in validate(starter.root).report.errors]
    assert codes == ["value-error"]  # no rule runs on a duration it would have to invent


def test_an_acronym_learners_read_and_the_glossary_lacks_is_named_at_its_first_use(starter):
    starter.edit_module("      Tour de table", "      Tour de table (le FSL est cité en fin de journée)")  # trainer notes
    starter.edit_module("    title: Cartographier les acteurs de son territoire",
                        "    title: Cartographier les acteurs de son territoire (FSL, RSA, chapitre IV)")
    found = only(starter, "sigle-hors-glossaire")
    assert "« FSL »" in found.message
    assert (found.line, found.column) == starter.position_in_module("Cartographier les acteurs de son territoire (")


def test_an_acronym_in_a_handout_is_named_with_the_handout(starter):
    with (starter.root / "ressources" / "carte-des-acteurs.md").open("a", encoding="utf-8") as handout:
        handout.write("\nPensez au PLIE de votre territoire.\n")
    found = only(starter, "sigle-hors-glossaire")
    assert "« PLIE » (dans ressources/carte-des-acteurs.md)" in found.message
    assert found.path.endswith("resources[0].file")


def test_acronyms_in_the_glossary_code_and_links_are_not_reported(starter):
    starter.edit_module("    title: Cartographier les acteurs de son territoire",
                        "    title: Cartographier les acteurs du RSA")
    starter.edit_module("      En sous-groupes", "      Voir `ABC` et [le site](https://EXEMPLE.FR/DOC). En sous-groupes")
    assert findings(starter, "sigle-hors-glossaire") == []


def test_a_wrong_value_in_one_session_hides_no_problem_of_another(starter):
    starter.edit_module("duration: 1h\n", "duration: une heure\n")  # the opening session
    starter.edit_module("objectives: [cartographier-acteurs]", "objectives: [cartographier-acteur]")
    found = {d.code: d for d in validate(starter.root).report.errors}
    assert set(found) == {"value-error", "objectif-inconnu"}
    assert (found["objectif-inconnu"].line, found["objectif-inconnu"].column) == \
        starter.position_in_module("cartographier-acteur]")


def test_a_session_set_aside_for_a_wrong_value_raises_no_false_coverage_error(starter):
    starter.edit_module("duration: 2h30", "duration: 2 heures")  # the only session on cartographier-acteurs
    assert [d.code for d in validate(starter.root).report.diagnostics] == ["value-error"]


def test_an_unreadable_fundamentals_module_gives_the_expert_module_no_false_error(tmp_path):
    import shutil

    from conftest import CURRICULUM

    root = tmp_path / "curriculum"
    shutil.copytree(CURRICULUM, root, ignore=shutil.ignore_patterns("schemas"))
    module = root / "modules" / "fondamentaux.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("level: fondamentaux", "level: [fondamentaux"),
                      encoding="utf-8")
    codes = [d.code for d in validate(root).report.errors]
    assert codes == ["syntaxe-yaml"]


def test_a_module_read_in_part_gives_its_delivered_sessions_no_false_error(tmp_path):
    import shutil

    from conftest import CURRICULUM

    root = tmp_path / "curriculum"
    shutil.copytree(CURRICULUM, root, ignore=shutil.ignore_patterns("schemas"))
    module = root / "modules" / "fondamentaux.yml"
    module.write_text(module.read_text(encoding="utf-8").replace("pass_mark: 70", 'pass_mark: "70 %"', 1),
                      encoding="utf-8")
    errors = validate(root).report.errors
    assert [d.file.name for d in errors] == ["fondamentaux.yml"]


def test_a_word_in_capitals_is_not_taken_for_an_acronym(starter):
    starter.edit_module("      Tour de table", "      ATTENTION : tour de table")
    starter.edit_module("      En sous-groupes", "      LES ACTEURS DU TERRITOIRE\n\n      En sous-groupes")
    assert findings(starter, "sigle-hors-glossaire") == []


def test_an_acronym_in_a_markdown_block_is_pointed_at_its_own_line(starter):
    starter.edit_module("      En sous-groupes, vous dessinez la carte",
                        "      Première ligne.\n\n      Le PLIE aussi. En sous-groupes, vous dessinez la carte")
    found = only(starter, "sigle-hors-glossaire")
    assert found.line == starter.position_in_module("Le PLIE aussi")[0]


def test_an_acronym_in_a_choice_is_checked_too(starter):
    starter.edit_module("          - text: La caisse d'allocations familiales", "          - text: La CAF")
    assert "« CAF »" in only(starter, "sigle-hors-glossaire").message


def test_acronyms_are_found_where_the_pattern_with_its_look_behind_finds_them():
    import random

    from trainkit.check.glossary import _ACRONYM, _acronym_matches

    pieces = ["RSA", "CEJ", "É", "SIAE", "a", "é", " ", "\n", "-", "/", ".", "&", "_", "1", "R", "S", "x"]
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        found = [(m.start(), m.group(0)) for m in _acronym_matches(text)]
        assert found == [(m.start(), m.group(0)) for m in _ACRONYM.finditer(text)], text


def test_acronyms_passed_over_are_only_the_ones_asked():
    import random

    from trainkit.check.glossary import _acronyms

    pieces = ["RSA", "CEJ", "SIAE", "a", " ", "\n", "-", "/", "`x`", "https://x", "R", "S", "b", "XIV"]
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        for skip in ({"RSA"}, {"RSA", "CEJ", "SIAE", "RS"}):
            expected = [(word, offset) for word, offset in _acronyms(text) if word not in skip]
            assert list(_acronyms(text, set(skip))) == expected, text


def test_an_acronym_written_with_a_yaml_escape_is_found(starter):
    starter.edit_module("    title: Cartographier les acteurs de son territoire",
                        '    title: "Cartographier les acteurs du \\u0046SL"')
    assert "« FSL »" in only(starter, "sigle-hors-glossaire").message


def test_a_module_file_whose_runs_of_capitals_are_all_known_has_no_acronym_to_report():
    import random

    from trainkit.check.glossary import _acronyms, _all_runs_known

    pieces = ["RSA", "CEJ", "SIAE", "É", "a", "é", " ", "\n", "-", "/", "’", "…", "`x`", "<b>", "https://x",
              "R", "2", "L2", "XIV", "[l](u)", "&"]
    rng = random.Random(17)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        known = set(rng.sample(["RSA", "CEJ", "SIAE", "L2", "XIV", "R"], rng.randint(0, 6)))
        if _all_runs_known(text, known):
            assert list(_acronyms(text, known)) == [], (text, known)


def test_two_module_files_declaring_the_same_id_are_each_judged_on_their_own_text(starter):
    copy = starter.module.parent / "a.yml"  # read first: its name sorts before mon-module.yml
    copy.write_text(starter.module.read_text(encoding="utf-8").replace(
        "title: Cartographier les acteurs de son territoire", "title: Cartographier les acteurs du FSL", 1),
        encoding="utf-8")
    found = {(d.code, d.file.name) for d in validate(starter.root).report.diagnostics}
    assert {("id-fichier", "a.yml"), ("id-en-double", "mon-module.yml"), ("sigle-hors-glossaire", "a.yml")} <= found

"""The editor's JSON Schema and `trainkit validate` give the same verdict on the same file.

Each case changes one field of the starter module (or programme) the way a hand-typing author
might; the schema and the validator must both accept it or both refuse it. Only the cases a JSON
Schema can express are here (a date that does not exist in the calendar, such as 30/02/2027,
needs code: the validator alone refuses it, and the editor says nothing).
"""

from __future__ import annotations

import json

import pytest

from trainkit.api import validate
from trainkit.load.yaml_source import read_yaml_file
from trainkit.schema import schema_texts

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema manque : pip install -e '.[test]'")

TRUE_FALSE = """\
      - id: mission-locale-jeunes
        type: vrai-faux
        prompt: La Mission locale accompagne les jeunes de 16 à 25 ans.
        objectives: [cartographier-acteurs]
        answer: true
"""

# case → (file, text in the starter, replacement)
MUTATIONS = {
    "jour en texte": ("module", "day: 1", 'day: "1"'),
    "jour en nombre": ("module", "day: 1", "day: 1"),
    "jour décimal": ("module", "day: 1", "day: 1.5"),
    "jour entier écrit en décimal": ("module", "day: 1", "day: 1.0"),
    "max_days au-delà du profil": ("module", "max_days: 5", "max_days: 6"),
    "jour zéro": ("module", "day: 1", "day: 0"),
    "max_days en texte": ("module", "max_days: 5", 'max_days: "3"'),
    "max_days en nombre": ("module", "max_days: 5", "max_days: 3"),
    "seuil en texte": ("module", "pass_mark: 70", 'pass_mark: "70"'),
    "seuil décimal": ("module", "pass_mark: 70", "pass_mark: 70.5"),
    "seuil au-delà de 100": ("module", "pass_mark: 70", "pass_mark: 120"),
    "correct en texte": ("module", "correct: true", 'correct: "true"'),
    "correct yes": ("module", "correct: true", "correct: yes"),
    "réponse en texte": ("module", "answer: true", 'answer: "true"'),
    "réponse yes": ("module", "answer: true", "answer: yes"),
    "réponse false": ("module", "answer: true", "answer: false"),
    "durée 1h30": ("module", "duration: 1h\n", "duration: 1h30\n"),
    "durée 45min": ("module", "duration: 1h\n", "duration: 45min\n"),
    "durée 1h75": ("module", "duration: 1h\n", "duration: 1h75\n"),
    "durée 0h": ("module", "duration: 1h\n", "duration: 0h\n"),
    "durée 0min": ("module", "duration: 1h\n", "duration: 0min\n"),
    "durée 90 sans unité": ("module", "duration: 1h\n", "duration: 90\n"),
    "durée en lettres": ("module", "duration: 1h\n", "duration: une heure\n"),
    "demi-journée inconnue": ("module", "half_day: matin", "half_day: soir"),
    "niveau libre": ("module", "level: initiation", "level: perfectionnement"),
    "niveau vide": ("module", "level: initiation", 'level: ""'),
    "titre vide": ("module", "title: Mon premier module", 'title: ""'),
    "titre trop long": ("module", "title: Mon premier module", "title: " + "x" * 501),
    "titre en nombre": ("module", "title: Mon premier module", "title: 2027"),
    "identifiant avec majuscule": ("module", "id: acteurs", "id: Acteurs"),
    "clé inconnue": ("module", "max_days: 5", "max_days: 5\nmax_jours: 5"),
    "méthodes vides": ("module", "methods: [apports]", "methods: []"),
    "mise à jour ISO": ("programme", "language: fr", "language: fr\nupdated: 2026-11-30"),
    "mise à jour à la française": ("programme", "language: fr", "language: fr\nupdated: 30/11/2026"),
    "mise à jour mois 13": ("programme", "language: fr", "language: fr\nupdated: 2026-13-45"),
    "mise à jour jour 32": ("programme", "language: fr", "language: fr\nupdated: 32/01/2027"),
    "longueur de journée en texte": ("programme", "day_length: 7h", "day_length: 7h30"),
    "longueur de journée sans unité": ("programme", "day_length: 7h", "day_length: 7"),
    "langue inconnue": ("programme", "language: fr", "language: français"),
    "courriel invalide": ("programme", "email: formation@exemple.fr", "email: formation-exemple.fr"),
}


@pytest.fixture
def starter_with_true_false(generic):
    text = generic.module.read_text(encoding="utf-8")
    generic.module.write_text(text.rstrip("\n") + "\n" + TRUE_FALSE, encoding="utf-8")
    assert validate(generic.root).report.diagnostics == []
    return generic


def schema_verdict(path, file_name: str) -> bool:
    schema = json.loads(schema_texts()[file_name])
    return not list(jsonschema.Draft202012Validator(schema).iter_errors(read_yaml_file(path).data))


@pytest.mark.parametrize("case", list(MUTATIONS))
def test_schema_and_validator_agree_on_a_single_field_change(starter_with_true_false, case):
    starter = starter_with_true_false
    file, old, new = MUTATIONS[case]
    path = starter.module if file == "module" else starter.root / "programme.yml"
    starter.edit(path, old, new)
    errors = [d for d in validate(starter.root).report.diagnostics if d.file == path and d.severity.value == "error"]
    validator_accepts = not errors
    schema_accepts = schema_verdict(path, f"{file}.schema.json")
    assert schema_accepts == validator_accepts, (
        f"schéma : {'accepte' if schema_accepts else 'refuse'} ; validateur : "
        f"{'accepte' if validator_accepts else [d.message for d in errors]}")

"""`qualiopi: true`: `trainkit validate` names each mention a module's programme lacks, and its indicator."""

from __future__ import annotations

import pytest

from trainkit.api import validate
from trainkit.model.offer import offer_for

from conftest import CURRICULUM
from documents_support import OFFER_MENTIONS, publish_under_qualiopi, remove_module_evaluations

CODE = "mention-qualiopi-manquante"


def missing(root):
    return [d for d in validate(root).report.diagnostics if d.code == CODE]


def line_of(path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path.name}")


def test_a_programme_with_every_mention_passes(starter):
    publish_under_qualiopi(starter)
    assert validate(starter.root).report.diagnostics == []


def test_missing_mentions_are_not_required_without_the_switch(starter):
    assert missing(starter.root) == []


@pytest.mark.parametrize("label", list(OFFER_MENTIONS))
def test_each_missing_offer_mention_is_named_with_its_indicator(starter, label):
    publish_under_qualiopi(starter)
    starter.edit("programme.yml", OFFER_MENTIONS[label], "")
    [found] = missing(starter.root)
    indicator = 2 if label == "indicateurs de résultats" else 1
    assert found.message == f"mention Qualiopi manquante pour le module `mon-module` : {label} (indicateur {indicator})"
    assert found.file.name == "programme.yml"
    assert found.path.startswith("programme.offer.")
    assert found.line == line_of(starter.root / "programme.yml", "offer:") + 1  # in the block, where to add it
    assert "`offer:`" in found.hint and "modules/mon-module.yml" in found.hint


def test_every_mention_is_reported_when_the_offer_is_absent(starter):
    publish_under_qualiopi(starter, offer=False)
    labels = {d.message.split(" : ", 1)[1] for d in missing(starter.root)}
    assert labels == {f"{label} (indicateur {2 if 'résultats' in label else 1})" for label in OFFER_MENTIONS}


def test_missing_prerequisites_are_located_in_the_module(starter):
    publish_under_qualiopi(starter)
    starter.edit_module("prerequisites:\n  knowledge:\n    - Expérience de l'accompagnement social\n", "")
    [found] = missing(starter.root)
    assert found.message.endswith(": prérequis (indicateur 1)")
    assert found.file == starter.module
    assert "Aucun prérequis" in found.hint


def test_missing_evaluation_modalities_are_reported(starter):
    publish_under_qualiopi(starter)
    remove_module_evaluations(starter)
    [found] = missing(starter.root)
    assert found.message.endswith(": modalités d'évaluation (indicateur 1)")


def test_an_evaluation_session_gives_the_evaluation_modalities(starter):
    publish_under_qualiopi(starter)
    remove_module_evaluations(starter)
    starter.edit_module("methods: [atelier]", "methods: [atelier, evaluation]")
    assert missing(starter.root) == []


def test_the_offer_can_state_the_evaluation_modalities(starter):
    publish_under_qualiopi(starter)
    remove_module_evaluations(starter)
    starter.edit("programme.yml", "  updated:", "  assessment:\n    - Étude de cas finale corrigée\n  updated:")
    assert missing(starter.root) == []


def test_a_module_offer_fills_what_the_programme_lacks(starter):
    publish_under_qualiopi(starter)
    starter.edit("programme.yml", OFFER_MENTIONS["tarifs"], "")
    starter.edit_module("max_days: 5\n", "max_days: 5\noffer:\n  prices:\n    - label: Tarif du module\n      amount: 450\n")
    assert missing(starter.root) == []


def test_a_missing_mention_points_at_the_module_offer_when_the_module_has_one(starter):
    publish_under_qualiopi(starter)
    starter.edit("programme.yml", OFFER_MENTIONS["délais d'accès"], "")
    starter.edit_module("max_days: 5\n", "max_days: 5\noffer:\n  prices:\n    - label: Tarif du module\n      amount: 450\n")
    [found] = missing(starter.root)
    assert found.file == starter.module
    assert found.path == "modules.mon-module.offer.access_delay"
    assert found.line == starter.position_in_module("offer:")[0] + 1


def test_a_module_offer_replaces_the_programme_key_by_key(starter):
    publish_under_qualiopi(starter)
    starter.edit_module("max_days: 5\n", "max_days: 5\noffer:\n  prices:\n    - label: Tarif du module\n      amount: 450\n")
    curriculum = validate(starter.root).curriculum
    offer = offer_for(curriculum.programme, curriculum.modules[0])
    assert [p.label for p in offer.prices] == ["Tarif du module"]
    assert offer.access_delay == curriculum.programme.offer.access_delay


def test_a_module_at_a_distance_needs_remote_modalities_not_a_place(starter):
    publish_under_qualiopi(starter)
    starter.edit(starter.module, "modality: présentiel", "modality: distanciel", count=2)
    starter.edit("programme.yml", OFFER_MENTIONS["lieu de formation"], "")
    [found] = missing(starter.root)
    assert found.message.endswith(": modalités de la formation à distance (indicateur 1)")


def test_results_with_rates_need_the_period_they_cover(starter):
    publish_under_qualiopi(starter)
    starter.edit("programme.yml", "    period: Sessions 2025\n", "")
    [found] = [d for d in validate(starter.root).report.errors]
    assert found.path == "programme.offer.results"
    assert "period" in found.message


def test_an_impossible_update_date_is_a_french_error(starter):
    publish_under_qualiopi(starter)
    starter.edit("programme.yml", "updated: 2026-09-01", "updated: 31/02/2026")
    [found] = validate(starter.root).report.errors
    assert found.path == "programme.offer.updated"
    assert found.message == "la date « 31/02/2026 » n'existe pas dans le calendrier"


def test_the_bundled_curriculum_is_published_under_qualiopi_with_every_mention():
    result = validate(CURRICULUM)
    assert result.curriculum.programme.qualiopi is True
    assert missing(CURRICULUM) == []

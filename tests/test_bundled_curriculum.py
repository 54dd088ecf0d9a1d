"""The bundled curriculum is the national training plan of seed 000, complete and valid."""

from __future__ import annotations

import json
import re

import pytest

from trainkit.api import validate
from trainkit.load.yaml_source import read_yaml_file
from trainkit.schema import schema_texts

from conftest import CURRICULUM, REPO

# The national training plan the curriculum encodes, as test data (tests/data/SOURCES.md).
SEED = REPO / "tests" / "data" / "seed" / "000_1946d50b7bbf2a8e.txt"


@pytest.fixture(scope="module")
def curriculum():
    result = validate(CURRICULUM)
    assert result.curriculum is not None
    return result


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("*", "")
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().lower()


def seed_sections() -> dict[str, str]:
    text = SEED.read_text(encoding="utf-8")
    # The PDF's running header falls in the middle of lists: drop it.
    text = text.replace("## Stratégie nationale de prévention et de lutte contre la pauvreté", "")
    start = text.index("### Module : Les fondamentaux")
    expert = text.index("### Module « expert »")
    end = text.index("### *Modalités pédagogiques envisagées*")
    return {"fondamentaux": text[start:expert], "expert": text[expert:end]}


def seed_bullets(section: str) -> list[str]:
    bullets = []
    for line in section.splitlines():
        stripped = line.strip()
        match = re.match(r"^(?:-|\d+\.)\s+(.*)$", stripped)
        if match and len(match.group(1)) > 3:
            bullets.append(normalise(match.group(1)))
    return bullets


def seed_competences(section: str) -> list[str]:
    return [normalise(m) for m in re.findall(r"Compétence : ([^\n]+)", section)]


def module_text(module) -> str:
    parts = []

    def walk(items):
        for item in items:
            parts.append(item.text)
            walk(item.items)

    for competence in module.competences:
        parts.append(competence.title)
        walk(competence.content)
    return normalise(" ¶ ".join(parts))


def test_bundled_curriculum_is_valid_with_no_warning(curriculum):
    assert curriculum.report.diagnostics == []


def test_it_holds_the_two_modules_of_the_training_plan(curriculum):
    levels = {m.id: m.level for m in curriculum.curriculum.modules}
    assert levels == {"fondamentaux": "fondamentaux", "expert": "expert"}


@pytest.mark.parametrize("module_id", ["fondamentaux", "expert"])
def test_every_competence_of_the_seed_is_in_the_module(curriculum, module_id):
    titles = [normalise(c.title) for c in curriculum.curriculum.module(module_id).competences]
    expected = seed_competences(seed_sections()[module_id])
    assert len(expected) >= 4
    for title in expected:
        assert any(title.startswith(t[: len(title)]) or t.startswith(title) for t in titles), title


@pytest.mark.parametrize("module_id", ["fondamentaux", "expert"])
def test_every_content_bullet_of_the_seed_is_in_the_module(curriculum, module_id):
    text = module_text(curriculum.curriculum.module(module_id))
    bullets = seed_bullets(seed_sections()[module_id])
    assert len(bullets) > 15
    missing = [b for b in bullets if b not in text]
    assert missing == []


@pytest.mark.parametrize("module_id", ["fondamentaux", "expert"])
def test_module_uses_the_recommended_modalities(curriculum, module_id):
    module = curriculum.curriculum.module(module_id)
    methods = {m for s in module.sessions for m in s.methods}
    assert {"intervention-acteurs-emploi", "analyse-des-pratiques", "intervention-pairs", "travail-intersession"} <= methods
    assert any(s.modality == "intersession" for s in module.sessions), "formation découpée avec intersession"
    assert any("interinstitutionnel" in m for m in module.modalities)


def test_expert_module_does_a_territorial_diagnostic_between_its_parts(curriculum):
    expert = curriculum.curriculum.module("expert")
    diagnostics = [s for s in expert.sessions if "diagnostic-territorial" in s.methods and s.modality == "intersession"]
    assert diagnostics


def test_each_module_fits_in_five_days(curriculum):
    for module in curriculum.curriculum.modules:
        assert module.room_minutes <= 5 * 7 * 60
        assert max(s.day for s in module.sessions if s.day) <= 5


def test_every_session_has_learner_content_and_a_run_sheet(curriculum):
    for module in curriculum.curriculum.modules:
        for session in module.sessions:
            assert len(session.content.split()) >= 60, session.id
            guide = session.trainer_guide
            assert guide is not None and guide.questions and (guide.vigilance or guide.activities or session.trainer_notes), session.id


def test_every_session_in_the_room_has_a_timed_run(curriculum):
    for module in curriculum.curriculum.modules:
        for session in module.sessions:
            if session.modality != "intersession":
                assert sum(a.duration for a in session.trainer_guide.activities) == session.duration, session.id


def test_strategy_framing_lists_the_five_engagements(curriculum):
    assert len(curriculum.curriculum.programme.strategy.engagements) == 5


def test_committed_schemas_are_the_generated_ones():
    for name, text in schema_texts(profile="strategie-pauvrete").items():
        assert (CURRICULUM / "schemas" / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} est périmé : lancez `trainkit schema`")


def test_every_curriculum_file_declares_its_schema_for_editors():
    files = [CURRICULUM / "programme.yml", CURRICULUM / "glossaire.yml", *sorted((CURRICULUM / "modules").glob("*.yml"))]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path.name
        schema = (path.parent / first.split("$schema=")[1]).resolve()
        assert schema.is_file(), f"{path.name} → {schema}"


def test_json_schema_accepts_every_bundled_file():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema manque : pip install -e '.[test]'")
    cases = [("programme.schema.json", CURRICULUM / "programme.yml"),
             ("glossary.schema.json", CURRICULUM / "glossaire.yml")]
    cases += [("module.schema.json", p) for p in sorted((CURRICULUM / "modules").glob("*.yml"))]
    for schema_name, path in cases:
        schema = json.loads(schema_texts()[schema_name])
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(read_yaml_file(path).data))
        assert errors == [], f"{path.name}: {errors[:1]}"

"""Profiles: a curriculum without one is any training body's; `strategie-pauvrete` adds the national plan's rules."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from trainkit.api import build, declared_profile, validate
from trainkit.schema import schema_texts

from conftest import CURRICULUM


def codes(root) -> list[str]:
    return [d.code for d in validate(root).report.diagnostics]


def add_perfectionnement(generic) -> None:
    """A second module « perfectionnement » that needs the first, written like the first."""
    text = generic.module.read_text(encoding="utf-8")
    text = (text.replace("id: mon-module", "id: perfectionnement", 1)
            .replace("title: Mon premier module", "title: Aller plus loin", 1)
            .replace("level: initiation", "level: perfectionnement", 1)
            .replace("prerequisites:\n", "prerequisites:\n  modules: [mon-module]\n", 1))
    (generic.root / "modules" / "perfectionnement.yml").write_text(text, encoding="utf-8")


def test_a_curriculum_without_profile_has_free_levels_and_no_strategy(generic):
    add_perfectionnement(generic)
    validation = validate(generic.root)
    assert validation.report.diagnostics == []
    assert validation.curriculum.programme.strategy is None
    assert [m.level for m in validation.curriculum.modules] == ["initiation", "perfectionnement"]


def test_a_curriculum_without_profile_builds_every_output(generic, tmp_path):
    add_perfectionnement(generic)
    result = build(generic.root, site_dir=tmp_path / "site", dist_dir=tmp_path / "dist",
                   work_dir=tmp_path / "work", config_file=None)
    assert result.validation.ok()
    names = sorted(p.name for p in result.packages)
    assert "perfectionnement-scorm12.zip" in names and "perfectionnement-scorm2004.zip" in names
    assert any(p.suffix == ".pdf" for p in result.documents)
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "learner").rglob("*.html")]
    assert any(re.search(r"Niveau</strong>\s?: perfectionnement", page) for page in pages)
    with zipfile.ZipFile(tmp_path / "dist" / "perfectionnement-scorm2004.zip") as package:
        opening = package.read("sequences/ouverture.html").decode("utf-8")
    assert 'id="strategie"' not in opening


def test_the_bundled_plan_declares_the_national_plans_profile():
    assert declared_profile(CURRICULUM) == "strategie-pauvrete"


def test_the_profile_refuses_a_level_it_does_not_have(starter):
    starter.edit_module("level: fondamentaux", "level: perfectionnement")
    assert "niveau-profil" in codes(starter.root)


def test_the_profile_asks_for_the_strategy(starter):
    text = (starter.root / "programme.yml").read_text(encoding="utf-8")
    head, _, tail = text.partition("strategy:")
    # drop the strategy block: every line after it that is indented
    rest = tail.splitlines(keepends=True)[1:]
    while rest and (rest[0].startswith(" ") or not rest[0].strip()):
        rest.pop(0)
    (starter.root / "programme.yml").write_text(head + "".join(rest), encoding="utf-8")
    assert "strategie-manquante" in codes(starter.root)


def test_the_profile_asks_the_first_session_to_present_the_strategy(starter):
    starter.edit_module("presents_strategy: true", "presents_strategy: false")
    assert codes(starter.root) != []


def test_without_profile_no_session_has_to_present_a_strategy(generic):
    assert "presents_strategy" not in generic.module.read_text(encoding="utf-8")
    assert codes(generic.root) == []


def test_a_session_presenting_a_strategy_the_programme_lacks_is_a_located_warning(generic):
    generic.edit_module("    half_day: matin\n", "    half_day: matin\n    presents_strategy: true\n")
    [found] = validate(generic.root).report.diagnostics
    assert (found.code, found.severity.value) == ("strategie-absente", "warning")
    assert found.file == generic.module and found.line == generic.position_in_module("presents_strategy")[0]
    assert "programme.yml" in found.hint


def test_an_unknown_profile_is_refused_with_the_known_ones(generic):
    generic.edit("programme.yml", "title: Mon plan", "profile: pauvrete\ntitle: Mon plan")
    [found] = validate(generic.root).report.diagnostics
    assert found.path == "programme.profile"
    assert "strategie-pauvrete" in found.hint


@pytest.mark.parametrize("profile, levels", [(None, None), ("strategie-pauvrete", ["fondamentaux", "expert"])])
def test_the_editor_schema_follows_the_profile(profile, levels):
    module_schema = json.loads(schema_texts(profile)["module.schema.json"])
    level = module_schema["properties"]["level"]
    assert level.get("enum") == levels

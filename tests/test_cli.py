"""The command line as users and CI run it: exit codes, formats, init, schema."""

from __future__ import annotations

import json

from conftest import run_trainkit


def test_valid_curriculum_exits_0(starter):
    run = run_trainkit("validate", starter.root)
    assert run.code == 0
    assert "Curriculum valide" in run.out


def test_invalid_curriculum_exits_1_with_located_messages(starter):
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    run = run_trainkit("validate", starter.root)
    assert run.code == 1
    line, column = starter.position_in_module("2 heures")
    assert f"modules/mon-module.yml:{line}:{column}: erreur" in run.out
    assert "Traceback" not in run.out + run.err


def test_usage_error_exits_1_in_french(starter):
    run = run_trainkit("validate", starter.root, "--format", "xml")
    assert run.code == 1
    assert "Erreur d'utilisation" in run.err


def test_json_format_lists_every_diagnostic(starter):
    starter.edit_module("text: Cartographier les acteurs", "text: Comprendre les acteurs")
    payload = json.loads(run_trainkit("validate", starter.root, "--format", "json").out)
    assert payload["valid"] is True
    [warning] = payload["diagnostics"]
    assert warning["severity"] == "warning"
    assert warning["path"] == "modules.mon-module.competences[0].objectives[0].text"
    assert warning["line"] == starter.position_in_module("Comprendre les acteurs")[0]


def test_github_format_emits_workflow_annotations(starter):
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    run = run_trainkit("validate", starter.root, "--format", "github")
    assert run.out.startswith("::error file=")
    line, column = starter.position_in_module("2 heures")
    assert f",line={line},col={column}," in run.out


def test_strict_turns_warnings_into_failure(starter):
    starter.edit_module("text: Cartographier les acteurs", "text: Comprendre les acteurs")
    assert run_trainkit("validate", starter.root).code == 0
    assert run_trainkit("validate", starter.root, "--strict").code == 1


def test_missing_folder_exits_1_with_a_message(tmp_path):
    run = run_trainkit("validate", tmp_path / "absent")
    assert run.code == 1
    assert "n'existe pas" in run.out


def test_default_path_is_curriculum_in_the_current_folder(starter):
    run = run_trainkit("validate", cwd=starter.root.parent)
    assert run.code == 0


def test_init_scaffolds_a_valid_curriculum(tmp_path):
    target = tmp_path / "nouveau"
    assert run_trainkit("init", target).code == 0
    assert (target / "schemas" / "module.schema.json").is_file()
    assert run_trainkit("validate", target, "--strict").code == 0


def test_init_refuses_a_folder_that_is_not_empty(starter):
    run = run_trainkit("init", starter.root)
    assert run.code == 1
    assert "n'est pas vide" in run.err


def test_schema_writes_one_schema_per_file_kind(tmp_path):
    assert run_trainkit("schema", "--out", tmp_path).code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "glossary.schema.json", "module.schema.json", "programme.schema.json", "session.schema.json"]


def test_help_speaks_french_down_to_click_own_words():
    for args in (["--help"], ["build", "--help"], ["documents", "bpf", "--help"], ["init", "--help"]):
        run = run_trainkit(*args)
        assert run.code == 0
        assert run.out.startswith("Utilisation : trainkit")
        assert "Options :" in run.out and "Afficher cette aide et quitter." in run.out
        for english in ("Usage:", "Show this message", "Commands:", "[default:", "required]", "DIRECTORY"):
            assert english not in run.out, (args, english)

"""The JSON Schema editors use and the validator agree."""

from __future__ import annotations

import json

import pytest

from trainkit.load.yaml_source import read_yaml_file
from trainkit.schema import schema_texts

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema manque : pip install -e '.[test]'")


def schema_for(name: str):
    return json.loads(schema_texts()[name])


def test_schema_is_valid_json_schema():
    for name in schema_texts():
        jsonschema.Draft202012Validator.check_schema(schema_for(name))


def test_schema_accepts_the_starter_curriculum(starter):
    validator = jsonschema.Draft202012Validator(schema_for("module.schema.json"))
    assert list(validator.iter_errors(read_yaml_file(starter.module).data)) == []


def test_schema_rejects_what_the_validator_rejects(starter):
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    starter.edit_module("title: Mon premier module", "titel: Mon premier module")
    validator = jsonschema.Draft202012Validator(schema_for("module.schema.json"))
    errors = list(validator.iter_errors(read_yaml_file(starter.module).data))
    assert {e.validator for e in errors} >= {"pattern", "additionalProperties"}


def test_schema_descriptions_are_french():
    module = schema_for("module.schema.json")
    assert module["properties"]["trainer_notes" if "trainer_notes" in module["properties"] else "sessions"]["description"]
    session = module["$defs"]["Session"]["properties"]
    assert session["trainer_notes"]["description"].startswith("Notes pour les formateurs")


def test_format_reference_is_up_to_date():
    from trainkit.reference import reference_markdown

    from conftest import REPO

    assert (REPO / "docs" / "format.md").read_text(encoding="utf-8") == reference_markdown(), (
        "docs/format.md est périmé : lancez `trainkit reference --out docs/format.md`")


def test_format_reference_documents_every_field_of_a_session():
    from trainkit.model.module import Session
    from trainkit.reference import reference_markdown

    section = reference_markdown().split("### Session\n", 1)[1].split("\n### ", 1)[0]
    for name in Session.model_fields:
        assert f"| `{name}` |" in section, name
    assert "| `trainer_notes` | texte Markdown | non |" in section


def test_schema_accepts_the_bundled_session_and_programme():
    from conftest import CURRICULUM

    for schema, path in (("session.schema.json", CURRICULUM / "sessions" / "2027-01-fondamentaux-paris.yml"),
                         ("programme.schema.json", CURRICULUM / "programme.yml")):
        validator = jsonschema.Draft202012Validator(schema_for(schema))
        assert [e.message for e in validator.iter_errors(read_yaml_file(path).data)] == [], path.name

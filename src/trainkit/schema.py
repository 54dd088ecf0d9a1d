"""JSON Schemas of the curriculum files, for editors (yaml-language-server) and for checking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from .model import Glossary, Module, Programme
from .model.delivery import Delivery
from .model.profiles import Profile, profile_of

SCHEMA_FILES: dict[str, type[BaseModel]] = {
    "programme.schema.json": Programme,
    "module.schema.json": Module,
    "glossary.schema.json": Glossary,
    "session.schema.json": Delivery,
}

_TITLES = {
    "programme.schema.json": "trainkit — programme de formation (programme.yml)",
    "module.schema.json": "trainkit — module de formation (modules/<id>.yml)",
    "glossary.schema.json": "trainkit — glossaire des sigles (glossaire.yml)",
    "session.schema.json": "trainkit — session délivrée (sessions/<id>.yml)",
}


class _AuthorFacingSchema(GenerateJsonSchema):
    """Drop pydantic's English auto-titles and class docstrings: editors show our French descriptions."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def generate(self, schema: Any, mode: Any = "validation") -> dict[str, Any]:
        result = super().generate(schema, mode=mode)
        for definition in [result, *result.get("$defs", {}).values()]:
            definition.pop("title", None)
            if definition.get("type") == "object":
                definition.pop("description", None)
        return result


def json_schema(model: type[BaseModel], file_name: str, profile: str | None = None) -> dict[str, Any]:
    schema = model.model_json_schema(schema_generator=_AuthorFacingSchema)
    result = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": _TITLES[file_name],
        **schema,
    }
    return _with_profile(result, file_name, profile_of(profile)) if profile else result


def _with_profile(schema: dict[str, Any], file_name: str, profile: Profile) -> dict[str, Any]:
    """The profile's rules the editor can check as you type: its levels, its strategy."""
    properties = schema.get("properties", {})
    if file_name == "module.schema.json" and profile.levels:
        properties["level"] = {"enum": list(profile.levels),
                               "description": f"Niveau du module (profil `{profile.name}`)."}
        schema["required"] = sorted({*schema.get("required", []), "level"})
    # The profile's 5-day limit is a warning of the validator (a module may exceed it knowingly): not in the schema.
    if file_name == "programme.schema.json":
        properties["profile"] = {"const": profile.name, "description": properties.get("profile", {}).get("description", "")}
        if profile.requires_strategy:
            schema["required"] = sorted({*schema.get("required", []), "strategy"})
    return schema


def schema_texts(profile: str | None = None) -> dict[str, str]:
    return {
        name: json.dumps(json_schema(model, name, profile), ensure_ascii=False, indent=2) + "\n"
        for name, model in SCHEMA_FILES.items()
    }


def write_schemas(directory: Path, profile: str | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts(profile).items():
        target = directory / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
        written.append(target)
    return written

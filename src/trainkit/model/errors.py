"""Pydantic's validation errors, rewritten for the person editing the YAML file."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, Iterable, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic
from ..load.yaml_source import YamlDocument
from .common import SLUG_PATTERN, slugify

_TYPE_NAMES = {
    "string_type": "du texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste (lignes commençant par « - »)",
    "model_type": "un bloc de clés (clé: valeur)",
    "dict_type": "un bloc de clés (clé: valeur)",
    "model_attributes_type": "un bloc de clés (clé: valeur)",
}


def describe_value(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"le texte « {shown} »"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de clés"
    return type(value).__name__


def model_diagnostics(
    exc: ValidationError, model: type[BaseModel], document: YamlDocument
) -> Iterable[Diagnostic]:
    """One located diagnostic per pydantic error, in French."""
    for error in exc.errors(include_url=False):
        raw_loc = tuple(error["loc"])
        loc = _data_path(document.data, raw_loc)
        kind = error["type"]
        value = error.get("input")
        ctx = error.get("ctx") or {}
        hint: str | None = None
        at_key = False
        if kind == "missing":
            name = loc[-1]
            message = f"la clé obligatoire `{name}` manque"
            field = _field_info(model, raw_loc)
            if field is not None and field.description:
                hint = f"ajoutez `{name}:` — {field.description}"
            else:
                hint = f"ajoutez `{name}:` à ce bloc"
        elif kind == "extra_forbidden":
            name = str(loc[-1])
            at_key = True
            message = f"clé inconnue `{name}`"
            allowed = _allowed_keys(model, raw_loc[:-1])
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            if close:
                hint = f"vouliez-vous dire `{close[0]}` ?"
            elif allowed:
                hint = "clés possibles ici : " + ", ".join(f"`{k}`" for k in allowed)
        elif kind in _TYPE_NAMES:
            message = f"{describe_value(value)} ne convient pas ici : il faut {_TYPE_NAMES[kind]}"
            if kind == "string_type" and isinstance(value, (int, float, bool)):
                hint = f"mettez la valeur entre guillemets : \"{_yaml_repr(value)}\""
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            expected = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",") if t.strip()]
            expected = expected or _tags_at(model, raw_loc)
            choices = ", ".join(f"`{v}`" for v in expected)
            if kind == "union_tag_not_found":
                message = "la clé `type` manque : elle dit de quel genre de question il s'agit"
                hint = f"ajoutez `type:` avec l'une des valeurs : {choices}"
            else:
                loc = loc + ("type",)
                message = f"type de question « {ctx.get('tag')} » inconnu"
                close = difflib.get_close_matches(str(ctx.get("tag")), expected, n=1, cutoff=0.5)
                hint = (f"vouliez-vous dire `{close[0]}` ? " if close else "") + f"types possibles : {choices}"
        elif kind == "literal_error":
            expected = _literal_values(model, raw_loc)
            message = f"{describe_value(value)} n'est pas une valeur possible"
            if expected:
                close = difflib.get_close_matches(str(value), expected, n=1, cutoff=0.5)
                choices = ", ".join(f"`{v}`" for v in expected)
                hint = (f"vouliez-vous dire `{close[0]}` ? " if close else "") + f"valeurs possibles : {choices}"
        elif kind == "string_too_short":
            message = "ce texte est vide"
            hint = "écrivez le texte, ou supprimez la clé si elle est facultative"
        elif kind == "string_too_long":
            limit = ctx.get("max_length")
            message = (f"texte trop long : {len(str(value))} caractères, au plus {limit} ici"
                       + (" (un titre, un objectif, un choix tient en une ligne)" if limit and limit <= 500 else ""))
            hint = ("raccourcissez-le ; un long développement va dans un champ Markdown (`content`) ou dans "
                    "une ressource")
        elif kind == "too_short":
            minimum = ctx.get("min_length", 1)
            message = f"la liste doit contenir au moins {minimum} élément{'s' if minimum > 1 else ''}"
        elif kind == "greater_than_equal":
            message = f"{describe_value(value)} est trop petit : la valeur doit être au moins {ctx.get('ge')}"
        elif kind == "less_than_equal":
            message = f"{describe_value(value)} est trop grand : la valeur doit être au plus {ctx.get('le')}"
        elif kind == "string_pattern_mismatch" and ctx.get("pattern") == SLUG_PATTERN:
            message = (
                f"l'identifiant « {value} » doit être un slug court : minuscules sans accents, "
                "chiffres et tirets"
            )
            hint = f"par exemple « {slugify(str(value))} »"
        elif kind == "string_pattern_mismatch":
            message = f"{describe_value(value)} n'a pas la forme attendue"
            field = _field_info(model, raw_loc)
            if field is not None and field.examples:
                hint = "exemple : " + ", ".join(f"« {e} »" for e in field.examples)
        elif kind in ("value_error", "assertion_error"):
            message = str(ctx.get("error", error["msg"]))
        else:  # a pydantic error we did not foresee: keep its text rather than hide it
            message = f"valeur invalide ({error['msg']})"
        yield document.diagnostic(loc, kind.replace("_", "-"), message, hint=hint, at_key=at_key)


def _yaml_repr(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types a field annotation may hold (through Optional, list, Annotated)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [t for arg in get_args(annotation) for t in _unwrap(arg)]
    if origin in (list, tuple, set):
        return [t for arg in get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _walk(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[type[BaseModel] | None, Any]:
    """Follow `loc` through the model classes: (the model holding the last key, that key's field).

    A tagged union (questions) puts its tag in `loc`: it selects the member model.
    """
    names = [part for part in loc if isinstance(part, str)]
    current: type[BaseModel] | None = model
    candidates: list[type[BaseModel]] = [model]
    index = 0
    while index < len(names):
        name = names[index]
        if len(candidates) > 1:
            tagged = [c for c in candidates if name in _type_tags(c)]
            if tagged:
                current, candidates = tagged[0], tagged
                index += 1
                continue
        if current is None:
            return None, None
        field = current.model_fields.get(name)
        if field is None:
            return None, None
        if index == len(names) - 1:
            return current, field
        candidates = [t for t in _unwrap(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
        current = candidates[0] if candidates else None
        index += 1
    return current, None


def _type_tags(model: type[BaseModel]) -> list[str]:
    field = model.model_fields.get("type")
    if field is None:
        return []
    return [str(v) for t in _unwrap(field.annotation) if get_origin(t) is Literal for v in get_args(t)]


def _tags_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    _, field = _walk(model, loc)
    if field is None:
        return []
    return [tag for t in _unwrap(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)
            for tag in _type_tags(t)]


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """`loc` as a path in the author's data: union tags (`choix-unique`) are not keys there."""
    path: list[Any] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part not in current and current.get("type") == part:
            continue  # a discriminator tag, not a key
        path.append(part)
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            current = None
    return tuple(path)


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    return _walk(model, loc)[1]


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Keys allowed in the mapping at `loc` (a tag at the end of `loc` picks the union member)."""
    if not any(isinstance(part, str) for part in loc):
        return list(model.model_fields)
    holder, field = _walk(model, loc)
    if field is None:
        return list(holder.model_fields) if holder is not None else []
    nested = [t for t in _unwrap(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
    return list(nested[0].model_fields) if len(nested) == 1 else []


def _literal_values(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    _, field = _walk(model, loc)
    if field is None:
        return []
    values: list[str] = []
    for t in _unwrap(field.annotation):
        if get_origin(t) is Literal:
            values.extend(str(v) for v in get_args(t))
    return values

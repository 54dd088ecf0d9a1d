"""The authors' reference of the format, generated from the models' JSON Schema.

Every field, its type, whether it is required, its description and an example:
written from the same schema the validator and editors use, so it cannot drift.
"""

from __future__ import annotations

import json
from typing import Any

from .schema import SCHEMA_FILES, json_schema
from .model.profiles import PROFILES

FILES = {
    "programme.schema.json": ("`programme.yml`", "Le programme : ce que partagent tous les modules."),
    "module.schema.json": ("`modules/<id>.yml`", "Un module : compétences, objectifs, séquences, évaluations."),
    "glossary.schema.json": ("`glossaire.yml`", "Les sigles, expliqués au survol dans le site."),
    "session.schema.json": ("`sessions/<id>.yml`", "Une session délivrée : dates, lieu, financeurs, participants, "
                            "puis présences et résultats ; `trainkit documents session ID` en tire les documents."),
}

TYPE_NAMES = {"string": "texte", "integer": "nombre entier", "number": "nombre", "boolean": "true / false",
              "object": "bloc", "array": "liste", "null": "vide"}

SECTION_TITLES = {
    "Contact": "Contact", "Provider": "Organisme de formation (`provider`)",
    "StrategyFraming": "Stratégie (`strategy`)", "Audience": "Public (`audience`)",
    "Prerequisites": "Prérequis (`prerequisites`)", "Competence": "Compétence (`competences[]`)",
    "Objective": "Objectif (`competences[].objectives[]`)", "ContentItem": "Point de contenu (`content[]`)",
    "Session": "Séquence (`sessions[]`)", "Resource": "Ressource (`resources[]`)",
    "Evaluation": "Évaluation (`evaluations[]`, `sessions[].evaluation`)",
    "Feedback": "Retour (`feedback`)", "Choice": "Proposition (`choices[]`)", "Pair": "Paire (`pairs[]`)",
    "Term": "Sigle (`terms[]`)",
    "Signatory": "Signataire (`provider.signatory`)", "Buyer": "Financeur (`buyers[]`)",
    "Participant": "Participant (`participants[]`)", "Part": "Dates d'une partie (`parts[]`)",
    "AttendanceRecord": "Présences d'une demi-journée (`attendance[]`)",
    "EvaluationResults": "Résultats d'une évaluation (`results[]`)", "MoodleGrades": "Export des notes de Moodle (`moodle`)",
    "Satisfaction": "Satisfaction (`satisfaction`)",
}


def _type_of(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return f"[{name}](#{name.lower()})"
    if "const" in schema:
        return f"`{schema['const']}`"
    if "enum" in schema:
        return "l'une des valeurs " + ", ".join(f"`{v}`" for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            parts = [_type_of(s, defs) for s in schema[key] if s.get("type") != "null"]
            return " ou ".join(dict.fromkeys(parts))
    kind = schema.get("type")
    if kind == "array":
        return f"liste de {_type_of(schema.get('items', {}), defs)}"
    if kind == "string" and "pattern" in schema and schema.get("examples"):
        return "texte de la forme " + ", ".join(f"`{e}`" for e in schema["examples"][:2])
    if kind == "string" and schema.get("format") == "markdown":
        return "texte Markdown"
    return TYPE_NAMES.get(kind, kind or "valeur")


def scaffold_examples() -> dict[tuple[str, str], Any]:
    """(model name, key) → the value `trainkit init` writes there: real examples, valid by construction."""
    from importlib.resources import files

    import yaml

    from .model import Glossary, Module, Programme

    root = files("trainkit.scaffold") / "files"
    found: dict[tuple[str, str], Any] = {}
    documents = [(Programme, root / "programme.yml"), (Glossary, root / "glossaire.yml"),
                 (Module, root / "modules" / "mon-module.yml")]

    def walk(model: type, data: Any) -> None:
        if not isinstance(data, dict):
            return
        for key, value in data.items():
            found.setdefault((model.__name__, key), value)
            field = model.model_fields.get(key)
            if field is None:
                continue
            nested = [t for t in _unwrap_models(field.annotation)]
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    tag = item.get("type")
                    target = next((t for t in nested if tag and tag in _tags(t)), nested[0] if nested else None)
                    if target is not None:
                        walk(target, item)

    for model, path in documents:
        walk(model, yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def _unwrap_models(annotation: Any) -> list[type]:
    from pydantic import BaseModel

    from .model.errors import _unwrap

    return [t for t in _unwrap(annotation) if isinstance(t, type) and issubclass(t, BaseModel)]


def _tags(model: type) -> list[str]:
    from .model.errors import _type_tags

    return _type_tags(model)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = " ".join(value.split())
        return f"`{text[:60] + '…' if len(text) > 60 else text}`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"`{value}`"
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "`[" + ", ".join(v[:30] for v in value[:3]) + "]`"
    return ""


def _example(schema: dict[str, Any], scaffold_value: Any = None) -> str:
    if scaffold_value is not None and _shown(scaffold_value):
        return _shown(scaffold_value)
    for source in (schema, *schema.get("anyOf", [])):
        if source.get("examples"):
            return f"`{json.dumps(source['examples'][0], ensure_ascii=False)}`"
    if "default" in schema and schema["default"] not in (None, [], {}):
        return f"`{json.dumps(schema['default'], ensure_ascii=False)}` (par défaut)"
    if "const" in schema:
        return f"`{schema['const']}`"
    return ""


def _table(schema: dict[str, Any], defs: dict[str, Any], model_name: str = "",
           examples: dict[tuple[str, str], Any] | None = None) -> list[str]:
    examples = examples or {}
    required = set(schema.get("required", []))
    lines = ["| Clé | Type | Obligatoire | Description | Exemple |", "| --- | --- | --- | --- | --- |"]
    for name, field in schema.get("properties", {}).items():
        description = (field.get("description") or "").replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| `{name}` | {_type_of(field, defs)} | {'oui' if name in required else 'non'} | "
            f"{description} | {_example(field, examples.get((model_name, name)))} |"
        )
    return lines


def _profile_lines() -> list[str]:
    lines = []
    for profile in PROFILES.values():
        rules = [f"niveaux {' ou '.join(f'« {level} »' for level in profile.levels)}"] if profile.levels else []
        if profile.requires_strategy:
            rules.append("`strategy` obligatoire")
        if profile.opens_with_strategy:
            rules.append("la première séance de chaque module présente la stratégie (`presents_strategy: true`)")
        if profile.expert_needs_fondamentaux:
            rules.append("un module « expert » a un module « fondamentaux » parmi ses prérequis")
        if profile.max_days:
            rules.append(f"{profile.max_days} jours au plus par module")
        lines.append(f"- `{profile.name}` ({profile.label}) : {' ; '.join(rules)}.")
    return lines


def reference_markdown() -> str:
    lines = [
        "# Référence du format des curricula",
        "",
        "Généré depuis le modèle de trainkit (`trainkit reference`) : ce document, le validateur et le schéma JSON",
        "des éditeurs décrivent le même format. Les clés sont en anglais, les contenus en français.",
        "Les durées s'écrivent « 1h30 », « 3h » ou « 45min » ; les identifiants sont des slugs courts",
        "(minuscules sans accents, chiffres et tirets).",
        "",
        "## Texte simple, Markdown et HTML",
        "",
        "- Les champs de **texte simple** (titres, objectifs, choix de réponse, sigles, intitulés) s'affichent tels",
        "  qu'écrits, partout : `<`, `&`, `*` ou `[lien](…)` y restent du texte, jamais du balisage.",
        "- Les champs **Markdown** (`content`, `trainer_notes`, `role`, `audience`, énoncés, retours et consignes",
        "  des évaluations, définitions du glossaire, documents `.md` des ressources) sont rendus avec un seul profil",
        "  Markdown pour le site, les paquets SCORM et les PDF : listes, tableaux, titres, liens, images du dossier du",
        "  curriculum, encadrés `!!! note`, listes de définitions, sigles du glossaire.",
        "- Le HTML écrit dans un champ Markdown est **nettoyé** après le rendu : sont gardés les titres, paragraphes,",
        "  listes, tableaux, citations, code, liens `http(s)`/`mailto`/relatifs, images relatives, `abbr`,",
        "  `details` ; sont retirés les scripts, les attributs `on…`, les adresses `javascript:` et `data:`, les",
        "  `iframe`, `object`, `embed`, formulaires et styles en ligne. `trainkit validate` avertit, avec le fichier et",
        "  la ligne, de tout ce qui sera retiré.",
        "- Typographie française appliquée au rendu, sur le texte seulement (jamais dans le code, les adresses ou les",
        "  attributs) : espace fine insécable avant « ; ? ! » et dans « », insécable avant « : », entre un nombre",
        "  et son unité (« 28 h », « 690 € »), dans les durées (« 1 h 30 »), les dates (« 1er mars ») et les numéros",
        "  de téléphone.",
        "",
        "## Profils",
        "",
        "Sans `profile:` dans `programme.yml`, trainkit ne demande que ce que tout curriculum d'organisme de",
        "formation demande : identifiants, références, couverture des objectifs, objectifs observables, durées, et",
        "les mentions Qualiopi si `qualiopi: true`. Le niveau d'un module (`level`) est alors un libellé court",
        "libre (« initiation », « perfectionnement »…), et la stratégie (`strategy`) est facultative.",
        "Un profil ajoute les règles d'une famille de curricula (`trainkit init --profile NOM`) :",
        "",
        *_profile_lines(),
        "",
    ]
    seen: set[str] = set()
    examples = scaffold_examples()
    for file_name, model in SCHEMA_FILES.items():
        schema = json_schema(model, file_name)
        defs = schema.get("$defs", {})
        title, summary = FILES[file_name]
        lines += [f"## {title}", "", summary, "", *_table(schema, defs, model.__name__, examples), ""]
        for name in sorted(defs, key=lambda n: list(SECTION_TITLES).index(n) if n in SECTION_TITLES else 99):
            if name in seen:
                continue
            seen.add(name)
            definition = defs[name]
            if "properties" not in definition:
                continue
            lines += [f"### {name}", "", f"*{SECTION_TITLES.get(name, name)}*", "",
                      *_table(definition, defs, name, examples), ""]
    return "\n".join(lines).rstrip() + "\n"

"""Small value types shared by the curriculum models.

Every type carries its JSON Schema so that editors (through `trainkit schema`)
and the validator describe the same format.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


# Checked by pydantic-core (fast, in Rust); model/errors.py words the slug message.
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, examples=["acteurs-dispositifs"])]

TEXT_MAX = 500
MARKDOWN_MAX = 200_000
def _whole_float(value: object) -> object:
    """`day: 1.0` is a whole number to the editor's JSON Schema (« integer » in JSON): the same here."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


WHOLE = BeforeValidator(_whole_float)
"""After an int's constraints (`Annotated[int, Field(ge=1), WHOLE]`): a float with nothing after the
point is a whole number too, as JSON Schema says; the constraints stay in the schema."""

Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]
"""A non-empty line of French text: a title, an objective, a choice. Capped so that a slip (a whole
document pasted into a title) is an error, not a 200 MB site."""

Markdown = Annotated[str, Field(min_length=1, max_length=MARKDOWN_MAX, json_schema_extra={"format": "markdown"})]
"""A block of Markdown, usually written as a YAML `|` block."""


def slugify(text: str) -> str:
    """« Analyse des Besoins » → « analyse-des-besoins »: what to suggest for a bad id."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "mon-identifiant"


# Durations are written the way French trainers write them: « 3h », « 1h30 »,
# « 45min ». Stored as minutes so that sums and comparisons are exact.
DURATION_PATTERN = r"^\s*(?:(\d+)\s*h\s*(\d{1,2})?\s*(?:min)?|(\d+)\s*min)\s*$"
_DURATION_RE = re.compile(DURATION_PATTERN)


def parse_duration(value: object) -> object:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # « duration: 2 » meant 2 hours as often as 2 minutes: the unit is asked, never guessed.
        number = format(value, "g")
        raise ValueError(f"durée « {number} » sans unité : écrivez « {number}h » (heures) ou « {number}min » (minutes)")
    if not isinstance(value, str):
        return value  # let pydantic report the wrong type
    match = _DURATION_RE.match(value)
    if not match:
        raise ValueError(
            f"durée « {value} » illisible : écrivez-la comme « 1h30 », « 3h » ou « 45min »"
        )
    hours, minutes, only_minutes = match.groups()
    if only_minutes is not None:
        total = int(only_minutes)
    else:
        if minutes is not None and int(minutes) >= 60:
            raise ValueError(f"durée « {value} » : les minutes doivent être inférieures à 60")
        total = int(hours) * 60 + int(minutes or 0)
    if total <= 0:
        raise ValueError(f"durée « {value} » : une durée est d'au moins 1 minute")
    return total


# The editor's version: the same forms, minutes below 60 and never a zero duration (what
# parse_duration refuses with a message of its own).
DURATION_SCHEMA_PATTERN = (r"^(?!\s*0+\s*h\s*0*\s*(?:min)?\s*$)(?!\s*0+\s*min\s*$)"
                           r"\s*(?:\d+\s*h\s*(?:[0-5]?\d)?\s*(?:min)?|\d+\s*min)\s*$")

Minutes = Annotated[
    int,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DURATION_SCHEMA_PATTERN,
            "description": "Durée : « 1h30 », « 3h » ou « 45min ».",
            "examples": ["1h30", "3h", "45min"],
        }
    ),
]


def format_minutes(minutes: int) -> str:
    """« 90 » → « 1 h 30 », the way durations read in French documents."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest:02d}"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


class StrictModel(BaseModel):
    """Base of every curriculum model: unknown keys are errors, never ignored."""

    # strict: « day: "1" » or « answer: "true" » are refused as the editor's JSON Schema refuses them,
    # instead of being converted behind the author's back (one verdict in the editor and in CI).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, strict=True)


# --- identifiers -------------------------------------------------------------------------

def _digits(value: str) -> str:
    return "".join(ch for ch in value if not ch.isspace())


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _siret(value: str) -> str:
    digits = _digits(value)
    if not digits.isdigit() or len(digits) != 14:
        raise ValueError(f"SIRET « {value} » : il faut 14 chiffres (les espaces sont permis), par exemple « 123 456 789 00015 »")
    if not luhn_valid(digits):
        raise ValueError(f"SIRET « {value} » : un chiffre est faux (la clé de contrôle ne correspond pas) ; recopiez-le depuis l'avis de situation INSEE")
    return f"{digits[:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}"


Siret = Annotated[str, Field(pattern=r"^[0-9 ]+$", examples=["123 456 789 00015"]), AfterValidator(_siret)]

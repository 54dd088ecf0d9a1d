"""The glossary file (`glossaire.yml`): acronyms the content uses."""

from __future__ import annotations

from pydantic import Field

from .common import Markdown, StrictModel, Text


class Term(StrictModel):
    term: Text = Field(description="Le sigle tel qu'il apparaît dans les contenus.", examples=["RSA"])
    expansion: Text = Field(description="Sa forme développée.", examples=["revenu de solidarité active"])
    definition: Markdown | None = Field(None, description="Une explication courte (facultatif).")


class Glossary(StrictModel):
    terms: list[Term] = Field(default_factory=list, description="Les sigles et leur développement.")

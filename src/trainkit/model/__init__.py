"""The curriculum format as pydantic models: one model per file kind."""

from .common import format_minutes
from .glossary import Glossary, Term
from .module import (
    METHOD_LABELS,
    Competence,
    ContentItem,
    Module,
    Objective,
    Resource,
    Session,
)
from .programme import Contact, Programme, Provider, StrategyFraming

__all__ = [
    "METHOD_LABELS",
    "Competence",
    "Contact",
    "ContentItem",
    "Glossary",
    "Module",
    "Objective",
    "Programme",
    "Provider",
    "Resource",
    "Session",
    "StrategyFraming",
    "Term",
    "format_minutes",
]

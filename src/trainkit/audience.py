"""Two audiences, one curriculum: what learners may receive.

Every learner-facing output (learner site, SCORM packages) takes its modules
from `learner_module`, so trainer material is removed in one place, before any
template sees it, rather than hidden afterwards.
"""

from __future__ import annotations

from typing import Literal

from .model.module import Module

Audience = Literal["learner", "trainer"]
AUDIENCES: tuple[Audience, ...] = ("learner", "trainer")


def learner_module(module: Module) -> Module:
    """The module without `trainer_notes` and `trainer_guide`: the trainer-only fields of the format."""
    return module.model_copy(update={"sessions": [
        s.model_copy(update={"trainer_notes": None, "trainer_guide": None}) for s in module.sessions]})


def module_for(module: Module, audience: Audience) -> Module:
    return learner_module(module) if audience == "learner" else module

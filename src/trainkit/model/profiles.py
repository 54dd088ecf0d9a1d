"""Profiles: rules a family of curricula adds to the generic ones.

A curriculum declares its profile in `programme.yml` (`profile: strategie-pauvrete`). Without one,
trainkit asks only what any training body's curriculum needs: ids, references, coverage, observable
objectives, durations, and the Qualiopi mentions when `qualiopi: true`. The bundled national plan
declares `strategie-pauvrete`: a strategy framing every module opens with, levels « fondamentaux » and
« expert » (an expert module has a fondamentaux one as prerequisite), 5 days at most.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ProfileName = Literal["strategie-pauvrete"]


@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    levels: tuple[str, ...] = ()  # empty: `level` is a free short label
    max_days: int | None = None
    requires_strategy: bool = False
    opens_with_strategy: bool = False
    expert_needs_fondamentaux: bool = False


PROFILES: dict[str, Profile] = {
    "strategie-pauvrete": Profile(
        name="strategie-pauvrete",
        label="plan de formation de la stratégie nationale de prévention et de lutte contre la pauvreté",
        levels=("fondamentaux", "expert"),
        max_days=5,  # seed 000: « dans la limite de 5 jours maximum »
        requires_strategy=True,
        opens_with_strategy=True,
        expert_needs_fondamentaux=True,
    ),
}

GENERIC = Profile(name="", label="curriculum sans profil")


def profile_of(name: str | None) -> Profile:
    return PROFILES[name] if name else GENERIC

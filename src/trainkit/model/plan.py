"""Views derived from a validated module: its timetable and its coverage matrix.

The site, the SCORM packages and the documents all show the same plan; it is
computed here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .module import Competence, Module, Objective, Session

HALF_DAYS = ("matin", "après-midi")


@dataclass
class Day:
    number: int
    half_days: dict[str, list[Session]] = field(default_factory=lambda: {h: [] for h in HALF_DAYS})

    @property
    def sessions(self) -> list[Session]:
        return [s for h in HALF_DAYS for s in self.half_days[h]]

    @property
    def minutes(self) -> int:
        return sum(s.duration for s in self.sessions)

    def minutes_of(self, half_day: str) -> int:
        return sum(s.duration for s in self.half_days[half_day])


@dataclass
class Part:
    """Days in the room between two intersession periods."""

    number: int
    days: list[Day] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(d.minutes for d in self.days)


@dataclass
class Intersession:
    """Work between part N and part N+1."""

    number: int
    sessions: list[Session] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(s.duration for s in self.sessions)


@dataclass
class Plan:
    """The module's timetable, in order: part 1, intersession 1, part 2…"""

    blocks: list[Part | Intersession]

    @property
    def parts(self) -> list[Part]:
        return [b for b in self.blocks if isinstance(b, Part)]

    @property
    def intersessions(self) -> list[Intersession]:
        return [b for b in self.blocks if isinstance(b, Intersession)]

    @property
    def days(self) -> list[Day]:
        return [d for p in self.parts for d in p.days]

    @property
    def room_minutes(self) -> int:
        return sum(p.minutes for p in self.parts)

    @property
    def intersession_minutes(self) -> int:
        return sum(i.minutes for i in self.intersessions)

    def position_of(self, session: Session) -> str:
        """« J2 matin » or « Intersession 1 », as trainers say it."""
        if session.modality == "intersession":
            return f"Intersession {session.intersession}"
        return f"J{session.day} {session.half_day}"


def plan_of(module: Module) -> Plan:
    """Group the (validated, chronologically ordered) sessions into parts, days and intersessions."""
    blocks: list[Part | Intersession] = []
    for session in module.sessions:
        if session.modality == "intersession":
            if not blocks or not isinstance(blocks[-1], Intersession) or blocks[-1].number != session.intersession:
                blocks.append(Intersession(number=session.intersession or 1))
            blocks[-1].sessions.append(session)
            continue
        if not blocks or not isinstance(blocks[-1], Part):
            blocks.append(Part(number=len([b for b in blocks if isinstance(b, Part)]) + 1))
        part = blocks[-1]
        if not part.days or part.days[-1].number != session.day:
            part.days.append(Day(number=session.day or 1))
        part.days[-1].half_days[session.half_day or "matin"].append(session)
    return Plan(blocks)


@dataclass
class CoverageRow:
    competence: Competence
    objective: Objective
    covered_by: list[bool]

    @property
    def is_gap(self) -> bool:
        return not any(self.covered_by)


@dataclass
class CoverageMatrix:
    """Objectives (rows) × sessions (columns): which session works on which objective."""

    sessions: list[Session]
    rows: list[CoverageRow]

    @property
    def uncovered_objectives(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.is_gap]

    @property
    def sessions_without_objective(self) -> list[Session]:
        return [s for s in self.sessions if not s.objectives]


def coverage_of(module: Module) -> CoverageMatrix:
    rows = [
        CoverageRow(competence, objective, [objective.id in s.objectives for s in module.sessions])
        for competence in module.competences
        for objective in competence.objectives
    ]
    return CoverageMatrix(sessions=list(module.sessions), rows=rows)

"""The module's timetable as every output shows it: days and intersessions, each session's place
and clock times. Computed once from the validated module (`model.plan` groups the sessions);
the site, the SCORM packages and the documents read it.

Clock times start at the half-day's opening hour, read from the offer's `hours`
(« 9h00 – 12h30 »); without it, 9:00 and 13:30.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.common import format_minutes
from ..model.module import Module, Session
from ..model.offer import offer_for
from ..model.plan import Intersession, Part, plan_of
from ..model.programme import Programme

DEFAULT_STARTS = {"matin": 9 * 60, "après-midi": 13 * 60 + 30}
_CLOCK = re.compile(r"(\d{1,2})\s*h\s*(\d{2})?")


def clock(minutes: int) -> str:
    """« 9h00 », « 13h30 »: how a French timetable writes a time of day."""
    return f"{minutes // 60}h{minutes % 60:02d}"


def span(start: int | None, end: int | None) -> str:
    """« 9h00–10h30 »; empty for work without clock times (intersession)."""
    return f"{clock(start)}–{clock(end)}" if start is not None and end is not None else ""


def opening_minute(hours: str | None, default: int) -> int:
    """The first time of day written in « 9h00 – 12h30 » (minutes since midnight)."""
    match = _CLOCK.search(hours or "")
    if not match:
        return default
    return int(match.group(1)) * 60 + int(match.group(2) or 0)


@dataclass(frozen=True)
class Slot:
    """One session in the timetable."""

    session: Session
    number: int  # 1-based, in the module's order
    position: str  # « J2 matin », « Intersession 1 »
    start: int | None = None  # minutes since midnight; None for intersession work
    end: int | None = None

    @property
    def times(self) -> str:
        return span(self.start, self.end)

    @property
    def duration(self) -> str:
        return format_minutes(self.session.duration)


@dataclass(frozen=True)
class Block:
    """A day in the room, or an intersession period: one level of a table of contents."""

    kind: str  # "jour" or "intersession"
    number: int
    title: str  # « Jour 2 », « Intersession 1 » (« Intersession » when there is only one)
    part: int | None  # for a day: the part it belongs to
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Timetable:
    blocks: tuple[Block, ...]
    slots: dict[str, Slot] = field(default_factory=dict)  # by session id

    def slot(self, session: Session) -> Slot:
        return self.slots[session.id]


def timetable(programme: Programme, module: Module) -> Timetable:
    plan = plan_of(module)
    offer = offer_for(programme, module)
    hours = offer.hours
    starts = {
        "matin": opening_minute(hours.morning if hours else None, DEFAULT_STARTS["matin"]),
        "après-midi": opening_minute(hours.afternoon if hours else None, DEFAULT_STARTS["après-midi"]),
    }
    numbers = {s.id: i for i, s in enumerate(module.sessions, start=1)}
    several_intersessions = len(plan.intersessions) > 1
    blocks: list[Block] = []
    slots: dict[str, Slot] = {}
    for block in plan.blocks:
        if isinstance(block, Part):
            for day in block.days:
                day_slots = []
                for half, sessions in day.half_days.items():
                    start = starts[half]
                    for session in sessions:
                        slot = Slot(session, numbers[session.id], plan.position_of(session), start,
                                    start + session.duration)
                        start += session.duration
                        day_slots.append(slot)
                blocks.append(Block("jour", day.number, f"Jour {day.number}", block.number, tuple(day_slots)))
        elif isinstance(block, Intersession):
            title = f"Intersession {block.number}" if several_intersessions else "Intersession"
            inter = tuple(Slot(s, numbers[s.id], plan.position_of(s)) for s in block.sessions)
            blocks.append(Block("intersession", block.number, title, None, inter))
    for block_ in blocks:
        for slot in block_.slots:
            slots[slot.session.id] = slot
    return Timetable(tuple(blocks), slots)

"""A session's plan in time: the module's days dated, and its half-days as attendance slots.

Both the rules (`check/delivery.py`) and the documents read it: computed here once.
A slot is what attendance is recorded for — a half-day in the room (« J2 après-midi »)
or an intersession period (« Intersession 1 »), whose evidence is the work handed in.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from .calendar import next_working_day, why_not_working
from .delivery import Delivery
from .module import Module, Session
from .offer import format_date
from .plan import HALF_DAYS, plan_of


@dataclass(frozen=True)
class Slot:
    key: str  # « J1 matin », « Intersession 1 »: as the session file writes it
    day: int | None
    half_day: str | None
    intersession: int | None
    date: dt.date | None  # intersessions: None, see `DatedPlan.intersession_periods`
    minutes: int
    sessions: tuple[Session, ...]

    @property
    def in_room(self) -> bool:
        return self.intersession is None


@dataclass(frozen=True)
class DateProblem:
    path: tuple  # where in the session file
    message: str
    hint: str


@dataclass
class DatedPlan:
    day_dates: dict[int, dt.date]
    slots: list[Slot]
    intersession_periods: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)  # (after, before)
    problems: list[DateProblem] = field(default_factory=list)

    @property
    def first_day(self) -> dt.date | None:
        return min(self.day_dates.values(), default=None)

    @property
    def last_day(self) -> dt.date | None:
        return max(self.day_dates.values(), default=None)

    def slot(self, text: str) -> Slot | None:
        wanted = slot_key(text)
        return next((s for s in self.slots if slot_key(s.key) == wanted), None)

    @property
    def planned_minutes(self) -> int:
        return sum(s.minutes for s in self.slots)


def slot_key(text: str) -> str:
    """« j1 Après midi », « J1-apres-midi » → « j1 apres midi »."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def dated_plan(module: Module, delivery: Delivery) -> DatedPlan:
    """The module's plan with the session's dates; what does not fit is in `problems`, located."""
    plan = plan_of(module)
    parts = plan.parts
    problems: list[DateProblem] = []
    if len(delivery.parts) != len(parts):
        problems.append(DateProblem(
            ("parts",), f"le module `{module.id}` a {len(parts)} partie{'s' if len(parts) > 1 else ''} "
            f"(séparées par des intersessions), la session en date {len(delivery.parts)}",
            "donnez une entrée `parts` par partie du module, chacune avec `start` ou `dates`"))
    day_dates: dict[int, dt.date] = {}
    previous: dt.date | None = None
    for index, (part, given) in enumerate(zip(parts, delivery.parts)):
        here = ("parts", index)
        if given.dates:
            if len(given.dates) != len(part.days):
                problems.append(DateProblem(
                    here + ("dates",), f"la partie {part.number} du module dure {len(part.days)} jour"
                    f"{'s' if len(part.days) > 1 else ''} (jours {', '.join(str(d.number) for d in part.days)}) : "
                    f"{len(given.dates)} date{'s' if len(given.dates) > 1 else ''} données",
                    f"donnez {len(part.days)} date{'s' if len(part.days) > 1 else ''}, ou seulement `start`"))
            dates = list(given.dates[: len(part.days)])
            locations = [here + ("dates", j) for j in range(len(dates))]
        else:
            assert given.start is not None
            dates, current = [], given.start
            for position in range(len(part.days)):
                if position:
                    current = next_working_day(current)
                dates.append(current)
            locations = [here + ("start",)] * len(dates)
        out_of_order = False
        for position, (day, date, where) in enumerate(zip(part.days, dates, locations)):
            reason = why_not_working(date)
            if reason is not None and (given.dates or position == 0):
                problems.append(DateProblem(
                    where, f"le {format_date(date)} est {reason} : pas un jour de formation",
                    "choisissez un jour ouvré (du lundi au vendredi, hors jours fériés)"))
            if previous is not None and date <= previous and not out_of_order:
                out_of_order = True  # once per part: the following days are late for the same reason
                problems.append(DateProblem(
                    where, f"le jour {day.number} ({format_date(date)}) ne vient pas après le jour précédent "
                    f"({format_date(previous)})", "les dates vont dans l'ordre des jours du module"))
            day_dates[day.number] = date
            previous = max(previous, date) if previous else date
    periods: dict[int, tuple[dt.date, dt.date]] = {}
    for index, block in enumerate(plan.blocks):
        if block in plan.intersessions:
            before = plan.blocks[index - 1] if index else None
            after = plan.blocks[index + 1] if index + 1 < len(plan.blocks) else None
            start = day_dates.get(before.days[-1].number) if before is not None and before.days else None
            end = day_dates.get(after.days[0].number) if after is not None and after.days else None
            if start and end:
                periods[block.number] = (start, end)
    slots: list[Slot] = []
    for block in plan.blocks:
        if block in plan.intersessions:
            slots.append(Slot(f"Intersession {block.number}", None, None, block.number, None, block.minutes,
                              tuple(block.sessions)))
            continue
        for day in block.days:
            for half_day in HALF_DAYS:
                sessions = day.half_days[half_day]
                if sessions:
                    slots.append(Slot(f"J{day.number} {half_day}", day.number, half_day, None,
                                      day_dates.get(day.number), day.minutes_of(half_day), tuple(sessions)))
    return DatedPlan(day_dates, slots, periods, problems)

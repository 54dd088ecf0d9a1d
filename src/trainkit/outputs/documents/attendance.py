"""Feuilles d'émargement: one page per day in the room, a signature per half-day (R6332-26).

Intersession periods are not days in the room and get no sheet. With a start date,
day 1 is that date and each following day of the same part is the next working day
(weekends and French public holidays skipped); a part after an intersession is dated
only from its own start date (`part_starts`), since the gap between parts is the
training body's choice; otherwise the date is left blank, to be filled by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ...model.curriculum import Curriculum
from ...model.module import Module, Session
from ...model.offer import format_date, offer_for
from ...model.plan import HALF_DAYS, Plan, plan_of
from .participants import Participant
from .render import DocumentError, Rendered, base_dir_for, make_environment, render_pdf, write_atomically

DEFAULT_BLANK_ROWS = 12  # when neither a participants list nor `offer.group_size.max` says how many
BLANK_TRAINER_ROWS = 2


class ScheduleError(DocumentError):
    """Dates that do not fit the module's parts."""


def _easter(year: int) -> dt.date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def french_public_holidays(year: int) -> set[dt.date]:
    easter = _easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [easter + dt.timedelta(days=n) for n in (1, 39, 50)]  # Easter Monday, Ascension, Whit Monday
    return {dt.date(year, m, d) for m, d in fixed} | set(movable)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in french_public_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def day_dates(plan: Plan, start: dt.date | None, part_starts: list[dt.date]) -> dict[int, dt.date | None]:
    """Day number → its date (None: to be filled by hand)."""
    parts = plan.parts
    if len(part_starts) > len(parts) - 1:
        raise ScheduleError(
            f"le module a {len(parts)} partie{'s' if len(parts) > 1 else ''} : "
            f"{len(part_starts)} date{'s' if len(part_starts) > 1 else ''} de début de partie, "
            f"c'est {len(part_starts) - (len(parts) - 1)} de trop (--part-start sert aux parties 2 et suivantes)"
        )
    dates: dict[int, dt.date | None] = {}
    previous_end: dt.date | None = None
    for index, part in enumerate(parts):
        current = start if index == 0 else (part_starts[index - 1] if index - 1 < len(part_starts) else None)
        if current is not None and previous_end is not None and current <= previous_end:
            raise ScheduleError(
                f"la partie {part.number} commencerait le {format_date(current)}, alors que la partie "
                f"{part.number - 1} se termine le {format_date(previous_end)} : choisissez une date après"
            )
        for position, day in enumerate(part.days):
            if current is not None and position > 0:
                current = next_working_day(current)
            dates[day.number] = current
        previous_end = current
    return dates


@dataclass(frozen=True)
class HalfDaySheet:
    name: str  # « matin », « après-midi »
    sessions: list[Session]
    minutes: int
    hours: str | None  # « 9h00 – 12h30 » when the offer gives them


@dataclass(frozen=True)
class DaySheet:
    number: int
    part: int
    date: str | None
    half_days: list[HalfDaySheet]


def day_sheets(curriculum: Curriculum, module: Module, dates: dict[int, dt.date | None]) -> list[DaySheet]:
    offer = offer_for(curriculum.programme, module)
    hours = {"matin": offer.hours.morning, "après-midi": offer.hours.afternoon} if offer.hours else {}
    sheets = []
    for part in plan_of(module).parts:
        for day in part.days:
            when = dates.get(day.number)
            half_days = [HalfDaySheet(name, day.half_days[name], day.minutes_of(name), hours.get(name))
                         for name in HALF_DAYS]
            sheets.append(DaySheet(day.number, part.number, format_date(when, weekday=True) if when else None,
                                   half_days))
    return sheets


def attendance_path(dist_dir: Path, module: Module) -> Path:
    return dist_dir / f"{module.id}-emargement.pdf"


def render_attendance(
    curriculum: Curriculum,
    module: Module,
    *,
    participants: list[Participant] | None = None,
    start: dt.date | None = None,
    part_starts: list[dt.date] | None = None,
    templates_dir: Path | None = None,
) -> Rendered:
    plan = plan_of(module)
    offer = offer_for(curriculum.programme, module)
    days = day_sheets(curriculum, module, day_dates(plan, start, list(part_starts or [])))
    blank_rows = 0 if participants else (offer.group_size.max if offer.group_size else DEFAULT_BLANK_ROWS)
    html = make_environment(templates_dir).get_template("emargement.html.j2").render(
        programme=curriculum.programme,
        module=module,
        offer=offer,
        days=days,
        total_days=len(plan.days),
        participants=participants or [],
        blank_rows=blank_rows,
        trainers=offer.trainers,
        blank_trainer_rows=0 if offer.trainers else BLANK_TRAINER_ROWS,
        location=offer.locations[0] if len(offer.locations) == 1 else None,
    )
    return render_pdf(html, base_dir_for(templates_dir))


def write_attendance(
    curriculum: Curriculum,
    module: Module,
    dist_dir: Path,
    *,
    participants: list[Participant] | None = None,
    start: dt.date | None = None,
    part_starts: list[dt.date] | None = None,
    templates_dir: Path | None = None,
) -> tuple[Path, Rendered]:
    rendered = render_attendance(curriculum, module, participants=participants, start=start,
                                 part_starts=part_starts, templates_dir=templates_dir)
    return write_atomically(attendance_path(dist_dir, module), rendered.pdf), rendered

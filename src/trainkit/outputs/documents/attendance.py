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

from ...model.calendar import next_working_day
from ...model.curriculum import Curriculum
from ...model.module import Module, Session
from ...model.offer import Hours, Location, Trainer, format_date, offer_for
from ...model.plan import HALF_DAYS, Intersession, Part, Plan, plan_of
from ...model.delivery import Participant
from .render import DocumentError, Rendered, base_dir_for, make_environment, render_pdf, write_atomically

DEFAULT_BLANK_ROWS = 12  # when neither a participants list nor `offer.group_size.max` says how many
BLANK_TRAINER_ROWS = 2


class ScheduleError(DocumentError):
    """Dates that do not fit the module's parts."""


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


@dataclass(frozen=True)
class IntersessionSheet:
    """The evidence of intersession work: what each learner hands in, and the trainer's check."""

    number: int
    sessions: list[Session]
    minutes: int
    period: str | None  # « entre le 12 janvier 2027 et le 8 février 2027 »


def day_sheets(module: Module, dates: dict[int, dt.date | None], hours: Hours | None) -> list[DaySheet]:
    by_half = {"matin": hours.morning, "après-midi": hours.afternoon} if hours else {}
    sheets = []
    for part in plan_of(module).parts:
        for day in part.days:
            when = dates.get(day.number)
            half_days = [HalfDaySheet(name, day.half_days[name], day.minutes_of(name), by_half.get(name))
                         for name in HALF_DAYS]
            sheets.append(DaySheet(day.number, part.number, format_date(when, weekday=True) if when else None,
                                   half_days))
    return sheets


def intersession_sheets(module: Module, dates: dict[int, dt.date | None]) -> list[IntersessionSheet]:
    plan = plan_of(module)
    sheets = []
    for index, block in enumerate(plan.blocks):
        if not isinstance(block, Intersession):
            continue
        before, after = plan.blocks[index - 1] if index else None, plan.blocks[index + 1] if index + 1 < len(plan.blocks) else None
        start = dates.get(before.days[-1].number) if isinstance(before, Part) and before.days else None
        end = dates.get(after.days[0].number) if isinstance(after, Part) and after.days else None
        period = f"entre le {format_date(start)} et le {format_date(end)}" if start and end else None
        sheets.append(IntersessionSheet(block.number, block.sessions, block.minutes, period))
    return sheets


def attendance_path(dist_dir: Path, module: Module) -> Path:
    return dist_dir / f"{module.id}-emargement.pdf"


def attendance_html(
    curriculum: Curriculum,
    module: Module,
    *,
    dates: dict[int, dt.date | None],
    participants: list[Participant] | None = None,
    location: Location | None = None,
    trainers: list[Trainer] | None = None,
    hours: Hours | None = None,
    session_title: str | None = None,
    example: bool = False,
    templates_dir: Path | None = None,
) -> str:
    """The sheets as HTML: a page per day in the room, then a page per intersession."""
    plan = plan_of(module)
    offer = offer_for(curriculum.programme, module)
    trainers = trainers if trainers is not None else offer.trainers
    if location is None and len(offer.locations) == 1:
        location = offer.locations[0]
    blank_rows = 0 if participants else (offer.group_size.max if offer.group_size else DEFAULT_BLANK_ROWS)
    return make_environment(templates_dir).get_template("emargement.html.j2").render(
        programme=curriculum.programme,
        module=module,
        offer=offer,
        days=day_sheets(module, dates, hours or offer.hours),
        intersessions=intersession_sheets(module, dates),
        total_days=len(plan.days),
        participants=participants or [],
        blank_rows=blank_rows,
        trainers=trainers,
        blank_trainer_rows=0 if trainers else BLANK_TRAINER_ROWS,
        location=location,
        session_title=session_title,
        example=example,
    )


def render_attendance(
    curriculum: Curriculum,
    module: Module,
    *,
    participants: list[Participant] | None = None,
    start: dt.date | None = None,
    part_starts: list[dt.date] | None = None,
    templates_dir: Path | None = None,
) -> Rendered:
    dates = day_dates(plan_of(module), start, list(part_starts or []))
    html = attendance_html(curriculum, module, dates=dates, participants=participants, templates_dir=templates_dir)
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

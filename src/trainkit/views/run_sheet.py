"""The trainer's run sheet of a session (« fiche séance »): what to do, when, with what.

Computed once from the validated module and its timetable; the trainer site shows it as a
page and the documents output prints it on one A4 page. Clock times of the activities run
from the session's start (its slot in the timetable), in the order the author wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import METHOD_LABELS, format_minutes
from ..model.module import Activity, Module, Resource, Session
from .timetable import Slot, Timetable, span


@dataclass(frozen=True)
class TimedActivity:
    activity: Activity
    start: int | None  # minutes since midnight; None for intersession work
    end: int | None

    @property
    def times(self) -> str:
        return span(self.start, self.end)

    @property
    def duration(self) -> str:
        return format_minutes(self.activity.duration)


@dataclass(frozen=True)
class RunSheet:
    module: Module
    session: Session
    slot: Slot
    count: int  # sessions in the module: « séquence 3 sur 12 »
    methods: tuple[str, ...]
    objectives: tuple[str, ...]  # statements, not ids
    activities: tuple[TimedActivity, ...]
    materials: tuple[str, ...]
    questions: tuple[str, ...]
    vigilance: tuple[str, ...]  # Markdown
    resources: tuple[Resource, ...]
    notes: str | None  # the rest of the trainer's notes (Markdown)

    @property
    def when(self) -> str:
        """« Jour 2 matin · 9h00–10h30 », or « Intersession 1 »."""
        return f"{self.slot.position} · {self.slot.times}" if self.slot.times else self.slot.position


def run_sheet(module: Module, session: Session, table: Timetable) -> RunSheet:
    slot = table.slot(session)
    statements = module.objective_ids()
    guide = session.trainer_guide
    timed: list[TimedActivity] = []
    start = slot.start
    for activity in guide.activities if guide else []:
        end = start + activity.duration if start is not None else None
        timed.append(TimedActivity(activity, start, end))
        start = end
    return RunSheet(
        module=module,
        session=session,
        slot=slot,
        count=len(module.sessions),
        methods=tuple(METHOD_LABELS.get(m, m) for m in session.methods),
        objectives=tuple(statements[ref].text for ref in session.objectives if ref in statements),
        activities=tuple(timed),
        materials=tuple(guide.materials) if guide else (),
        questions=tuple(guide.questions) if guide else (),
        vigilance=tuple(guide.vigilance) if guide else (),
        resources=tuple(session.resources),
        notes=session.trainer_notes,
    )


def run_sheets(module: Module, table: Timetable) -> list[RunSheet]:
    return [run_sheet(module, session, table) for session in module.sessions]


RUN_SHEETS_FOLDER = "fiches-seance"  # dist/fiches-seance/<module>/01-<session>.pdf


def is_run_sheet_file(path: Path) -> bool:
    """A session's own run sheet (`fiches-seance/<module>/01-<session>.pdf`)."""
    return path.parent.parent.name == RUN_SHEETS_FOLDER


def run_sheet_file_name(number: int, session: Session) -> str:
    """« 03-acteurs-dispositifs.pdf »: sorted as the module runs."""
    return f"{number:02d}-{session.id}.pdf"

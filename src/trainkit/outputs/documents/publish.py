"""Everything `trainkit build` writes as PDF, laid out on every core.

The programmes, run sheets, handouts and session documents are independent renders of a few
seconds each: on two cores they take half the time (the bundled curriculum: 17 s of PDFs in
about 9). Each task writes its own files atomically; the results come back in a fixed order, so
the build lists the same paths whatever the number of processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model.curriculum import Curriculum
from ...views.handouts import handout_paths
from .handouts import write_handout
from .programme import write_programme
from .run_sheet import write_run_sheets
from .session import SessionDocuments, write_session_documents
from .workers import map_in_processes, process_count


@dataclass
class PublishedDocuments:
    documents: list[Path] = field(default_factory=list)  # public programmes, then the trainers' documents
    printables: dict[str, Path] = field(default_factory=dict)  # handout (curriculum-relative) → its A4 PDF
    sessions: list[SessionDocuments] = field(default_factory=list)  # one per session, in id order
    processes: int = 1  # how many processes laid them out


_Task = tuple[str, str, Path, Path | None]  # kind, what (module id, handout path, session id), dist, templates


def _run(curriculum: Curriculum, task: _Task) -> Any:
    kind, what, dist_dir, templates_dir = task
    if kind == "session":
        return write_session_documents(curriculum, what, dist_dir, templates_dir=templates_dir)
    if kind == "handout":
        return write_handout(curriculum, what, dist_dir, templates_dir=templates_dir)
    module = next(m for m in curriculum.modules if m.id == what)
    if kind == "run-sheets":
        return write_run_sheets(curriculum, module, dist_dir, templates_dir=templates_dir)
    return [write_programme(curriculum, module, dist_dir, trainer=kind == "trainer-programme",
                            templates_dir=templates_dir)[0]]


def publish_documents(curriculum: Curriculum, dist_dir: Path, templates_dir: Path | None = None, *,
                      jobs: int | None = None) -> PublishedDocuments:
    """Every module's public and trainers' programme and run sheets, every Markdown handout as a PDF, and
    every session's documents (`TRAINKIT_JOBS=1`: in this process)."""
    modules = [m.id for m in curriculum.modules]
    # The longest first: a core never waits at the end for the other to finish a long one.
    tasks: list[_Task] = [
        *[("session", d, dist_dir, templates_dir) for d in sorted(curriculum.deliveries)],
        *[("run-sheets", m, dist_dir, templates_dir) for m in modules],
        *[("trainer-programme", m, dist_dir, templates_dir) for m in modules],
        *[("programme", m, dist_dir, templates_dir) for m in modules],
        *[("handout", h, dist_dir, templates_dir) for h in handout_paths(curriculum)],
    ]
    processes = process_count(len(tasks), jobs)
    results = dict(zip(tasks, map_in_processes(_run, curriculum, tasks, processes)))  # distinct tuples
    published = PublishedDocuments(processes=processes)
    published.documents = [path for task in tasks if task[0] == "programme" for path in results[task]]
    for kind in ("trainer-programme", "run-sheets"):
        published.documents += [path for task in tasks if task[0] == kind for path in results[task]]
    published.printables = {task[1]: results[task] for task in tasks
                            if task[0] == "handout" and results[task] is not None}
    published.sessions = [results[task] for task in tasks if task[0] == "session"]
    return published


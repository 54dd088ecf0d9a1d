"""The documents of one session delivered, in `dist/sessions/<id>/`.

Before the session: a convocation per participant, the attendance sheets pre-filled with dates
and names (a page per day, one per intersession), a convention per buyer with the programme
attached. Once attendance is recorded: a certificat de réalisation and an attestation de fin de
formation per participant, and `heures-realisees.csv`. Documents of one kind are laid out in
one render and split into one PDF per person. The folder is written beside its place and moved
in at the end: a failure leaves the previous folder as it was.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model.curriculum import Curriculum
from ...model.delivery import BUYER_KIND_LABELS, CATEGORY_LABELS
from ...model.offer import evaluation_modalities
from ...views.delivery import DeliveryView, delivery_view, hours_decimal
from ...views.programme import programme_sheet
from .attendance import attendance_html
from .programme import programme_html
from .render import base_dir_for, make_environment, pdf_bytes, render_document, split_by_anchor
from .workers import map_in_processes, process_count

SESSIONS_DIR = "sessions"
# What `trainkit documents session` writes; the benchmark asks for the per-person ones only.
KINDS = ("convocations", "emargement", "conventions", "certificats", "attestations", "heures")
AFTER_SESSION = {"certificats", "attestations", "heures"}


@dataclass
class SessionDocuments:
    folder: Path
    written: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    refused_urls: list[str] = field(default_factory=list)


def session_folder(dist_dir: Path, delivery_id: str) -> Path:
    return dist_dir / SESSIONS_DIR / delivery_id


class _Writer:
    def __init__(self, view: DeliveryView, folder: Path, templates_dir: Path | None) -> None:
        self.view, self.folder, self.templates_dir = view, folder, templates_dir
        self.env = make_environment(templates_dir)
        self.base_dir = base_dir_for(templates_dir)
        self.written: list[Path] = []
        self.refused: list[str] = []
        module = view.module
        self.context: dict[str, Any] = dict(
            view=view, programme=view.programme, provider=view.programme.provider,
            mode=programme_sheet_mode(view), kind_labels=BUYER_KIND_LABELS,
            evaluation_lines=evaluation_modalities(module, view.offer),
            intersession_planned=sum(s.minutes for s in view.intersession_slots),
        )

    def _render(self, template: str, **extra: Any) -> Any:
        html = self.env.get_template(template).render(**self.context, **extra)
        document, refused = render_document(html, self.base_dir)
        self.refused += refused
        return document

    def _save(self, name: str, data: bytes) -> None:
        path = self.folder / name
        path.write_bytes(data)
        self.written.append(path)

    def per_person(self, template: str, prefix: str, title: str, attendees: list, **extra: Any) -> None:
        if not attendees:
            return
        anchors = [f"doc-{index + 1}" for index in range(len(attendees))]
        document = self._render(template, anchors=anchors, people=attendees, **extra)
        pages = split_by_anchor(document, anchors)
        for anchor, person in zip(anchors, attendees):
            self._save(f"{prefix}-{person.file_stem}.pdf", pdf_bytes(document, pages[anchor], f"{title} — {person.name}"))

    def convocations(self) -> None:
        self.per_person("convocation.html.j2", "convocation", "Convocation", self.view.attendees)

    def certificats(self) -> None:
        view = self.view
        room = {s.key for s in view.room_slots}
        def minutes(attendee, keys):
            return sum(m.minutes for key, m in attendee.marks.items() if key in keys)
        inter = {s.key for s in view.intersession_slots}
        people = view.completers
        self.per_person("certificat-realisation.html.j2", "certificat-realisation", "Certificat de réalisation",
                        people, minutes_done=[view.minutes_done(a) for a in people],
                        room_minutes=[minutes(a, room) for a in people],
                        intersession_minutes=[minutes(a, inter) for a in people])

    def attestations(self) -> None:
        view = self.view
        people = view.completers
        self.per_person("attestation-fin-formation.html.j2", "attestation-fin-formation", "Attestation de fin de formation",
                        people, minutes_done=[view.minutes_done(a) for a in people],
                        results=[view.result_text(a) for a in people])

    def emargement(self) -> None:
        view = self.view
        html = attendance_html(view.curriculum, view.module, dates=dict(view.plan.day_dates),
                               participants=[a.participant for a in view.attendees], location=view.place,
                               trainers=view.trainers, hours=view.hours, session_title=view.title,
                               example=view.example, templates_dir=self.templates_dir)
        document, refused = render_document(html, self.base_dir)
        self.refused += refused
        self._save("emargement.pdf", pdf_bytes(document, title=f"Feuilles d'émargement — {view.title}"))

    def conventions(self) -> None:
        view = self.view
        agreements = view.signed_agreements
        if not agreements:
            return
        anchors = [f"doc-{index + 1}" for index in range(len(agreements))]
        module = view.module
        audience = module.audience.priority.strip().splitlines()[0]
        prerequisites = "; ".join(module.prerequisites.knowledge) or "aucun"
        document = self._render("convention.html.j2", anchors=anchors, agreements=agreements,
                                audience=_plain(audience), prerequisites=prerequisites)
        pages = split_by_anchor(document, anchors)
        annex, refused = render_document(programme_html(view.curriculum, module,
                                                        templates_dir=self.templates_dir), self.base_dir)
        self.refused += refused
        for anchor, agreement in zip(anchors, agreements):
            merged = pages[anchor] + list(annex.pages)
            self._save(f"convention-{agreement.buyer.id}.pdf",
                       pdf_bytes(document, merged, f"Convention de formation — {agreement.buyer.name}"))

    def heures(self) -> None:
        """Hours per participant and half-day, for the funders and the BPF (UTF-8 with BOM, « ; »)."""
        view = self.view
        buffer = io.StringIO()
        out = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        out.writerow(["nom", "prénom", "structure", "financeur", "catégorie BPF",
                      *[slot.key for slot in view.plan.slots], "heures prévues", "heures réalisées", "résultat"])
        for attendee in view.attendees:
            out.writerow([attendee.participant.last_name, attendee.participant.first_name,
                          attendee.participant.employer or "", attendee.buyer.name, CATEGORY_LABELS[attendee.category],
                          *[f"{hours_decimal(attendee.marks[slot.key].minutes)} ({attendee.marks[slot.key].label})"
                            for slot in view.plan.slots],
                          hours_decimal(view.planned_minutes), hours_decimal(view.minutes_done(attendee)),
                          view.result_text(attendee) or ""])
        self._save("heures-realisees.csv", ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def programme_sheet_mode(view: DeliveryView) -> str:
    return programme_sheet(view.curriculum, view.module).mode


def _plain(markdown: str) -> str:
    return markdown.replace("**", "").replace("*", "").lstrip("-• ").strip()


def write_session_documents(
    curriculum: Curriculum,
    delivery_id: str,
    dist_dir: Path,
    *,
    templates_dir: Path | None = None,
    kinds: tuple[str, ...] = KINDS,
) -> SessionDocuments:
    """The session's documents; those of after the session only once its attendance is recorded in full."""
    view = delivery_view(curriculum, delivery_id)
    target = session_folder(dist_dir, delivery_id)
    result = SessionDocuments(target)
    wanted = list(kinds)
    if any(kind in AFTER_SESSION for kind in wanted):
        if view.attendance_recorded:
            view.require_complete_attendance("les certificats de réalisation et les attestations de fin de formation")
        else:
            wanted = [kind for kind in wanted if kind not in AFTER_SESSION]
            result.notices.append(
                f"session « {delivery_id} » : pas encore de présences saisies, donc ni certificats de réalisation, ni "
                "attestations de fin de formation, ni heures réalisées ; saisissez `attendance` après la session")
    for agreement in view.agreements:
        if not agreement.attendees:
            result.notices.append(f"session « {delivery_id} » : le financeur `{agreement.buyer.id}` ne finance aucun "
                                  "participant : aucune convention n'est écrite à son nom")
    if view.attendance_recorded and any(kind in wanted for kind in ("certificats", "attestations")):
        for attendee in view.no_shows:
            result.notices.append(f"session « {delivery_id} » : {attendee.name} n'a suivi aucune heure (absent à "
                                  "chaque demi-journée) : ni certificat de réalisation ni attestation de fin de "
                                  "formation à son nom")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{delivery_id}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    staging.mkdir()
    try:
        writer = _Writer(view, staging, templates_dir)
        for kind in KINDS:
            if kind in wanted:
                getattr(writer, kind)()
        _replace_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.written = [target / path.name for path in writer.written]
    result.refused_urls = writer.refused
    return result


def _replace_folder(staging: Path, target: Path) -> None:
    """Move `staging` to `target`; the old folder is moved aside first and removed once the new one is in."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old.{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_one(curriculum: Curriculum, task: tuple[str, Path, Path | None, tuple[str, ...]]) -> SessionDocuments:
    delivery_id, dist_dir, templates_dir, kinds = task
    return write_session_documents(curriculum, delivery_id, dist_dir, templates_dir=templates_dir, kinds=kinds)


def write_many_sessions(
    curriculum: Curriculum,
    delivery_ids: list[str],
    dist_dir: Path,
    *,
    templates_dir: Path | None = None,
    kinds: tuple[str, ...] = KINDS,
    jobs: int | None = None,
) -> list[SessionDocuments]:
    """Several sessions' documents, on all the cores (`TRAINKIT_JOBS=1`: one); each session folder is atomic."""
    tasks = [(delivery_id, dist_dir, templates_dir, kinds) for delivery_id in delivery_ids]
    return map_in_processes(_write_one, curriculum, tasks, process_count(len(tasks), jobs))

"""The programme de formation of one module, as the PDF and the site page both show it.

Every mention comes from the curriculum: the module, the programme, and the offer
merged from both (`offer_for`). Templates only lay these out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import format_minutes
from ..model.curriculum import Curriculum
from ..model.module import Module
from ..model.offer import Offer, delivery_mode, evaluation_modalities, format_date, methods_used, offer_for
from ..model.plan import Plan, plan_of
from ..model.programme import Programme

MODE_LABELS = {
    "présentiel": "Présentiel",
    "distanciel": "À distance (classe virtuelle)",
    "mixte": "Mixte : en présentiel et à distance",
}


def _days(count: int) -> str:
    return f"{count} jour{'s' if count > 1 else ''}"


@dataclass(frozen=True)
class ProgrammeSheet:
    programme: Programme
    module: Module
    offer: Offer
    plan: Plan
    prerequisite_modules: list[str]  # titles of the modules to follow first

    @property
    def mode(self) -> str:
        label = MODE_LABELS[delivery_mode(self.module)]
        if self.plan.intersessions:
            label += ", avec un travail personnel d'intersession"
        return label

    @property
    def duration(self) -> str:
        """« 28 h sur 4 jours en formation, et 6 h de travail d'intersession (34 h au total) »."""
        plan = self.plan
        text = f"{format_minutes(plan.room_minutes)} sur {_days(len(plan.days))} de formation"
        if plan.intersession_minutes:
            total = plan.room_minutes + plan.intersession_minutes
            text += (f", et {format_minutes(plan.intersession_minutes)} de travail d'intersession "
                     f"({format_minutes(total)} au total)")
        return text

    @property
    def rhythm(self) -> str:
        parts = self.plan.parts
        day = f"journées de {format_minutes(self.programme.day_length)}"
        if len(parts) == 1:
            days = len(parts[0].days)
            return f"{_days(days)}{' consécutifs' if days > 1 else ''} ({day})"
        sizes = " puis ".join(_days(len(p.days)) for p in parts)
        gaps = "une intersession" if len(parts) == 2 else "des intersessions"
        return f"{len(parts)} parties ({sizes}) séparées par {gaps} ({day})"

    @property
    def methods(self) -> list[str]:
        return methods_used(self.module)

    @property
    def evaluations(self) -> list[str]:
        return evaluation_modalities(self.module, self.offer)

    @property
    def updated(self) -> str | None:
        return format_date(self.offer.updated) if self.offer.updated else None

    @property
    def results(self) -> list[str]:
        return self.offer.results.lines() if self.offer.results else []


def programme_sheet(curriculum: Curriculum, module: Module) -> ProgrammeSheet:
    titles = {m.id: m.title for m in curriculum.modules}
    return ProgrammeSheet(
        programme=curriculum.programme,
        module=module,
        offer=offer_for(curriculum.programme, module),
        plan=plan_of(module),
        prerequisite_modules=[titles.get(ref, ref) for ref in module.prerequisites.modules],
    )

"""The bilan pédagogique et financier (cerfa 10443), cadre F: learners and learner-hours of one year.

A learner counts in the year if they completed hours in it; hours count in the year of the
half-day they were done in (an intersession: the day the next part starts). A session is
counted once per participant, so a person trained twice counts twice, as the cerfa asks
(« nombre de stagiaires » counts training actions followed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.curriculum import Curriculum
from ..model.delivery_plan import Slot
from ..model.offer import offer_for
from .delivery import AttendanceIncomplete, DeliveryView, delivery_view

# Cadre F-1, in the cerfa's order, with its letters.
F1_LINES = [("a", "salarie-prive"), ("b", "apprenti"), ("c", "demandeur-emploi"), ("d", "particulier"), ("e", "autre")]
# Cadre F-3 (objectif général des prestations dispensées).
F3_LINES = [
    ("a", "rncp", "Formations visant un diplôme, un titre à finalité professionnelle ou un certificat de qualification "
                  "professionnelle enregistré au Répertoire national des certifications professionnelles (RNCP)"),
    ("b", "rs", "Formations visant une certification (dont CQP) ou une habilitation enregistrée au répertoire spécifique (RS)"),
    ("c", "cqp", "Formations visant un CQP non enregistré au RNCP ou au RS"),
    ("d", "autre", "Autres formations professionnelles"),
    ("e", "bilan", "Bilans de compétences"),
    ("f", "vae", "Actions d'accompagnement à la validation des acquis de l'expérience"),
]


@dataclass
class Tally:
    learners: int = 0
    minutes: int = 0

    def add(self, minutes: int) -> None:
        self.learners += 1
        self.minutes += minutes


@dataclass
class BpfFigures:
    year: int
    sessions: list[str] = field(default_factory=list)
    by_category: dict[str, Tally] = field(default_factory=lambda: {key: Tally() for _, key in F1_LINES})
    distance: Tally = field(default_factory=Tally)
    by_objective: dict[str, Tally] = field(default_factory=lambda: {key: Tally() for _, key, _ in F3_LINES})
    by_specialty: dict[str, Tally] = field(default_factory=dict)

    @property
    def total(self) -> Tally:
        return Tally(sum(t.learners for t in self.by_category.values()), sum(t.minutes for t in self.by_category.values()))


def bpf_figures(curriculum: Curriculum, year: int) -> BpfFigures:
    """The year's figures from every session with days in it; AttendanceIncomplete when one lacks records."""
    figures = BpfFigures(year)
    for delivery_id in sorted(curriculum.deliveries):
        view = delivery_view(curriculum, delivery_id)
        slots = [s for s in view.plan.slots if _slot_year(view, s) == year]
        if not slots:
            continue
        missing = [(slot, people) for slot, people in view.missing_records() if slot in slots]
        if missing:
            slot, people = missing[0]
            raise AttendanceIncomplete(
                f"bilan {year} : la session « {delivery_id} » n'a pas de présences saisies pour {slot.key} "
                f"({', '.join(a.name for a in people)}{' et d' + chr(39) + 'autres demi-journées' if len(missing) > 1 else ''}) ; "
                f"saisissez-les dans sessions/{delivery_id}.yml (`attendance`) : aucune heure n'est supposée")
        figures.sessions.append(delivery_id)
        offer = offer_for(curriculum.programme, view.module)
        for attendee in view.attendees:
            minutes = view.minutes_done(attendee, year=year)
            if minutes == 0:
                continue  # no hours this year: not a learner of this year
            figures.by_category[attendee.category].add(minutes)
            figures.by_objective[offer.bpf_objective].add(minutes)
            figures.by_specialty.setdefault(offer.nsf or "Spécialité non renseignée (offer.nsf)", Tally()).add(minutes)
            if view.distance:
                figures.distance.add(minutes)
    return figures


def _slot_year(view: DeliveryView, slot: Slot) -> int | None:
    when = view.slot_date(slot)
    return when.year if when else None

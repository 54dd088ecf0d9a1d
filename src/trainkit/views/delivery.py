"""A session delivered, as its documents show it: dated plan, people, hours completed, results.

Computed once from the validated curriculum (`delivery_view`); every session document and
the BPF read it. Hours completed come only from the attendance recorded: a half-day with no
record is never counted as done nor as missed — asking for hours then raises
`AttendanceIncomplete`, naming the people and half-days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import TrainkitError
from ..model.common import format_minutes
from ..model.curriculum import Curriculum
from ..model.delivery import CATEGORY_LABELS, Buyer, Delivery, Participant, name_key
from ..model.delivery_plan import DatedPlan, Slot, dated_plan
from ..model.evaluation import Evaluation
from ..model.module import Module
from ..model.offer import Hours, Location, Offer, Price, Trainer, delivery_mode, format_date, format_number, offer_for
from ..model.programme import Programme
from ..model.common import slugify

STATUS_LABELS = {"present": "présent", "partial": "présent en partie", "absent": "absent", "excused": "absent excusé"}


class AttendanceIncomplete(TrainkitError):
    """Hours were asked for while some half-days have no attendance recorded."""


@dataclass(frozen=True)
class Mark:
    status: str  # present, partial, absent, excused
    minutes: int

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Attendee:
    participant: Participant
    buyer: Buyer
    category: str
    file_stem: str  # « durand-lea », unique in the session
    marks: dict[str, Mark] = field(default_factory=dict)  # slot key → what was recorded
    scores: dict[str, float] = field(default_factory=dict)  # evaluation id → %

    @property
    def name(self) -> str:
        return self.participant.name

    @property
    def category_label(self) -> str:
        return CATEGORY_LABELS[self.category]


@dataclass
class BuyerAgreement:
    buyer: Buyer
    attendees: list[Attendee]
    price: Price | None  # the agreed price
    total: float | None

    def price_text(self) -> str:
        if self.price is None or self.price.amount is None:
            return "sur devis"
        return f"{format_number(self.price.amount)}\u00a0€ {self.price.tax} par {self.price.per}"


@dataclass
class DeliveryView:
    id: str
    delivery: Delivery
    module: Module
    programme: Programme
    offer: Offer
    plan: DatedPlan
    place: Location | None
    hours: Hours | None
    trainers: list[Trainer]
    attendees: list[Attendee]
    agreements: list[BuyerAgreement]
    curriculum: Curriculum = field(repr=False, default=None)  # type: ignore[assignment]

    @property
    def title(self) -> str:
        return self.delivery.title or self.module.title

    @property
    def example(self) -> bool:
        return self.delivery.example

    @property
    def first_day(self) -> dt.date:
        assert self.plan.first_day is not None
        return self.plan.first_day

    @property
    def last_day(self) -> dt.date:
        assert self.plan.last_day is not None
        return self.plan.last_day

    @property
    def period(self) -> str:
        return f"du {format_date(self.first_day)} au {format_date(self.last_day)}"

    @property
    def room_slots(self) -> list[Slot]:
        return [s for s in self.plan.slots if s.in_room]

    @property
    def intersession_slots(self) -> list[Slot]:
        return [s for s in self.plan.slots if not s.in_room]

    @property
    def days(self) -> list[tuple[int, dt.date, list[Slot]]]:
        """(day number, date, its half-day slots), in order."""
        by_day: dict[int, list[Slot]] = {}
        for slot in self.room_slots:
            by_day.setdefault(slot.day or 0, []).append(slot)
        return [(number, self.plan.day_dates[number], slots) for number, slots in by_day.items()]

    @property
    def planned_minutes(self) -> int:
        return self.plan.planned_minutes

    @property
    def attendance_recorded(self) -> bool:
        return bool(self.delivery.attendance)

    @property
    def distance(self) -> bool:
        """In whole or in part at a distance (BPF): remote sessions, or intersession work."""
        return delivery_mode(self.module) != "présentiel" or bool(self.intersession_slots)

    def missing_records(self) -> list[tuple[Slot, list[Attendee]]]:
        missing = []
        for slot in self.plan.slots:
            people = [a for a in self.attendees if slot.key not in a.marks]
            if people:
                missing.append((slot, people))
        return missing

    def require_complete_attendance(self, what: str) -> None:
        missing = self.missing_records()
        if not missing:
            return
        lines = []
        for slot, people in missing[:6]:
            who = "tous les participants" if len(people) == len(self.attendees) else ", ".join(a.name for a in people)
            lines.append(f"{slot.key} : {who}")
        more = f" (et {len(missing) - 6} autres demi-journées)" if len(missing) > 6 else ""
        raise AttendanceIncomplete(
            f"session « {self.id} » : {what} demandent les présences de chaque demi-journée ; il en manque pour "
            + " ; ".join(lines) + more
            + ". Saisissez-les dans `attendance` du fichier sessions/" + self.id + ".yml (d'après les feuilles "
            "signées) ; aucune heure n'est supposée faite ni manquée."
        )

    @property
    def completers(self) -> list[Attendee]:
        """Who followed some of the action: a certificate or an attestation of 0 h would certify nothing."""
        return [a for a in self.attendees if self.minutes_done(a) > 0]

    @property
    def no_shows(self) -> list[Attendee]:
        return [a for a in self.attendees if a.marks and self.minutes_done(a) == 0]

    @property
    def signed_agreements(self) -> list[BuyerAgreement]:
        """The agreements that fund someone: a convention for nobody is not written."""
        return [a for a in self.agreements if a.attendees]

    def minutes_done(self, attendee: Attendee, *, year: int | None = None) -> int:
        """Minutes completed (room and intersession), optionally only those of one calendar year."""
        total = 0
        for slot in self.plan.slots:
            mark = attendee.marks.get(slot.key)
            if mark is None:
                continue
            when = self.slot_date(slot)
            if year is None or (when is not None and when.year == year):
                total += mark.minutes
        return total

    def slot_date(self, slot: Slot) -> dt.date | None:
        """The half-day's date; an intersession's work is dated the day the next part starts."""
        if slot.date is not None:
            return slot.date
        period = self.plan.intersession_periods.get(slot.intersession or 0)
        return period[1] if period else None

    def intersession_period(self, slot: Slot) -> str:
        period = self.plan.intersession_periods.get(slot.intersession or 0)
        if period is None:
            return ""
        return f"entre le {format_date(period[0])} et le {format_date(period[1])}"

    @property
    def final_evaluation(self) -> Evaluation | None:
        return next((e for e in self.module.evaluations if e.kind == "finale"), None)

    def result_text(self, attendee: Attendee) -> str | None:
        """« 85 % : objectifs atteints (seuil 70 %) », for the attestation; None without a final evaluation."""
        evaluation = self.final_evaluation
        if evaluation is None:
            return None
        score = attendee.scores.get(evaluation.id)
        if score is None:
            return "évaluation finale non passée"
        policy = evaluation.policy
        text = f"{format_number(score)}\u00a0% de réussite à l'évaluation finale"
        if policy.pass_mark is not None:
            reached = score >= policy.pass_mark
            text += (f" : {'acquis' if reached else 'non acquis'} (seuil de réussite "
                     f"{format_number(policy.pass_mark)}\u00a0%)")
        return text

    def hours_text(self, minutes: int) -> str:
        return format_minutes(minutes)


def hours_decimal(minutes: int) -> str:
    """« 24,5 » hours, the way the certificat de réalisation asks for them."""
    return format_number(round(minutes / 60, 2))


def _marks(delivery: Delivery, plan: DatedPlan, attendees: dict[str, Attendee]) -> None:
    for record in delivery.attendance:
        slot = plan.slot(record.half_day)
        if slot is None:
            continue  # reported by the rules
        named: set[str] = set()
        for status, names in (("absent", record.absent), ("excused", record.excused)):
            for name in names:
                if (attendee := attendees.get(name_key(name))) is not None:
                    attendee.marks[slot.key] = Mark(status, 0)
                    named.add(attendee.name)
        for name, minutes in record.partial.items():
            if (attendee := attendees.get(name_key(name))) is not None:
                attendee.marks[slot.key] = Mark("partial", min(minutes, slot.minutes))
                named.add(attendee.name)
        present = attendees.values() if record.present == "tous" else (
            attendees[key] for key in (name_key(n) for n in record.present) if key in attendees)
        for attendee in present:
            if attendee.name not in named:
                attendee.marks[slot.key] = Mark("present", slot.minutes)


def _agreed_price(buyer: Buyer, offer: Offer) -> Price | None:
    if buyer.amount is not None:
        return Price(label="Prix convenu", amount=buyer.amount, per=buyer.per, tax=buyer.tax)
    return next((p for p in offer.prices if p.amount is not None and p.per == "stagiaire"),
                next((p for p in offer.prices if p.amount is not None), None))


def _total(price: Price | None, attendees: int, plan: DatedPlan) -> float | None:
    if price is None or price.amount is None:
        return None
    factor = {"stagiaire": attendees, "groupe": 1, "jour": len(plan.day_dates),
              "heure": plan.planned_minutes / 60}[price.per]
    return round(price.amount * factor, 2)


def delivery_view(curriculum: Curriculum, delivery_id: str) -> DeliveryView:
    """The session `delivery_id` of the validated curriculum; a TrainkitError naming the known ones otherwise."""
    delivery = curriculum.deliveries.get(delivery_id)
    if delivery is None:
        known = ", ".join(sorted(curriculum.deliveries)) or "aucune (ajoutez un fichier dans sessions/)"
        raise TrainkitError(f"session « {delivery_id} » inconnue (sessions du curriculum : {known})")
    module = curriculum.module(delivery.module)
    offer = offer_for(curriculum.programme, module)
    plan = dated_plan(module, delivery)
    buyers = {b.id: b for b in delivery.buyers}
    attendees: dict[str, Attendee] = {}
    stems: set[str] = set()
    for person in delivery.people:
        buyer = buyers[person.buyer] if person.buyer else delivery.buyers[0]
        stem = slugify(f"{person.last_name} {person.first_name}")
        while stem in stems:
            stem += "-2"
        stems.add(stem)
        attendees[name_key(person.name)] = Attendee(person, buyer, person.category or buyer.category or "autre", stem)
    _marks(delivery, plan, attendees)
    for entry in delivery.results:
        for name, score in entry.scores.items():
            if (attendee := attendees.get(name_key(name))) is not None:
                attendee.scores[entry.evaluation] = score
    people = list(attendees.values())
    agreements = []
    for buyer in delivery.buyers:
        funded = [a for a in people if a.buyer.id == buyer.id]
        price = _agreed_price(buyer, offer)
        agreements.append(BuyerAgreement(buyer, funded, price, _total(price, len(funded), plan)))
    place = delivery.place or (offer.locations[0] if len(offer.locations) == 1 else None)
    return DeliveryView(delivery_id, delivery, module, curriculum.programme, offer, plan, place,
                        delivery.hours or offer.hours, delivery.trainers or offer.trainers, people, agreements,
                        curriculum)

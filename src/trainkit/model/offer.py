"""What a training body publishes about each training it sells (« l'offre de formation »).

`offer:` in `programme.yml` holds what every module shares; `offer:` in a module
replaces, key by key, what differs for that module. The Qualiopi mentions that the
rest of the format already carries (public, objectives, duration, content, methods,
contacts) are not repeated here; `MENTIONS` lists those this file adds, which
`trainkit validate` requires when the programme declares `qualiopi: true`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Callable, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from .common import WHOLE, Markdown, StrictModel, Text

if TYPE_CHECKING:
    from .module import Module
    from .programme import Programme

# --- dates, written the way French documents write them -----------------------------------

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_FRENCH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_MONTH, _DAY = r"(?:0?[1-9]|1[0-2])", r"(?:0?[1-9]|[12]\d|3[01])"
DATE_PATTERN = rf"^\s*(\d{{4}}-{_MONTH}-{_DAY}|{_DAY}/{_MONTH}/\d{{4}})\s*$"


def parse_date(value: object) -> dt.date:
    """« 2026-10-01 » or « 01/10/2026 » → a date; a French message for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    iso, french = _ISO_DATE.match(text), _FRENCH_DATE.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif french:
        day, month, year = (int(g) for g in french.groups())
    else:
        raise ValueError(f"date « {text} » illisible : écrivez-la « 2026-10-01 » ou « 01/10/2026 »")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"la date « {text} » n'existe pas dans le calendrier") from None


FrenchDate = Annotated[
    dt.date,
    BeforeValidator(parse_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "Date : « 2026-10-01 » ou « 01/10/2026 ».",
            "examples": ["2026-10-01", "01/10/2026"],
        }
    ),
]

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def format_date(day: dt.date, *, weekday: bool = False) -> str:
    """« 1er octobre 2026 », or « jeudi 1er octobre 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def format_number(value: float) -> str:
    """1120 → « 1 120 », 94.5 → « 94,5 » (French separators, no-break space for thousands)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    whole, _, decimals = f"{value:,.2f}".partition(".")
    decimals = decimals.rstrip("0")
    return whole.replace(",", "\u00a0") + ("," + decimals if decimals else "")


# --- the offer -------------------------------------------------------------------------------

Percent = Annotated[float, Field(ge=0, le=100)]

BpfObjective = Literal["rncp", "rs", "cqp", "autre", "bilan", "vae"]
PriceUnit = Literal["stagiaire", "groupe", "jour", "heure"]
Tax = Literal["net de taxe", "HT", "TTC"]


class Price(StrictModel):
    """One price of the offer: individual registration, in-house session…"""

    label: Text = Field(
        description="Intitulé du tarif.", examples=["Inscription individuelle", "Session intra-établissement"]
    )
    amount: Annotated[float, Field(ge=0)] | None = Field(
        None, description="Montant en euros. Sans montant, le tarif s'affiche « sur devis »."
    )
    per: PriceUnit = Field("stagiaire", description="Le montant s'entend par stagiaire, par groupe, par jour ou par heure.")
    tax: Tax = Field(
        "net de taxe",
        description="« net de taxe » (organisme exonéré de TVA, article 261-4-4° du CGI), « HT » ou « TTC ».",
    )
    note: Text | None = Field(None, description="Précision : ce que le tarif comprend, prise en charge possible…")

    def text(self) -> str:
        """« Inscription individuelle : 1 120 € net de taxe par stagiaire »."""
        if self.amount is None:
            value = "sur devis"
        else:
            value = f"{format_number(self.amount)}\u00a0€ {self.tax} par {self.per}"
        return f"{self.label} : {value}"


class Location(StrictModel):
    """A place where the training is held."""

    name: Text = Field(
        description="Nom du lieu.", examples=["Site de Paris", "Dans les locaux de l'établissement (intra)"]
    )
    address: Text | None = Field(None, description="Adresse postale.")
    note: Text | None = Field(None, description="Précisions : accès, transports, stationnement.")


class Trainer(StrictModel):
    """A trainer of the module (supervisory means, L6353-1; a row of the attendance sheet)."""

    name: Text = Field(description="Prénom et nom.")
    role: Text | None = Field(None, description="Fonction ou qualification.", examples=["Assistante de service social, formatrice"])


class GroupSize(StrictModel):
    min: Annotated[int, Field(ge=1), WHOLE] | None = Field(None, description="Effectif minimal pour ouvrir une session.")
    max: Annotated[int, Field(ge=1), WHOLE] = Field(description="Effectif maximal (nombre de lignes des feuilles d'émargement vierges).")

    @model_validator(mode="after")
    def _min_below_max(self) -> "GroupSize":
        if self.min is not None and self.min > self.max:
            raise ValueError(f"l'effectif minimal ({self.min}) dépasse l'effectif maximal ({self.max})")
        return self

    def text(self) -> str:
        if self.min is None:
            return f"{self.max} stagiaires au plus"
        return f"de {self.min} à {self.max} stagiaires"


class Hours(StrictModel):
    morning: Text = Field(description="Horaires du matin.", examples=["9h00 – 12h30"])
    afternoon: Text = Field(description="Horaires de l'après-midi.", examples=["13h30 – 17h00"])


class Results(StrictModel):
    """The results the training body publishes (Qualiopi indicator 2), dated and with their period."""

    period: Text | None = Field(
        None, description="Période couverte par les indicateurs.", examples=["Sessions de janvier à décembre 2025"]
    )
    measured_on: FrenchDate | None = Field(None, description="Date à laquelle les indicateurs ont été calculés.")
    learners: Annotated[int, Field(ge=0), WHOLE] | None = Field(None, description="Nombre de stagiaires sur la période.")
    satisfaction_rate: Percent | None = Field(None, description="Taux de satisfaction des stagiaires, en %.")
    completion_rate: Percent | None = Field(
        None, description="Taux de complétion : part des stagiaires allés au bout de la formation, en %."
    )
    success_rate: Percent | None = Field(None, description="Taux de réussite à l'évaluation finale, en %.")
    note: Text | None = Field(
        None,
        description="Commentaire ; pour une formation nouvelle, dites quand les premiers résultats seront publiés.",
    )

    @model_validator(mode="after")
    def _dated_figures_or_a_note(self) -> "Results":
        if not self.rates() and self.note is None:
            raise ValueError(
                "indicateurs de résultats vides : donnez au moins un taux (satisfaction_rate, completion_rate, "
                "success_rate) ou, pour une formation nouvelle, une note (`note`)"
            )
        if self.rates() and self.period is None:
            raise ValueError("des taux sans période : ajoutez `period` (la période que couvrent les indicateurs)")
        return self

    def rates(self) -> list[tuple[str, float]]:
        named = [("Taux de satisfaction", self.satisfaction_rate), ("Taux de complétion", self.completion_rate),
                 ("Taux de réussite", self.success_rate)]
        return [(label, value) for label, value in named if value is not None]

    def lines(self) -> list[str]:
        """« Taux de satisfaction : 92 % », then what the figures cover."""
        lines = [f"{label} : {format_number(value)}\u00a0%" for label, value in self.rates()]
        scope = [self.period] if self.period else []
        if self.learners is not None:
            scope.append(f"{self.learners} stagiaire{'s' if self.learners > 1 else ''}")
        if self.measured_on is not None:
            scope.append(f"calculés le {format_date(self.measured_on)}")
        if scope:
            lines.append(" — ".join(scope))
        if self.note:
            lines.append(self.note)
        return lines


class Offer(StrictModel):
    """What the training body publishes for a training: prices, access, places, results…"""

    prices: list[Price] = Field(default_factory=list, description="Tarifs (Qualiopi, indicateur 1).")
    access: Markdown | None = Field(
        None,
        description="Modalités d'accès : inscription, entretien ou positionnement préalable, financements "
        "(Qualiopi, indicateur 1).",
    )
    access_delay: Text | None = Field(
        None,
        description="Délai d'accès : temps entre la demande d'inscription et le début de la formation "
        "(Qualiopi, indicateur 1).",
        examples=["Inscription jusqu'à 15 jours avant le début de la session"],
    )
    locations: list[Location] = Field(
        default_factory=list, description="Lieu(x) de formation, pour les séquences en présentiel."
    )
    remote: Markdown | None = Field(
        None,
        description="Pour les séquences à distance : outil de classe virtuelle, équipement et connexion nécessaires.",
    )
    hours: Hours | None = Field(None, description="Horaires des demi-journées.")
    group_size: GroupSize | None = Field(None, description="Effectif d'un groupe.")
    trainers: list[Trainer] = Field(
        default_factory=list, description="Formateurs : moyens d'encadrement, et lignes des feuilles d'émargement."
    )
    means: list[Text] = Field(
        default_factory=list, description="Moyens pédagogiques et techniques : salle, supports remis, plateforme…"
    )
    assessment: list[Text] = Field(
        default_factory=list,
        description="Modalités d'évaluation, en plus des évaluations et des séquences d'évaluation du module "
        "(Qualiopi, indicateur 1).",
    )
    accessibility: Markdown | None = Field(
        None,
        description="Accessibilité aux personnes en situation de handicap : locaux, adaptations possibles "
        "(le contact du référent handicap est celui de `provider`) (Qualiopi, indicateur 1).",
    )
    certificate: Text | None = Field(
        None, description="Sanction de la formation.", examples=["Attestation de fin de formation"]
    )
    results: Results | None = Field(None, description="Indicateurs de résultats publiés (Qualiopi, indicateur 2).")
    updated: FrenchDate | None = Field(
        None, description="Date de dernière mise à jour du programme (Qualiopi, indicateur 1 : une information datée)."
    )
    bpf_objective: BpfObjective = Field(
        "autre", description="Objectif général de la formation au bilan pédagogique et financier (cadre F-3) : "
        "rncp (diplôme, titre ou CQP enregistré au RNCP), rs (certification ou habilitation au répertoire "
        "spécifique), cqp (CQP hors RNCP et RS), autre (autres formations professionnelles), bilan (bilan de "
        "compétences), vae (accompagnement à la VAE).",
    )
    nsf: Text | None = Field(
        None, description="Spécialité de formation (code NSF et libellé) pour le bilan pédagogique et financier (cadre F-4).",
        examples=["332 — Travail social"],
    )


def offer_for(programme: "Programme", module: "Module") -> Offer:
    """The module's offer: the programme's, with each key the module writes replacing the programme's."""
    base = programme.offer or Offer()
    override = module.offer
    if override is None:
        return base
    return base.model_copy(update={name: getattr(override, name) for name in override.model_fields_set})


# --- derived facts -----------------------------------------------------------------------------

DeliveryMode = Literal["présentiel", "distanciel", "mixte"]


def delivery_mode(module: "Module") -> DeliveryMode:
    """From the sessions with a trainer; intersession work is personal work and does not count."""
    modalities = {s.modality for s in module.sessions if s.modality != "intersession"}
    if modalities == {"distanciel"}:
        return "distanciel"
    if "distanciel" in modalities:
        return "mixte"
    return "présentiel"


def evaluation_modalities(module: "Module", offer: Offer) -> list[str]:
    """Every way the module evaluates: its evaluations, its evaluation sessions, then the offer's list."""
    from .plan import plan_of

    lines: list[str] = []
    kind_labels = {"positionnement": "Positionnement à l'entrée", "finale": "Évaluation finale"}
    plan = plan_of(module)
    sessions = {session.id: session for session in module.sessions}
    hosting: set[str] = set()  # sessions an evaluation is taken in: said once, with the evaluation
    # getattr: evaluations are a recent part of the format; older models have none.
    for evaluation in getattr(module, "evaluations", None) or []:
        kind = getattr(evaluation, "kind", "")
        title = evaluation.title
        # « Évaluation finale : … » already says what it is; « Quiz » does not.
        line = title if kind and kind in title.lower() else f"{kind_labels.get(kind, 'Évaluation')} : {title}"
        session = sessions.get(getattr(evaluation, "session", None) or "")
        if session is not None:
            hosting.add(session.id)
            line = f"{plan.position_of(session)} — {line}"
        lines.append(line)
    for session in module.sessions:
        check = getattr(session, "evaluation", None)
        if check is not None:
            lines.append(f"{plan.position_of(session)} — vérification des acquis : {check.title}")
        elif "evaluation" in session.methods and session.id not in hosting:
            lines.append(f"{plan.position_of(session)} — {session.title}")
    lines.extend(offer.assessment)
    return lines


def methods_used(module: "Module") -> list[str]:
    """The sessions' methods, the most used (in time) first."""
    from .module import METHOD_LABELS

    minutes: dict[str, int] = {}
    for session in module.sessions:
        for method in session.methods:
            minutes[method] = minutes.get(method, 0) + session.duration
    ranked = sorted(minutes, key=lambda m: -minutes[m])  # stable: first use breaks ties
    return [METHOD_LABELS.get(m, m) for m in ranked]


# --- Qualiopi mentions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A mention of the public programme that the format cannot require on its own."""

    label: str  # as the auditor names it
    indicator: int
    key: str  # the `offer` key that holds it, or the module key
    in_offer: bool
    hint: str
    present: Callable[["Module", Offer], bool]
    applies: Callable[["Module"], bool] = lambda module: True


def _has_room_sessions(module: "Module") -> bool:
    return any(s.modality == "présentiel" for s in module.sessions)


def _has_remote_sessions(module: "Module") -> bool:
    return any(s.modality == "distanciel" for s in module.sessions)


MENTIONS: list[Mention] = [
    Mention("prérequis", 1, "prerequisites", False,
            "ajoutez `prerequisites:` avec `knowledge:` ou `modules:` ; si le module n'en demande aucun, "
            "écrivez `knowledge: [\"Aucun prérequis\"]`",
            lambda m, o: bool(m.prerequisites.modules or m.prerequisites.knowledge)),
    Mention("modalités d'accès", 1, "access", True,
            "ajoutez `access:` : comment s'inscrire (bulletin, entretien préalable, financements)",
            lambda m, o: o.access is not None),
    Mention("délais d'accès", 1, "access_delay", True,
            "ajoutez `access_delay:`, par exemple « Inscription jusqu'à 15 jours avant le début de la session »",
            lambda m, o: o.access_delay is not None),
    Mention("tarifs", 1, "prices", True,
            "ajoutez `prices:` avec au moins un tarif (`label`, `amount`, `per`, `tax`) ; sans `amount`, "
            "le tarif s'affiche « sur devis »",
            lambda m, o: bool(o.prices)),
    Mention("lieu de formation", 1, "locations", True,
            "ajoutez `locations:` avec au moins un lieu (`name`, `address`)",
            lambda m, o: bool(o.locations), _has_room_sessions),
    Mention("modalités de la formation à distance", 1, "remote", True,
            "ajoutez `remote:` : l'outil de classe virtuelle, l'équipement et la connexion nécessaires",
            lambda m, o: o.remote is not None, _has_remote_sessions),
    Mention("modalités d'évaluation", 1, "assessment", True,
            "ajoutez une évaluation au module (`evaluations:`), une séquence de méthode `evaluation`, "
            "ou `assessment:` dans `offer`",
            lambda m, o: bool(evaluation_modalities(m, o))),
    Mention("accessibilité aux personnes en situation de handicap", 1, "accessibility", True,
            "ajoutez `accessibility:` : accessibilité des locaux et adaptations possibles "
            "(le contact du référent handicap vient de `provider.accessibility_contact`)",
            lambda m, o: o.accessibility is not None),
    Mention("date de dernière mise à jour", 1, "updated", True,
            "ajoutez `updated:` avec la date de la dernière mise à jour, par exemple « 2026-10-01 »",
            lambda m, o: o.updated is not None),
    Mention("indicateurs de résultats", 2, "results", True,
            "ajoutez `results:` avec les taux publiés (`satisfaction_rate`, `completion_rate`) et leur "
            "`period`, ou une `note` pour une formation nouvelle",
            lambda m, o: o.results is not None),
]


def missing_mentions(programme: "Programme", module: "Module") -> list[Mention]:
    offer = offer_for(programme, module)
    return [m for m in MENTIONS if m.applies(module) and not m.present(module, offer)]

"""A session file (`sessions/<id>.yml`): one delivery of a module to a group.

Training bodies call it a « session »; in the code it is a `Delivery`, since a module's
`Session` is one of its sequences. The file holds what is known before the session
(module, dates, place, trainers, buyers, participants) and what is recorded as it runs
(attendance per half-day, evaluation results, satisfaction). Everything the documents
need beyond it comes from the module and the programme.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from .common import WHOLE, Minutes, Siret, Slug, StrictModel, Text
from .offer import FrenchDate, Hours, Location, PriceUnit, Tax, Trainer
from .programme import EMAIL_PATTERN, Contact

Email = Annotated[str, Field(pattern=EMAIL_PATTERN, examples=["prenom.nom@exemple.fr"])]

# Cerfa 10443 (bilan pédagogique et financier), cadre F-1: the kind of learner.
LearnerCategory = Literal["salarie-prive", "apprenti", "demandeur-emploi", "particulier", "autre"]
CATEGORY_LABELS: dict[str, str] = {
    "salarie-prive": "Salariés d'employeurs privés hors apprentis",
    "apprenti": "Apprentis",
    "demandeur-emploi": "Personnes en recherche d'emploi formées par votre organisme de formation",
    "particulier": "Particuliers à leurs propres frais formés par votre organisme de formation",
    "autre": "Autres stagiaires",
}

BuyerKind = Literal["employeur", "opco", "france-travail", "pouvoir-public", "particulier", "autre"]
BUYER_KIND_LABELS: dict[str, str] = {
    "employeur": "employeur",
    "opco": "opérateur de compétences (OPCO)",
    "france-travail": "France Travail",
    "pouvoir-public": "pouvoir public",
    "particulier": "particulier",
    "autre": "autre financeur",
}


class Buyer(StrictModel):
    """Who pays for some of the participants: their employer, an OPCO, France Travail… (one convention each)."""

    id: Slug = Field(description="Identifiant court du financeur, que les participants reprennent dans `buyer`.")
    name: Text = Field(description="Raison sociale (ou nom et prénom pour un particulier).")
    kind: BuyerKind = Field(description="employeur, opco, france-travail, pouvoir-public, particulier ou autre.")
    siret: Siret | None = Field(None, description="SIRET (14 chiffres) ; sans objet pour un particulier.")
    address: Text | None = Field(None, description="Adresse postale.")
    representative: Text | None = Field(None, description="Qui signe la convention pour lui : nom et fonction.")
    contact: Contact | None = Field(None, description="Contact pour la convention et la facturation.")
    category: LearnerCategory | None = Field(
        None, description="Catégorie du bilan pédagogique et financier (cadre F-1) des participants qu'il finance, "
        "sauf si un participant dit la sienne : salarie-prive, apprenti, demandeur-emploi, particulier ou autre "
        "(agents publics : autre).",
    )
    amount: Annotated[float, Field(ge=0)] | None = Field(
        None, description="Prix convenu en euros ; sans montant, le premier tarif chiffré de l'offre du module."
    )
    per: PriceUnit = Field("stagiaire", description="Le montant s'entend par stagiaire, par groupe, par jour ou par heure.")
    tax: Tax = Field("net de taxe", description="« net de taxe », « HT » ou « TTC ».")
    payment: Text | None = Field(
        None, description="Modalités de règlement.", examples=["À réception de la facture, à l'issue de la formation"]
    )


class Participant(StrictModel):
    """A learner of the session."""

    last_name: Text = Field(description="Nom.")
    first_name: Text = Field(description="Prénom.")
    email: Email | None = Field(None, description="Adresse électronique (celle de la plateforme, pour relier ses notes).")
    employer: Text | None = Field(None, description="Employeur (structure).")
    buyer: Slug | None = Field(None, description="Le financeur (`id` d'un `buyers`) ; inutile s'il n'y en a qu'un.")
    category: LearnerCategory | None = Field(
        None, description="Catégorie du bilan pédagogique et financier ; par défaut celle de son financeur."
    )

    @property
    def name(self) -> str:
        """« Léa Durand », the way the session file names people."""
        return f"{self.first_name} {self.last_name}"


class Part(StrictModel):
    """The dates of one part of the module (the days in the room between two intersessions)."""

    start: FrenchDate | None = Field(
        None, description="Premier jour ; les jours suivants de la partie sont les jours ouvrés qui suivent."
    )
    dates: list[FrenchDate] = Field(
        default_factory=list, description="Ou bien chaque jour de la partie, dans l'ordre (un par jour du module)."
    )

    @model_validator(mode="after")
    def _start_or_dates(self) -> "Part":
        if (self.start is None) == (not self.dates):
            raise ValueError("donnez soit `start` (le premier jour), soit `dates` (chaque jour de la partie), pas les deux")
        return self


AttendanceNames = list[Text]


class AttendanceRecord(StrictModel):
    """Who was there for one half-day (or did the work of one intersession), from the signed sheet."""

    half_day: Text = Field(
        description="La demi-journée : « J1 matin », « J2 après-midi »… ou « Intersession 1 ».",
        examples=["J1 matin", "J3 après-midi", "Intersession 1"],
    )
    present: Literal["tous"] | AttendanceNames = Field(
        description="« tous » : tous les participants non cités ailleurs ; ou la liste de ceux qui étaient là "
        "(« Prénom Nom »), et chacun doit alors être cité quelque part."
    )
    absent: AttendanceNames = Field(default_factory=list, description="Absents.")
    excused: AttendanceNames = Field(default_factory=list, description="Absents excusés (justifiés).")
    partial: dict[str, Minutes] = Field(
        default_factory=dict, description="Présents une partie de la demi-journée : « Prénom Nom: 2h ».",
        examples=[{"Léa Durand": "2h"}],
    )


Percent = Annotated[float, Field(ge=0, le=100)]


class MoodleGrades(StrictModel):
    """A gradebook export from Moodle (« Notes › Exporter › Fichier texte »), matched by email, else by name."""

    file: Text = Field(description="Le fichier CSV exporté, relatif au fichier de session.")
    column: Text | None = Field(
        None, description="La colonne de la note ; inutile quand l'export n'en a qu'une (« … (Réel) » / « … (Real) »)."
    )
    out_of: Annotated[float, Field(gt=0)] = Field(100, description="La note maximale de l'activité dans Moodle.")


class EvaluationResults(StrictModel):
    """The results of one evaluation of the module, typed in or imported."""

    evaluation: Slug = Field(description="L'`id` de l'évaluation du module.")
    scores: dict[str, Percent] = Field(
        default_factory=dict, description="Score en % par participant : « Prénom Nom: 85 »."
    )
    moodle: MoodleGrades | None = Field(None, description="Ou l'export des notes de Moodle.")
    # The scores read from `moodle` (participant name → %), kept apart so a typed score that contradicts them is
    # reported; `scores` holds both once the export is read.
    _imported: dict[str, float] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _scores_or_import(self) -> "EvaluationResults":
        if not self.scores and self.moodle is None:
            raise ValueError("des résultats sans score : ajoutez `scores` (« Prénom Nom: 85 ») ou `moodle` (l'export des notes)")
        return self


class Satisfaction(StrictModel):
    """The end-of-session satisfaction survey, summed up."""

    respondents: Annotated[int, Field(ge=0), WHOLE] = Field(description="Nombre de répondants.")
    satisfied: Annotated[int, Field(ge=0), WHOLE] = Field(description="Dont satisfaits ou très satisfaits.")
    comment: Text | None = Field(None, description="Synthèse des remarques.")

    @model_validator(mode="after")
    def _satisfied_among_respondents(self) -> "Satisfaction":
        if self.satisfied > self.respondents:
            raise ValueError(f"{self.satisfied} satisfaits pour {self.respondents} répondants : il y en a plus que de répondants")
        return self


class Delivery(StrictModel):
    """One session of a module: its dates, place, people and, as it runs, what happened."""

    module: Slug = Field(description="L'`id` du module délivré.")
    example: bool = Field(False, description="Session d'exemple (personnes fictives) : le dit sur chaque document.")
    title: Text | None = Field(None, description="Nom de la session, par défaut celui du module et ses dates.")
    parts: list[Part] = Field(min_length=1, description="Les dates de chaque partie du module, dans l'ordre.")
    place: Location | None = Field(None, description="Le lieu ; par défaut le seul lieu de l'offre du module.")
    access: Text | None = Field(None, description="Accès : salle, étage, transports (pour la convocation).")
    hours: Hours | None = Field(None, description="Horaires des demi-journées ; par défaut ceux de l'offre.")
    trainers: list[Trainer] = Field(default_factory=list, description="Formateurs ; par défaut ceux de l'offre.")
    bring: list[Text] = Field(default_factory=list, description="Ce que les stagiaires apportent (convocation).")
    buyers: list[Buyer] = Field(min_length=1, description="Les financeurs : une convention chacun.")
    participants: list[Participant] | Text = Field(
        description="Les participants, ou le fichier CSV qui les liste (colonnes nom, prénom, email, structure, "
        "financeur, catégorie), relatif au fichier de session."
    )
    convened_on: FrenchDate | None = Field(None, description="Date des convocations.")
    signed_on: FrenchDate | None = Field(None, description="Date des conventions.")
    attendance: list[AttendanceRecord] = Field(
        default_factory=list, description="Les présences, demi-journée par demi-journée, d'après les feuilles signées."
    )
    results: list[EvaluationResults] = Field(default_factory=list, description="Résultats des évaluations.")
    satisfaction: Satisfaction | None = Field(None, description="Résultats du questionnaire de satisfaction.")

    @field_validator("participants")
    @classmethod
    def _someone(cls, value: list[Participant] | str) -> list[Participant] | str:
        if isinstance(value, list) and not value:
            raise ValueError("aucun participant : une session sans personne n'a ni convocation, ni convention, "
                             "ni émargement ; listez les participants, ou le fichier CSV qui les liste")
        return value

    @property
    def people(self) -> list[Participant]:
        """The participants once a CSV reference is read (the loader replaces it)."""
        return self.participants if isinstance(self.participants, list) else []

    def all_dates(self) -> list[dt.date]:
        return [d for part in self.parts for d in ([part.start] if part.start else part.dates)]


def name_key(name: str) -> str:
    """« Léa  DURAND » and « lea durand » are the same person; so is « Durand Léa »: sorted words."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    return " ".join(sorted(words))

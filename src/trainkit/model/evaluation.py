"""Evaluations: positioning tests, final quizzes and short checks, with their questions.

Qualiopi asks training bodies to position learners at entry (indicator 8) and to
evaluate whether objectives were reached (indicator 11); an LMS needs a score.
Each question names the objectives it evaluates, so coverage can be checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, Union

from pydantic import Field

from .common import WHOLE, Markdown, Slug, StrictModel, Text

EvaluationKind = Literal["positionnement", "finale", "controle"]

KIND_LABELS = {
    "positionnement": "Test de positionnement",
    "finale": "Évaluation finale",
    "controle": "Vérification des acquis",
}

# When a learner sees whether each answer was right, with its feedback (which often names the right answer).
Corrections = Literal["apres-chaque-question", "apres-validation", "apres-derniere-tentative", "jamais"]

CORRECTIONS_LABELS = {
    "apres-chaque-question": "après chaque question",
    "apres-validation": "après la validation",
    "apres-derniere-tentative": "après la dernière tentative",
    "jamais": "jamais",
}


@dataclass(frozen=True)
class EvaluationPolicy:
    """How an evaluation is taken and scored, its defaults filled in (see `Evaluation.policy`)."""

    graded: bool
    pass_mark: int | None  # None when not graded: nothing to pass
    attempts: int | None  # submissions allowed in one attempt of the LMS (None: as many as wished)
    corrections: str


# What a training body chooses unless it says otherwise: the positioning test and the short checks are
# for learning (feedback at once, no mark); the final evaluation is the Qualiopi evidence (marked, one
# submission, corrections once it is closed, so they cannot be used to answer again).
DEFAULT_POLICIES = {
    "positionnement": EvaluationPolicy(graded=False, pass_mark=None, attempts=1, corrections="apres-validation"),
    "finale": EvaluationPolicy(graded=True, pass_mark=70, attempts=1, corrections="apres-derniere-tentative"),
    "controle": EvaluationPolicy(graded=False, pass_mark=None, attempts=None, corrections="apres-validation"),
}

QUESTION_LABELS = {
    "choix-unique": "Choix unique",
    "choix-multiple": "Choix multiple",
    "vrai-faux": "Vrai ou faux",
    "appariement": "Appariement",
    "ordre": "Remise en ordre",
    "reponse-courte": "Réponse courte",
}


class Feedback(StrictModel):
    correct: Markdown | None = Field(None, description="Message affiché après une bonne réponse.")
    incorrect: Markdown | None = Field(None, description="Message affiché après une mauvaise réponse.")


class Choice(StrictModel):
    text: Text = Field(description="Le texte de la proposition.")
    correct: bool = Field(False, description="`true` pour une bonne réponse.")


class Pair(StrictModel):
    left: Text = Field(description="Élément à associer (ex. un dispositif).")
    right: Text = Field(description="Ce qui lui correspond (ex. son public).")


class _QuestionBase(StrictModel):
    id: Slug = Field(description="Identifiant court, unique dans l'évaluation.")
    prompt: Markdown = Field(description="L'énoncé de la question.")
    objectives: list[Slug] = Field(
        default_factory=list, description="Objectifs du module évalués par cette question (identifiants)."
    )
    feedback: Feedback = Field(default_factory=Feedback, description="Messages de retour.")


class SingleChoice(_QuestionBase):
    type: Literal["choix-unique"] = Field(description="Une seule bonne réponse parmi les propositions.")
    choices: list[Choice] = Field(min_length=2, description="Les propositions, dont une seule correcte.")


class MultipleChoice(_QuestionBase):
    type: Literal["choix-multiple"] = Field(description="Une ou plusieurs bonnes réponses.")
    choices: list[Choice] = Field(min_length=2, description="Les propositions, dont au moins une correcte.")


class TrueFalse(_QuestionBase):
    type: Literal["vrai-faux"] = Field(description="Une affirmation, vraie ou fausse.")
    answer: bool = Field(description="`true` si l'affirmation est vraie.")


class Matching(_QuestionBase):
    type: Literal["appariement"] = Field(description="Associer chaque élément de gauche à celui de droite.")
    pairs: list[Pair] = Field(min_length=2, description="Les paires correctes (l'ordre est mélangé à l'affichage).")


class Ordering(_QuestionBase):
    type: Literal["ordre"] = Field(description="Remettre des étapes dans l'ordre.")
    items: list[Text] = Field(min_length=2, description="Les étapes, dans le bon ordre.")


class ShortAnswer(_QuestionBase):
    type: Literal["reponse-courte"] = Field(description="Une réponse courte saisie au clavier.")
    accepted: list[Text] = Field(
        min_length=1, description="Les réponses acceptées (sans tenir compte des majuscules ni des accents)."
    )


Question = Annotated[
    Union[SingleChoice, MultipleChoice, TrueFalse, Matching, Ordering, ShortAnswer],
    Field(discriminator="type"),
]


class Evaluation(StrictModel):
    """A test taken on the site and in the LMS."""

    id: Slug = Field(description="Identifiant court, unique dans le module.")
    kind: EvaluationKind = Field(
        description="positionnement (à l'entrée), finale (en fin de module) ou controle (vérification courte)."
    )
    title: Text = Field(description="Titre de l'évaluation.")
    instructions: Markdown | None = Field(None, description="Consignes pour les stagiaires.")
    session: Slug | None = Field(
        None,
        description="La séquence pendant laquelle elle est passée (identifiant) : le programme la date "
        "(« J4 après-midi ») et ne liste pas la séquence une seconde fois dans les modalités d'évaluation.",
    )
    graded: bool | None = Field(
        None,
        description="`true` : l'évaluation est notée (score et réussite transmis au LMS). "
        "Par défaut, seule l'évaluation finale est notée.",
    )
    pass_mark: Annotated[int, Field(ge=0, le=100), WHOLE] | None = Field(
        None, description="Seuil de réussite en % d'une évaluation notée (70 par défaut ; score de maîtrise du LMS)."
    )
    attempts: Annotated[int, Field(ge=1), WHOLE] | None = Field(
        None,
        description="Nombre de validations permises dans une tentative du LMS (1 par défaut pour le "
        "positionnement et l'évaluation finale ; sans limite pour une vérification courte) ; "
        "`null` : sans limite.",
        # No default in the schema: an editor filling it in would write `null`, which means « no limit ».
        json_schema_extra=lambda schema: schema.pop("default", None),
    )
    corrections: Corrections | None = Field(
        None,
        description="Quand la correction (bonne réponse ou non, et le retour) est montrée : "
        "apres-chaque-question, apres-validation, apres-derniere-tentative ou jamais. Par défaut : "
        "apres-derniere-tentative pour l'évaluation finale, apres-validation sinon.",
    )
    questions: list[Question] = Field(min_length=1, description="Les questions.")

    @property
    def max_score(self) -> int:
        return len(self.questions)

    @property
    def policy(self) -> EvaluationPolicy:
        default = DEFAULT_POLICIES[self.kind]
        graded = default.graded if self.graded is None else self.graded
        return EvaluationPolicy(
            graded=graded,
            pass_mark=(self.pass_mark if self.pass_mark is not None else 70) if graded else None,
            attempts=self.attempts if "attempts" in self.model_fields_set else default.attempts,
            corrections=self.corrections or default.corrections,
        )

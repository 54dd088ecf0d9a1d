"""Evaluations: positioning tests, final quizzes and short checks, with their questions.

Qualiopi asks training bodies to position learners at entry (indicator 8) and to
evaluate whether objectives were reached (indicator 11); an LMS needs a score.
Each question names the objectives it evaluates, so coverage can be checked.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from .common import Markdown, Slug, StrictModel, Text

EvaluationKind = Literal["positionnement", "finale", "controle"]

KIND_LABELS = {
    "positionnement": "Test de positionnement",
    "finale": "Évaluation finale",
    "controle": "Vérification des acquis",
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
    pass_mark: Annotated[int, Field(ge=0, le=100)] = Field(
        70, description="Seuil de réussite en % (score de maîtrise transmis au LMS)."
    )
    questions: list[Question] = Field(min_length=1, description="Les questions.")

    @property
    def max_score(self) -> int:
        return len(self.questions)

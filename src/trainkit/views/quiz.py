"""How an evaluation is shown and scored (computed once; the site and the SCORM packages read it).

Every question gets short option ids drawn at random (seeded by the question, so builds stay
byte-identical): an id says nothing of where the option stood in the YAML, where authors
usually write the right answer first. The display order is shuffled the same way. Correct
responses are canonical strings (ids as below are examples):

    choix-unique    "b"                 the option id
    choix-multiple  "a,c"               option ids, sorted
    vrai-faux       "true" / "false"
    appariement     "1.b,2.a"           left id . right id, by left id
    ordre           "q,d,k"             item ids in the right order
    reponse-courte  "siae"              normalised text (case, accents, spaces)

These are also the shapes SCORM asks for in cmi.interactions (separators aside).
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
import threading
import unicodedata
from dataclasses import dataclass, field


from ..render import MarkdownRenderer
from ..model.evaluation import (
    Evaluation,
    EvaluationPolicy,
    Matching,
    MultipleChoice,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)

LETTERS = "abcdefghijklmnopqrstuvwxyz"

# SCORM interaction types for each question type.
INTERACTION_TYPES = {
    "choix-unique": "choice",
    "choix-multiple": "choice",
    "vrai-faux": "true-false",
    "appariement": "matching",
    "ordre": "sequencing",
    "reponse-courte": "fill-in",
}


@dataclass
class Option:
    id: str
    text: str


@dataclass
class QuestionView:
    id: str
    type: str
    number: int
    prompt_html: str
    objectives: list[str]
    options: list[Option] = field(default_factory=list)  # choices / ordering items, in display order
    lefts: list[Option] = field(default_factory=list)  # matching: left side, authored order
    rights: list[Option] = field(default_factory=list)  # matching: right side, display order
    correct: list[str] = field(default_factory=list)  # accepted canonical responses
    feedback_correct_html: str = ""
    feedback_incorrect_html: str = ""

    @property
    def interaction_type(self) -> str:
        return INTERACTION_TYPES[self.type]


@dataclass
class QuizView:
    id: str
    kind: str
    title: str
    instructions_html: str
    policy: EvaluationPolicy
    questions: list[QuestionView]

    @property
    def pass_mark(self) -> int | None:
        return self.policy.pass_mark


def normalise_answer(text: str) -> str:
    """What a short answer is compared on: no case, no accents, one kind of apostrophe, single spaces."""
    text = re.sub("[\u2019\u2018\u02bc`´]", "'", text)  # keyboards type ’ as often as '
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", stripped).strip().lower()


_renderers = threading.local()


def render_markdown(text: str | None) -> str:
    """A prompt, a feedback or instructions through the Markdown profile (sanitised, typeset)."""
    renderer = getattr(_renderers, "markdown", None)
    if renderer is None:  # one engine per thread: building one costs more than converting a prompt
        renderer = _renderers.markdown = MarkdownRenderer()
    return str(renderer.html(text))


def _shuffled(items: list, seed: str) -> list:
    """A reproducible shuffle that moves something (a list shown as written gives the answer away)."""
    rng = random.Random(hashlib.sha256(seed.encode("utf-8")).hexdigest())
    shuffled = list(items)
    for _ in range(10):
        rng.shuffle(shuffled)
        if len(items) < 2 or shuffled != items:
            break
    return shuffled


def _ids(count: int, seed: str) -> list[str]:
    """`count` distinct one-character ids in an order that owes nothing to the authored one.
    One character each: SCORM 1.2 answers choice, matching and sequencing with single characters."""
    rng = random.Random(hashlib.sha256(f"{seed}/ids".encode("utf-8")).hexdigest())
    if count <= len(LETTERS):
        return rng.sample(LETTERS, count)
    return [f"{LETTERS[i % 26]}{i // 26}" for i in rng.sample(range(count), count)]  # beyond 26: rarely seen


def quiz_view(evaluation: Evaluation, scope: str = "") -> QuizView:
    """`scope` (usually the module id) keeps shuffles distinct across modules."""
    questions = []
    for number, question in enumerate(evaluation.questions, start=1):
        seed = f"{scope}/{evaluation.id}/{question.id}"
        view = QuestionView(
            id=question.id,
            type=question.type,
            number=number,
            prompt_html=render_markdown(question.prompt),
            objectives=list(question.objectives),
            feedback_correct_html=render_markdown(question.feedback.correct),
            feedback_incorrect_html=render_markdown(question.feedback.incorrect),
        )
        if isinstance(question, (SingleChoice, MultipleChoice)):
            ids = _ids(len(question.choices), seed)
            options = [Option(ids[i], c.text) for i, c in enumerate(question.choices)]
            view.options = _shuffled(options, seed)
            right = sorted(ids[i] for i, c in enumerate(question.choices) if c.correct)
            view.correct = [",".join(right)]
        elif isinstance(question, TrueFalse):
            view.options = [Option("true", "Vrai"), Option("false", "Faux")]
            view.correct = ["true" if question.answer else "false"]
        elif isinstance(question, Matching):
            # The left side is shown as written (its order tells nothing); the right side is shuffled.
            view.lefts = [Option(str(i + 1), p.left) for i, p in enumerate(question.pairs)]
            ids = _ids(len(question.pairs), seed)
            rights = [Option(ids[i], p.right) for i, p in enumerate(question.pairs)]
            view.rights = _shuffled(rights, seed)
            view.correct = [",".join(f"{i + 1}.{ids[i]}" for i in range(len(question.pairs)))]
        elif isinstance(question, Ordering):
            ids = _ids(len(question.items), seed)
            items = [Option(ids[i], text) for i, text in enumerate(question.items)]
            view.options = _shuffled(items, seed)
            view.correct = [",".join(ids)]
        elif isinstance(question, ShortAnswer):
            view.correct = sorted({normalise_answer(a) for a in question.accepted})
        questions.append(view)
    return QuizView(
        id=evaluation.id,
        kind=evaluation.kind,
        title=evaluation.title,
        instructions_html=render_markdown(evaluation.instructions),
        policy=evaluation.policy,
        questions=questions,
    )


def answer_key(salt: str, question_id: str, response: str) -> str:
    """What the site stores instead of an answer (quiz.js computes the same from the learner's choice)."""
    return hashlib.sha256(f"{salt}|{question_id}|{response}".encode("utf-8")).hexdigest()[:32]


def obfuscated_feedback(salt: str, question: QuestionView) -> str:
    """Feedback often names the right answer: keep it unreadable in the page source until answered."""
    data = json.dumps(
        {"correct": question.feedback_correct_html, "incorrect": question.feedback_incorrect_html},
        ensure_ascii=False,
    ).encode("utf-8")
    mask = hashlib.sha256(f"{salt}|{question.id}|feedback".encode("utf-8")).digest()
    return base64.b64encode(bytes(b ^ mask[i % 32] for i, b in enumerate(data))).decode("ascii")



"""How an evaluation is shown and scored, shared by the site and the SCORM packages.

Every question gets short option ids, a display order that is shuffled but
reproducible (seeded by the question, so builds stay byte-identical and the right
answer is not always first), and its correct responses as canonical strings:

    choix-unique    "b"                 the option id
    choix-multiple  "a,c"               option ids, sorted
    vrai-faux       "true" / "false"
    appariement     "1.b,2.a"           left id . right id, by left id
    ordre           "c,a,b"             item ids in the right order
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
from functools import lru_cache
from pathlib import Path

import jinja2
import markdown as markdown_lib

from ..model.evaluation import (
    QUESTION_LABELS,
    Evaluation,
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
    pass_mark: int
    questions: list[QuestionView]


def normalise_answer(text: str) -> str:
    """What a short answer is compared on: no case, no accents, one kind of apostrophe, single spaces."""
    text = re.sub("[\u2019\u2018\u02bc`´]", "'", text)  # keyboards type ’ as often as '
    stripped = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", stripped).strip().lower()


_engines = threading.local()

# A one-line text made of these characters only, starting with a letter, is a paragraph for
# Python-Markdown and nothing else: no block marker, no inline syntax, nothing it escapes.
_PLAIN_TEXT = re.compile(r"[^\W\d_][^*_`\[\]<>&\\#|{}\x00-\x1f\x7f-\x9f\u2028\u2029]*")


def render_markdown(text: str | None) -> str:
    if not text:
        return ""
    if _PLAIN_TEXT.fullmatch(text) and not text[-1].isspace():
        # Most prompts and feedback are one plain sentence: the same <p> without the engine's cost.
        return f"<p>{text}</p>"
    # One engine per thread, reset between texts: building one costs more than converting a prompt,
    # and a large export converts tens of thousands of them. Same output as markdown.markdown().
    engine = getattr(_engines, "md", None)
    if engine is None:
        engine = _engines.md = markdown_lib.Markdown(extensions=["attr_list", "tables"], output_format="html")
    engine.reset()
    return engine.convert(text)


def _shuffled(items: list, seed: str) -> list:
    """A reproducible shuffle that moves something (a list shown as written gives the answer away)."""
    rng = random.Random(hashlib.sha256(seed.encode("utf-8")).hexdigest())
    shuffled = list(items)
    for _ in range(10):
        rng.shuffle(shuffled)
        if len(items) < 2 or shuffled != items:
            break
    return shuffled


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
            options = [Option(LETTERS[i], c.text) for i, c in enumerate(question.choices)]
            view.options = _shuffled(options, seed)
            right = sorted(LETTERS[i] for i, c in enumerate(question.choices) if c.correct)
            view.correct = [",".join(right)]
        elif isinstance(question, TrueFalse):
            view.options = [Option("true", "Vrai"), Option("false", "Faux")]
            view.correct = ["true" if question.answer else "false"]
        elif isinstance(question, Matching):
            view.lefts = [Option(str(i + 1), p.left) for i, p in enumerate(question.pairs)]
            rights = [Option(LETTERS[i], p.right) for i, p in enumerate(question.pairs)]
            view.rights = _shuffled(rights, seed)
            view.correct = [",".join(f"{i + 1}.{LETTERS[i]}" for i in range(len(question.pairs)))]
        elif isinstance(question, Ordering):
            items = [Option(LETTERS[i], text) for i, text in enumerate(question.items)]
            view.options = _shuffled(items, seed)
            view.correct = [",".join(LETTERS[i] for i in range(len(question.items)))]
        elif isinstance(question, ShortAnswer):
            view.correct = sorted({normalise_answer(a) for a in question.accepted})
        questions.append(view)
    return QuizView(
        id=evaluation.id,
        kind=evaluation.kind,
        title=evaluation.title,
        instructions_html=render_markdown(evaluation.instructions),
        pass_mark=evaluation.pass_mark,
        questions=questions,
    )


# --- the form --------------------------------------------------------------------

QUIZ_TEMPLATES = Path(__file__).resolve().parent / "quiz_templates"
QUIZ_SCRIPT = Path(__file__).resolve().parent / "quiz_assets" / "quiz.js"


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


@lru_cache(maxsize=16)
def _form_environment(folders: tuple[str, ...]) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(folder) for folder in folders]
    return jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True, trim_blocks=True,
                              lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def render_quiz_form(quiz: QuizView, *, mode: str, salt: str, templates_dir: Path | None = None) -> str:
    """The evaluation as an HTML form; `mode` "site" hides the answers, "scorm" states them for the LMS."""
    folders: list[str] = []
    if templates_dir is not None:
        for candidate in (templates_dir / "quiz", templates_dir):
            if candidate.is_dir():
                folders.append(str(candidate))
    folders.append(str(QUIZ_TEMPLATES))
    # One environment per set of folders: it compiles the template once (and recompiles it when
    # the file changes, as `trainkit serve` needs); exports render hundreds of forms.
    html = _form_environment(tuple(folders)).get_template("form.html.j2").render(
        quiz=quiz,
        mode=mode,
        salt=salt,
        keys=lambda q: [answer_key(salt, q.id, r) for r in q.correct],
        feedback=lambda q: obfuscated_feedback(salt, q),
        type_label=lambda t: QUESTION_LABELS.get(t, t),
    )
    # One block without blank lines: Markdown passes it through untouched.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"

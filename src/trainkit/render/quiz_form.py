"""An evaluation as an HTML form (templates/quiz/form.html.j2), for the site and the SCORM packages."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from ..model.evaluation import QUESTION_LABELS
from ..views.quiz import QuizView, answer_key, obfuscated_feedback
from .jinja import make_environment
from .typography import french_html

QUIZ_SCRIPT = Path(__file__).resolve().parent.parent / "templates" / "quiz" / "quiz.js"


@lru_cache(maxsize=16)
def _form_environment(templates_dir: Path | None) -> jinja2.Environment:
    # One environment per templates folder: it compiles the template once (and recompiles it when
    # the file changes, as `trainkit serve` needs); exports render hundreds of forms.
    return make_environment("quiz", templates_dir)


def render_quiz_form(quiz: QuizView, *, mode: str, salt: str, templates_dir: Path | None = None,
                     typeset: bool = True) -> str:
    """The evaluation as an HTML form; `mode` "site" hides the answers, "scorm" states them for the LMS.
    `typeset=False` when the caller sets the typography of the whole page."""
    html = _form_environment(templates_dir).get_template("form.html.j2").render(
        quiz=quiz,
        mode=mode,
        salt=salt,
        keys=lambda q: [answer_key(salt, q.id, r) for r in q.correct],
        feedback=lambda q: obfuscated_feedback(salt, q),
        type_label=lambda t: QUESTION_LABELS.get(t, t),
    )
    # One block without blank lines: Markdown passes it through untouched.
    html = "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
    return french_html(html) if typeset else html

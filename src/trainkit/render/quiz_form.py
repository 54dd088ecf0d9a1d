"""An evaluation as an HTML form (templates/quiz/form.html.j2), for the site and the SCORM packages."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from ..model.evaluation import QUESTION_LABELS, EvaluationPolicy
from ..views.quiz import QuizView, answer_key, obfuscated_feedback
from .jinja import make_environment

QUIZ_SCRIPT = Path(__file__).resolve().parent.parent / "templates" / "quiz" / "quiz.js"


@lru_cache(maxsize=16)
def _form_environment(templates_dir: Path | None) -> jinja2.Environment:
    # One environment per templates folder: it compiles the template once (and recompiles it when
    # the file changes, as `trainkit serve` needs); exports render hundreds of forms.
    return make_environment("quiz", templates_dir)


def corrections_text(policy: EvaluationPolicy) -> str:
    """What the learner is told, before answering, about when the corrections come."""
    if policy.corrections == "apres-chaque-question":
        return "Correction de chaque question dès que vous la vérifiez"
    if policy.corrections == "apres-validation":
        return "Correction affichée dès la validation"
    if policy.corrections == "apres-derniere-tentative":
        return ("Correction affichée après la validation" if policy.attempts == 1
                else "Correction affichée après votre dernière validation")
    return "Pas de correction affichée : seul " + ("le score" if policy.graded else "le résultat") + " vous est donné"


def attempts_text(policy: EvaluationPolicy) -> str:
    if policy.attempts == 1:
        return "Une seule validation"
    return f"{policy.attempts} validations au plus" if policy.attempts else "Autant de validations que souhaité"


def policy_summary(policy: EvaluationPolicy) -> str:
    """The evaluation's rules in one line, for trainers (« notée, seuil de réussite 70 % ; une seule validation ; … »)."""
    marking = f"notée, seuil de réussite {policy.pass_mark} %" if policy.graded else "non notée"
    return f"{marking} ; {attempts_text(policy).lower()} ; {corrections_text(policy)[:1].lower()}{corrections_text(policy)[1:]}"


def render_quiz_form(quiz: QuizView, *, mode: str, salt: str, templates_dir: Path | None = None) -> str:
    """The evaluation as an HTML form; `mode` ("site" or "scorm") is handed to the template. Neither holds
    an answer in clear: accepted responses are salted keys, feedback is masked until shown."""
    html = _form_environment(templates_dir).get_template("form.html.j2").render(
        quiz=quiz,
        mode=mode,
        salt=salt,
        keys=lambda q: [answer_key(salt, q.id, r) for r in q.correct],
        feedback=lambda q: obfuscated_feedback(salt, q),
        type_label=lambda t: QUESTION_LABELS.get(t, t),
        corrections_text=corrections_text,
        attempts_text=attempts_text,
    )
    # One block without blank lines: Markdown passes it through untouched.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"

"""The evaluations as native Moodle questions (Moodle XML), for a quiz whose answers stay on the server.

Entry point: `export_questions(curriculum, out_dir, module_ids)` writes `<module>-questions-moodle.xml`:
one category per module and evaluation (`$course$/top/<module>/<evaluation>`), the six question types
mapped to Moodle 4.3's core types:

    choix-unique, choix-multiple  multichoice (single / multiple; a multiple choice gives partial credit,
                                  wrong choices take it back, so ticking everything scores 0)
    vrai-faux                     truefalse
    appariement                   match
    ordre                         match: each step paired with its position (Moodle 4.3 has no core
                                  ordering type; qtype_ordering is core from 4.4)
    reponse-courte                shortanswer, case ignored; the accepted answers, plus each one without
                                  accents and with a straight apostrophe, as trainkit's own comparison

Feedback: the question's `correct` / `incorrect` messages, as Moodle's combined feedback (choices,
matching) or per answer (true/false, short answer, with a « * » catch-all for a wrong short answer).
The file holds every answer: it is for the trainer importing it (Banque de questions → Importer →
format Moodle XML), never for learners.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ...errors import TrainkitError
from ...model.curriculum import Curriculum
from ...model.evaluation import Evaluation
from ...model.module import Module
from ...render import french
from ...views.quiz import QuestionView, normalise_answer, quiz_view

__all__ = ["export_questions", "questions_file_name"]


def questions_file_name(module_id: str) -> str:
    return f"{module_id}-questions-moodle.xml"


def export_questions(curriculum: Curriculum, out_dir: Path, module_ids: list[str] | None = None) -> list[Path]:
    """Write one Moodle XML file per module (all of them by default); the paths. Written in a temporary
    folder inside `out_dir`, then moved into place, so a failure leaves no half-written file."""
    known = {module.id: module for module in curriculum.modules}
    chosen = list(dict.fromkeys(module_ids)) if module_ids is not None else list(known)
    unknown = [module_id for module_id in chosen if module_id not in known]
    if unknown:
        raise TrainkitError(f"module inconnu : « {unknown[0]} » (modules du curriculum : {', '.join(sorted(known))})")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".trainkit-moodle-", dir=out_dir))
    try:
        for module_id in chosen:
            (staging / questions_file_name(module_id)).write_bytes(module_questions_xml(known[module_id]))
        written = []
        for module_id in chosen:
            target = out_dir / questions_file_name(module_id)
            os.replace(staging / target.name, target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def module_questions_xml(module: Module) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    for evaluation in module.all_evaluations:
        out.append(_category(module, evaluation))
        view = quiz_view(evaluation, module.id)
        for question, shown in zip(evaluation.questions, view.questions):
            out.append(_question(module, evaluation, question, shown))
    out.append("</quiz>\n")
    return "".join(out).encode("utf-8")


# --- XML pieces --------------------------------------------------------------------------------------


def _text(value: str) -> str:
    return f"<text>{escape(value)}</text>"


def _html(tag: str, html: str, indent: str = "    ") -> str:
    return f'{indent}<{tag} format="html">{_text(html)}</{tag}>\n'


def _plain_html(text: str) -> str:
    """A plain-text field of the curriculum as HTML: escaped, typeset."""
    return escape(french(text))


def _category_name(title: str) -> str:
    # Moodle splits category paths on "/"; a "/" inside a name is written "//".
    return " ".join(title.split()).replace("/", "//")


def _category(module: Module, evaluation: Evaluation) -> str:
    path = f"$course$/top/{_category_name(module.title)}/{_category_name(evaluation.title)}"
    return (
        '  <question type="category">\n'
        f"    <category>{_text(path)}</category>\n"
        f'    <info format="html">{_text(_plain_html(f"{module.title} — {evaluation.title}"))}</info>\n'
        f"    <idnumber>{escape(f'{module.id}/{evaluation.id}')}</idnumber>\n"
        "  </question>\n"
    )


def _name(shown: QuestionView, question) -> str:
    words = " ".join(question.prompt.replace("*", "").replace("`", "").split())
    return f"{shown.number:02d}. {words[:80]}{'…' if len(words) > 80 else ''}"


# Moodle's grade options (question_bank::fraction_options_full), in %: its importer refuses any other.
_MOODLE_FRACTIONS = {"100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30", "25",
                     "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5", "0"}
_MOODLE_FRACTIONS |= {f"-{value}" for value in _MOODLE_FRACTIONS if value != "0"}


def _fraction(share: float, where: str) -> str:
    """A fraction as Moodle writes its grade options (33.33333, 50, -100)."""
    text = f"{share:.5f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    if text not in _MOODLE_FRACTIONS:
        raise TrainkitError(f"{where} : Moodle ne sait pas noter une part de {text} % (plus de 10 propositions "
                            "justes, ou fausses, dans un choix multiple) ; réduisez le nombre de propositions")
    return text


def _question(module: Module, evaluation: Evaluation, question, shown: QuestionView) -> str:
    kind = {"choix-unique": "multichoice", "choix-multiple": "multichoice", "vrai-faux": "truefalse",
            "appariement": "matching", "ordre": "matching", "reponse-courte": "shortanswer"}[shown.type]
    correct_html = shown.feedback_correct_html
    incorrect_html = shown.feedback_incorrect_html
    head = (
        f"  <question type={quoteattr(kind)}>\n"
        f"    <name>{_text(_name(shown, question))}</name>\n"
        + _html("questiontext", shown.prompt_html)
        + _html("generalfeedback", "")
        + "    <defaultgrade>1</defaultgrade>\n    <penalty>0</penalty>\n    <hidden>0</hidden>\n"
        f"    <idnumber>{escape(question.id)}</idnumber>\n"
    )
    body: list[str] = []
    if shown.type in ("choix-unique", "choix-multiple"):
        single = shown.type == "choix-unique"
        where = f"module « {module.id} », évaluation « {evaluation.id} », question « {question.id} »"
        right = set(shown.correct[0].split(","))
        wrong_count = len(shown.options) - len(right)
        body.append(f"    <single>{'true' if single else 'false'}</single>\n")
        body.append("    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>none</answernumbering>\n")
        body.append("    <showstandardinstruction>1</showstandardinstruction>\n")
        body += _combined_feedback(correct_html, incorrect_html)
        for option in shown.options:
            is_right = option.id in right
            if single:
                share = 100.0 if is_right else 0.0
            else:
                share = 100 / len(right) if is_right else (-100 / wrong_count if wrong_count else 0)
            # The question's own feedback is Moodle's combined feedback: per answer, it would show twice.
            body.append(
                f'    <answer fraction="{_fraction(share, where)}" format="html">{_text(_plain_html(option.text))}'
                '<feedback format="html"><text></text></feedback></answer>\n'
            )
    elif shown.type == "vrai-faux":
        truth = shown.correct[0] == "true"
        for value in (True, False):
            is_right = value == truth
            body.append(
                f'    <answer fraction="{100 if is_right else 0}" format="moodle_auto_format">'
                f"{_text('true' if value else 'false')}"
                f'<feedback format="html">{_text(correct_html if is_right else incorrect_html)}</feedback></answer>\n'
            )
    elif shown.type == "appariement":
        body.append("    <shuffleanswers>true</shuffleanswers>\n")
        body += _combined_feedback(correct_html, incorrect_html)
        for pair in question.pairs:
            body.append(
                f'    <subquestion format="html">{_text(_plain_html(pair.left))}'
                f"<answer>{_text(french(pair.right))}</answer></subquestion>\n"
            )
    elif shown.type == "ordre":
        body.append("    <shuffleanswers>true</shuffleanswers>\n")
        body += _combined_feedback(correct_html, incorrect_html)
        count = len(question.items)
        for position, item in enumerate(question.items, start=1):
            label = f"{position}{'re' if position == 1 else 'e'} étape" + (" (la dernière)" if position == count else "")
            body.append(
                f'    <subquestion format="html">{_text(_plain_html(item))}'
                f"<answer>{_text(french(label))}</answer></subquestion>\n"
            )
    elif shown.type == "reponse-courte":
        body.append("    <usecase>0</usecase>\n")
        for accepted in _accepted_variants(question.accepted):
            body.append(
                f'    <answer fraction="100" format="moodle_auto_format">{_text(accepted)}'
                f'<feedback format="html">{_text(correct_html)}</feedback></answer>\n'
            )
        if incorrect_html:  # any other answer: the explanation
            body.append(
                '    <answer fraction="0" format="moodle_auto_format"><text>*</text>'
                f'<feedback format="html">{_text(incorrect_html)}</feedback></answer>\n'
            )
    return head + "".join(body) + "  </question>\n"


def _combined_feedback(correct_html: str, incorrect_html: str) -> list[str]:
    return [
        _html("correctfeedback", correct_html),
        _html("partiallycorrectfeedback", incorrect_html),
        _html("incorrectfeedback", incorrect_html),
        "    <shownumcorrect/>\n",
    ]


def _accepted_variants(accepted: list[str]) -> list[str]:
    """The accepted answers, then what trainkit also accepts (no accents, straight apostrophe): Moodle's
    short answer ignores case only. A « * » in an answer is Moodle's wildcard: written « \\* »."""
    variants: list[str] = []
    for answer in accepted:
        for variant in (answer.strip(), answer.strip().replace("’", "'"), normalise_answer(answer)):
            variant = variant.replace("*", "\\*")
            if variant and variant.lower() not in {v.lower() for v in variants}:
                variants.append(variant)
    return variants

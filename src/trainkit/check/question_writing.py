"""Question-writing linter: the cues that let a learner answer without knowing.

All findings are warnings: a question can be valid and still measure test-wiseness
rather than the objective. Each rule names what to change.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model.curriculum import Curriculum
from ..model.evaluation import Matching, MultipleChoice, ShortAnswer, SingleChoice, TrueFalse
from .evaluations import _located_evaluations

WARNING = Severity.WARNING


def _plain(text: str) -> str:
    """Lower case, no accents, typographic apostrophes straightened."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    return text.lower()


def _normalised_answer(text: str) -> str:
    """« La Mission locale. » and « mission locale » are the same answer."""
    words = re.findall(r"[a-z0-9]+", _plain(text))
    while words and words[0] in {"le", "la", "les", "l", "un", "une", "des", "d", "de", "du"}:
        words = words[1:]
    return " ".join(words)


# --- 1. the correct option is the longest ---------------------------------------------------


def _longest_is_correct(question: SingleChoice | MultipleChoice) -> bool:
    right = [len(c.text) for c in question.choices if c.correct]
    wrong = [len(c.text) for c in question.choices if not c.correct]
    return bool(right and wrong) and min(right) > max(wrong)


def correct_option_is_not_the_longest(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """Test-wise learners pick the longest option: it must not be the right one most of the time."""
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for evaluation, here in _located_evaluations(module):
            choice = [(j, q) for j, q in enumerate(evaluation.questions) if isinstance(q, (SingleChoice, MultipleChoice))]
            giveaways = [q.id for _, q in choice if _longest_is_correct(q)]
            if len(choice) >= 3 and len(giveaways) * 2 > len(choice):
                yield source.diagnostic(
                    here + ("questions",), "reponse-la-plus-longue", severity=WARNING,
                    message=f"dans « {evaluation.title} », la bonne réponse est plus longue que toutes les "
                    f"mauvaises dans {len(giveaways)} questions à choix sur {len(choice)} : un stagiaire qui "
                    "choisit la proposition la plus longue réussit sans savoir",
                    hint="raccourcissez la bonne réponse ou étoffez les distracteurs, au moins dans : "
                    + ", ".join(f"`{i}`" for i in giveaways))


# --- 2. a matching pair shares a word --------------------------------------------------------

STOP_WORDS = set("""
    avec dans pour sans sous vers chez leur leurs elle elles nous vous ceux cela cette celle celles ceci
    tout tous toute toutes plus moins mais donc comme aussi entre depuis selon dont etre avoir fait font
    sont etait ainsi autre autres meme tres bien encore quand alors lors apres avant pendant contre parmi
    chaque quel quelle quels quelles peut peuvent doit doivent ayant etant part celui
    notamment seulement surtout toujours jamais rien personne personnes
""".split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word[-1] in "sx" else word


def _words(text: str) -> set[str]:
    found = {_stem(w) for w in re.findall(r"[a-z]+", _plain(text)) if len(w) >= 4}
    return {w for w in found if w not in STOP_WORDS and len(w) >= 4}


def _related(left: str, right: str) -> bool:
    # « microcredit » gives away « credit »; « jeune » gives away « jeunes ».
    return left == right or (min(len(left), len(right)) >= 5 and (left in right or right in left))


def matching_items_share_no_word(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """A word shared by a left item and its own right item only gives the pair away."""
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for evaluation, here in _located_evaluations(module):
            for j, question in enumerate(evaluation.questions):
                if not isinstance(question, Matching):
                    continue
                rights = [_words(p.right) for p in question.pairs]
                for k, pair in enumerate(question.pairs):
                    others = set().union(*(r for m, r in enumerate(rights) if m != k))
                    shared = sorted(
                        right for left in _words(pair.left) for right in rights[k]
                        if _related(left, right) and not any(_related(right, o) for o in others)
                    )
                    if shared:
                        yield source.diagnostic(
                            here + ("questions", j, "pairs", k), "appariement-indice", severity=WARNING,
                            message=f"dans la question `{question.id}`, « {pair.left} » et « {pair.right} » "
                            f"partagent le mot « {shared[0]} » : la paire se trouve sans connaître la réponse",
                            hint="reformulez l'élément de droite sans reprendre un mot de celui de gauche")


# --- 3. « toutes / aucune des réponses ci-dessus » ------------------------------------------

_ALL_OR_NONE = re.compile(
    r"^(toutes?|aucune?|tout|rien)\b.*\b(reponses?|propositions?|choix|options?|ci-dessus|precede|precedentes?)\b"
    r"|^(les deux|tout ce qui precede|rien de ce qui precede)\b"
    r"|^(aucune|toutes?) (de ces|des|les) (reponses?|propositions?)\b"
)


def no_all_or_none_of_the_above(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """« Toutes les réponses ci-dessus » rewards partial knowledge and breaks when options are shuffled."""
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for evaluation, here in _located_evaluations(module):
            for j, question in enumerate(evaluation.questions):
                if not isinstance(question, (SingleChoice, MultipleChoice)):
                    continue
                for k, choice in enumerate(question.choices):
                    if _ALL_OR_NONE.search(_plain(choice.text).strip(" .!")):
                        yield source.diagnostic(
                            here + ("questions", j, "choices", k, "text"), "toutes-aucune", severity=WARNING,
                            message=f"dans la question `{question.id}`, la proposition « {choice.text} » renvoie "
                            "aux autres : elle se devine en repérant deux propositions vraies ou une fausse, "
                            "et n'a plus de sens quand l'ordre des propositions est mélangé",
                            hint="remplacez-la par une proposition autonome, ou passez en `type: choix-multiple`")


# --- 4. a negative stem without emphasis -----------------------------------------------------

_NEGATIVE = re.compile(r"\b(pas|sauf|jamais|aucune?|hormis|except[ée]e?s?)\b", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.DOTALL)


def _unemphasised_negation(prompt: str) -> str | None:
    emphasised = [m.span() for m in _EMPHASIS.finditer(prompt)]
    for match in _NEGATIVE.finditer(prompt.replace("’", "'")):
        word = match.group(0)
        if word.isupper() and len(word) > 1:
            continue
        if any(start <= match.start() < end for start, end in emphasised):
            continue
        return word
    return None


def _stem_of(question) -> str:
    """What the learner is asked: a true/false statement whole, otherwise the sentence with the question
    mark (« Dylan n'a pas de diplôme. Que lui proposer ? » asks nothing negative)."""
    if isinstance(question, TrueFalse):
        return question.prompt
    asked = [s for s in re.split(r"(?<=[.!?])\s+", question.prompt.strip()) if "?" in s]
    return asked[-1] if asked else question.prompt


def negative_stems_are_emphasised(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """A learner reading fast misses « ne … pas » or « sauf »: the negation must stand out."""
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for evaluation, here in _located_evaluations(module):
            for j, question in enumerate(evaluation.questions):
                word = _unemphasised_negation(_stem_of(question))
                if word is not None:
                    yield source.diagnostic(
                        here + ("questions", j, "prompt"), "enonce-negatif", severity=WARNING,
                        message=f"l'énoncé de la question `{question.id}` est à la forme négative (« {word} ») "
                        "sans que la négation ressorte : lu vite, il se comprend à l'envers",
                        hint=f"tournez l'énoncé à la forme affirmative, ou mettez la négation en évidence : "
                        f"**{word}** ou {word.upper()}")


# --- 5. a fact tested twice ------------------------------------------------------------------


def _correct_answers(question) -> list[str]:
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return [c.text for c in question.choices if c.correct]
    if isinstance(question, ShortAnswer):
        return question.accepted[:1]
    return []


def no_fact_tested_twice(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """The same right answer in two questions of a module spends two questions on one fact."""
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        first: dict[str, tuple[tuple[str, str], str]] = {}
        for evaluation, here in _located_evaluations(module):
            for j, question in enumerate(evaluation.questions):
                for answer in _correct_answers(question):
                    key = _normalised_answer(answer)
                    if not key:
                        continue
                    if key in first and first[key][0] != (evaluation.id, question.id):
                        (_, earlier), where = first[key]
                        yield source.diagnostic(
                            here + ("questions", j), "fait-teste-deux-fois", severity=WARNING,
                            message=f"la question `{question.id}` a la même bonne réponse que `{earlier}` "
                            f"({where}) : « {answer} » — le même fait est évalué deux fois",
                            hint="gardez une seule de ces questions et consacrez l'autre à un objectif ou à "
                            "un fait qui n'est pas encore évalué")
                    else:
                        first.setdefault(key, ((evaluation.id, question.id), f"« {evaluation.title} »"))

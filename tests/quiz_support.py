"""An evaluation with every question type, and a robot learner that answers it right or wrong."""

from __future__ import annotations

from trainkit.model.evaluation import Matching, MultipleChoice, Ordering, ShortAnswer, SingleChoice, TrueFalse

ALL_TYPES_EVALUATION = """  - id: positionnement
    kind: positionnement
    title: Test de positionnement
    instructions: Ce test n'est pas noté ; il sert à adapter la formation.
    questions:
      - id: jeunes
        type: choix-unique
        prompt: Quel dispositif s'adresse aux jeunes de 16 à 25 ans ?
        objectives: [cartographier-acteurs]
        choices:
          - text: Le contrat d'engagement jeune
            correct: true
          - text: Le revenu de solidarité active
          - text: L'allocation aux adultes handicapés
        feedback:
          correct: Exact, le CEJ, porté par la Mission locale ou France Travail.
          incorrect: Le dispositif des 16-25 ans est le contrat d'engagement jeune.
      - id: structures
        type: choix-multiple
        prompt: Lesquelles sont des structures d'insertion par l'activité économique ?
        objectives: [cartographier-acteurs]
        choices:
          - text: Un atelier et chantier d'insertion
            correct: true
          - text: Une entreprise d'insertion
            correct: true
          - text: Un centre communal d'action sociale
      - id: france-travail
        type: vrai-faux
        prompt: Pôle emploi est devenu France Travail le 1er janvier 2024.
        objectives: [cartographier-acteurs]
        answer: true
      - id: publics
        type: appariement
        prompt: Associez chaque dispositif à son public.
        objectives: [cartographier-acteurs]
        pairs:
          - left: CEJ
            right: Jeunes de 16 à 25 ans
          - left: RSA
            right: Personnes aux ressources faibles, dès 25 ans
          - left: ESAT
            right: Personnes handicapées orientées par la CDAPH
      - id: pmsmp
        type: ordre
        prompt: Remettez dans l'ordre les étapes d'une PMSMP.
        objectives: [cartographier-acteurs]
        items:
          - Définir l'objectif de l'immersion avec la personne
          - Trouver une structure d'accueil
          - Faire signer la convention par un prescripteur
          - Faire le bilan de l'immersion
      - id: sigle
        type: reponse-courte
        prompt: Quel sigle désigne une structure d'insertion par l'activité économique ?
        objectives: [cartographier-acteurs]
        accepted: [SIAE, structure d'insertion par l'activité économique]
        feedback:
          correct: Oui, SIAE.
          incorrect: On parle de SIAE.
"""


GRADED_FINAL_EVALUATION = """  - id: evaluation-finale
    kind: finale
    title: Évaluation finale
    pass_mark: 67
    attempts: 2
    questions:
      - id: jeunes
        type: vrai-faux
        prompt: Le contrat d'engagement jeune s'adresse aux 16-25 ans.
        objectives: [cartographier-acteurs]
        answer: true
        feedback:
          incorrect: Si, de 16 à 25 ans (29 ans pour une personne handicapée).
      - id: rsa
        type: vrai-faux
        prompt: Le RSA est versé dès 18 ans sans condition.
        objectives: [cartographier-acteurs]
        answer: false
      - id: ft
        type: vrai-faux
        prompt: Pôle emploi est devenu France Travail en 2024.
        objectives: [cartographier-acteurs]
        answer: true
"""


# The same final evaluation ungraded, two validations, corrections after the last one: what the learner site
# offers to practise (a graded evaluation is taken in the LMS only).
PRACTICE_FINAL_EVALUATION = GRADED_FINAL_EVALUATION.replace(
    "    pass_mark: 67\n", "    graded: false\n    corrections: apres-derniere-tentative\n")


def replace_final_evaluation(starter, text: str) -> None:
    """The scaffold's final evaluation (the last entry of `evaluations`) replaced by `text`."""
    module = starter.module.read_text(encoding="utf-8")
    head, _, _ = module.partition("  - id: evaluation-finale\n")
    starter.module.write_text(head + text, encoding="utf-8")


def add_all_types_evaluation(starter) -> None:
    text = starter.module.read_text(encoding="utf-8")
    starter.module.write_text(text.replace("evaluations:\n", "evaluations:\n" + ALL_TYPES_EVALUATION, 1),
                              encoding="utf-8")


def answer(page, scope, question, *, right: bool) -> None:
    """Answer `question` inside `scope` (a locator of its fieldset) as a learner would, with the keyboard or mouse."""
    if isinstance(question, SingleChoice):
        choice = next(c for c in question.choices if c.correct is right)
        scope.get_by_label(choice.text, exact=True).check()
    elif isinstance(question, MultipleChoice):
        for choice in question.choices:
            if choice.correct is right:
                scope.get_by_label(choice.text, exact=True).check()
    elif isinstance(question, TrueFalse):
        scope.get_by_label("Vrai" if question.answer is right else "Faux", exact=True).check()
    elif isinstance(question, Matching):
        rights = [p.right for p in question.pairs]
        for index, pair in enumerate(question.pairs):
            target = pair.right if right else rights[(index + 1) % len(rights)]
            scope.get_by_label(pair.left, exact=True).select_option(label=target)
    elif isinstance(question, Ordering):
        count = len(question.items)
        for index, item in enumerate(question.items):
            position = index + 1 if right else count - index
            scope.get_by_label(item, exact=True).select_option(str(position))
    elif isinstance(question, ShortAnswer):
        # Accents and case do not matter: type it the way a hurried learner would.
        scope.get_by_label("Votre réponse").fill(question.accepted[0].upper() if right else "je ne sais pas")
    else:  # pragma: no cover
        raise TypeError(type(question))

"""Evaluations: answer keys that make sense, references that resolve, every objective evaluated."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, Severity, YamlPath
from ..model.curriculum import Curriculum
from ..model.evaluation import Evaluation, Matching, MultipleChoice, SingleChoice
from ..model.module import Module
from .references import _did_you_mean


def _located_evaluations(module: Module) -> Iterator[tuple[Evaluation, YamlPath]]:
    for i, evaluation in enumerate(module.evaluations):
        yield evaluation, ("evaluations", i)
    for i, session in enumerate(module.sessions):
        if session.evaluation is not None:
            yield session.evaluation, ("sessions", i, "evaluation")


def evaluations_are_well_formed(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        seen_ids: dict[str, YamlPath] = {}
        seen_kinds: set[str] = set()
        for evaluation, here in _located_evaluations(module):
            if evaluation.id in seen_ids:
                yield source.diagnostic(here + ("id",), "id-en-double",
                                        f"l'identifiant d'évaluation `{evaluation.id}` est déjà utilisé dans ce module",
                                        hint="donnez à chaque évaluation un identifiant différent")
            seen_ids.setdefault(evaluation.id, here)
            in_session = here[0] == "sessions"
            if in_session and evaluation.kind != "controle":
                yield source.diagnostic(here + ("kind",), "evaluation-genre",
                                        "une évaluation rattachée à une séquence est une vérification courte",
                                        hint="écrivez `kind: controle`, ou déplacez-la dans `evaluations` du module")
            elif not in_session and evaluation.kind == "controle":
                yield source.diagnostic(here + ("kind",), "evaluation-genre",
                                        "une vérification courte (`controle`) se rattache à une séquence",
                                        hint="déplacez-la sous `evaluation:` de la séquence, ou choisissez "
                                        "`positionnement` ou `finale`")
            elif not in_session:
                if evaluation.kind in seen_kinds:
                    yield source.diagnostic(here + ("kind",), "evaluation-double",
                                            f"le module a déjà une évaluation `{evaluation.kind}`",
                                            hint="regroupez les questions dans une seule évaluation de ce genre")
                seen_kinds.add(evaluation.kind)
            yield from _policy(source, evaluation, here)
            yield from _questions(source, module, evaluation, here)


def evaluation_sessions_exist(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        sessions = [session.id for session in module.sessions]
        for i, evaluation in enumerate(module.evaluations):
            if evaluation.session is not None and evaluation.session not in sessions:
                yield curriculum.module_source(module).diagnostic(
                    ("evaluations", i, "session"), "sequence-inconnue",
                    f"la séquence `{evaluation.session}` n'existe pas dans ce module",
                    hint=_did_you_mean(evaluation.session, sessions))


def _policy(source, evaluation: Evaluation, here: YamlPath) -> Iterator[Diagnostic]:
    policy = evaluation.policy
    if not policy.graded and evaluation.pass_mark is not None:
        yield source.diagnostic(here + ("pass_mark",), "seuil-sans-note", severity=Severity.WARNING,
                                message="un seuil de réussite n'a de sens que pour une évaluation notée : "
                                "celle-ci ne l'est pas, le seuil est ignoré",
                                hint="retirez `pass_mark`, ou écrivez `graded: true` pour la noter")
    if policy.graded and policy.attempts != 1 and policy.corrections in ("apres-chaque-question", "apres-validation"):
        yield source.diagnostic(here + ("corrections",), "correction-avant-nouvelle-tentative",
                                severity=Severity.WARNING,
                                message="la correction est montrée avant une nouvelle tentative d'une évaluation notée : "
                                "la tentative suivante peut recopier les bonnes réponses",
                                hint="écrivez `corrections: apres-derniere-tentative`, ou `attempts: 1`")


def _questions(source, module: Module, evaluation: Evaluation, here: YamlPath) -> Iterator[Diagnostic]:
    objectives = list(module.objective_ids())
    seen: set[str] = set()
    for j, question in enumerate(evaluation.questions):
        at = here + ("questions", j)
        if question.id in seen:
            yield source.diagnostic(at + ("id",), "id-en-double",
                                    f"l'identifiant de question `{question.id}` est déjà utilisé dans « {evaluation.title} »",
                                    hint="donnez à chaque question un identifiant différent")
        seen.add(question.id)
        if isinstance(question, SingleChoice):
            correct = sum(c.correct for c in question.choices)
            if correct != 1:
                yield source.diagnostic(at + ("choices",), "bonne-reponse",
                                        f"la question `{question.id}` (choix unique) a {correct} bonnes réponses : il en faut exactement une",
                                        hint="mettez `correct: true` sur une seule proposition, ou passez en `type: choix-multiple`")
        elif isinstance(question, MultipleChoice):
            if not any(c.correct for c in question.choices):
                yield source.diagnostic(at + ("choices",), "bonne-reponse",
                                        f"la question `{question.id}` (choix multiple) n'a aucune bonne réponse",
                                        hint="mettez `correct: true` sur au moins une proposition")
        elif isinstance(question, Matching):
            for side in ("left", "right"):
                values = [getattr(p, side) for p in question.pairs]
                if len(set(values)) != len(values):
                    yield source.diagnostic(at + ("pairs",), "appariement-ambigu",
                                            f"la question `{question.id}` répète un élément à {'gauche' if side == 'left' else 'droite'} : l'appariement serait ambigu",
                                            hint="chaque élément ne doit apparaître qu'une fois de chaque côté")
        for k, ref in enumerate(question.objectives):
            if ref not in objectives:
                yield source.diagnostic(at + ("objectives", k), "objectif-inconnu",
                                        f"la question `{question.id}` renvoie à l'objectif `{ref}`, qui n'existe pas dans ce module",
                                        hint=_did_you_mean(ref, objectives))


def objectives_are_evaluated(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """Qualiopi indicator 11: whether each objective is reached must be evaluated."""
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        evaluations = module.all_evaluations
        if not evaluations:
            yield source.diagnostic(("id",), "sans-evaluation", severity=Severity.WARNING,
                                    message=f"le module `{module.id}` n'a aucune évaluation : ni positionnement à l'entrée, "
                                    "ni évaluation des acquis (Qualiopi, indicateurs 8 et 11)",
                                    hint="ajoutez `evaluations:` avec un test de positionnement et une évaluation finale")
            continue
        evaluated = {ref for e in evaluations for q in e.questions for ref in q.objectives}
        for i, competence in enumerate(module.competences):
            for j, objective in enumerate(competence.objectives):
                if objective.id not in evaluated:
                    yield source.diagnostic(("competences", i, "objectives", j), "objectif-non-evalue",
                                            severity=Severity.WARNING,
                                            message=f"l'objectif `{objective.id}` n'est évalué par aucune question",
                                            hint=f"ajoutez `{objective.id}` aux `objectives` d'une question")


def completion_rule_is_possible(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        if module.completion == "evaluation-reussie" and module.evaluation("finale") is None:
            yield curriculum.module_source(module).diagnostic(
                ("completion",), "completion-sans-evaluation",
                "`completion: evaluation-reussie` demande une évaluation finale, que ce module n'a pas",
                hint="ajoutez une évaluation `kind: finale`, ou écrivez `completion: contenu-vu`")

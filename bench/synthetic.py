"""A large, valid, realistic-looking curriculum for the benchmarks.

200 modules × 100 sessions = 20,000 sessions by default: 5 days of 10 half-days,
each holding ten 20-minute sessions (3 h 20 of a 3 h 30 half-day), so that the
curriculum is valid and the benchmarks time real work, not error reporting.
Each module has a positioning test (6 questions) and a final evaluation (15
questions, one per objective), with every question type, as issue 5 asks.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from trainkit.scaffold import scaffold_curriculum

PARAGRAPH = (
    "Le travailleur social établit avec la personne accompagnée un état des lieux global de sa situation, "
    "intégrant la dimension professionnelle. Il mobilise les dispositifs (IAE, PLIE, CEJ, PMSMP) et coordonne "
    "son action avec France Travail, la Mission locale, la CAF et le CD."
)


def module_data(index: int, sessions: int) -> dict:
    module_id = f"module-{index:03d}"
    competences = []
    objective_ids = []
    for c in range(5):
        objectives = []
        for o in range(3):
            objective_id = f"obj-{c}-{o}"
            objective_ids.append(objective_id)
            objectives.append({"id": objective_id, "text": f"Identifier les acteurs du champ {c}.{o}", "bloom": "appliquer"})
        competences.append({
            "id": f"competence-{c}",
            "title": f"Compétence {c} : mobiliser l'offre de services et les dispositifs",
            "objectives": objectives,
            "content": [
                "Présentation des principaux acteurs et de leurs responsabilités",
                {"text": "Les dispositifs d'accompagnement", "numbered": True,
                 "items": ["La Garantie jeunes, le PACEA", "L'accompagnement global", "L'insertion par l'activité économique"]},
            ],
        })
    plan = []
    per_half_day = 10
    for s in range(sessions):
        slot = s // per_half_day
        session = {
            "id": f"sequence-{s:03d}",
            "title": f"Séquence {s + 1} : les acteurs de l'insertion sur le territoire",
            "duration": "20min",
            "modality": "présentiel",
            "day": slot // 2 + 1,
            "half_day": "matin" if slot % 2 == 0 else "après-midi",
            "methods": ["apports", "etude-de-cas"],
            "objectives": [objective_ids[s % len(objective_ids)]],
            "content": f"## Points clés\n\n{PARAGRAPH}\n\n- Repérer les freins périphériques\n- Orienter vers le bon acteur\n",
            "trainer_notes": f"Prévoir 5 minutes d'échanges. {PARAGRAPH}",
            "resources": [{"title": "Fiche pratique", "url": "https://www.service-public.fr/"}],
        }
        if s == 0:
            session["presents_strategy"] = True
        plan.append(session)
    return {
        "id": module_id,
        "title": f"Module {index} : insertion socio-professionnelle",
        "subtitle": "Les politiques d'insertion, les acteurs, outils et dispositifs",
        "level": "fondamentaux",
        "audience": {"priority": "Travailleurs sociaux ayant des fonctions d'accompagnement généraliste."},
        "role": PARAGRAPH,
        "prerequisites": {"knowledge": ["Expérience de l'accompagnement social"]},
        "max_days": 5,
        "modalities": ["Interventions d'acteurs de l'emploi", "Analyse des pratiques"],
        "competences": competences,
        "sessions": plan,
        "evaluations": [
            {
                "id": "positionnement",
                "kind": "positionnement",
                "title": "Test de positionnement",
                "instructions": "Ce test n'est pas noté : il aide à adapter la formation.",
                "questions": [_question(kind, n, [objective_ids[n]], "P") for n, kind in enumerate(QUESTION_TYPES)],
            },
            {
                "id": "evaluation-finale",
                "kind": "finale",
                "title": "Évaluation finale",
                "instructions": "Répondez à toutes les questions, puis validez.",
                "pass_mark": 70,
                # One question per objective, so that every objective is evaluated (`validate --strict`).
                "questions": [
                    _question(QUESTION_TYPES[n % len(QUESTION_TYPES)], n, [objective_id], "F")
                    for n, objective_id in enumerate(objective_ids)
                ],
            },
        ],
    }


QUESTION_TYPES = ("choix-unique", "choix-multiple", "vrai-faux", "appariement", "ordre", "reponse-courte")
ACTORS = [
    ("La Mission locale", "les jeunes de 16 à 25 ans"),
    ("Cap emploi", "les personnes en situation de handicap"),
    ("Le département", "les allocataires du RSA"),
    ("Une SIAE", "les personnes éloignées de l'emploi"),
]


def _question(kind: str, n: int, objectives: list[str], series: str) -> dict:
    """A question whose right answers name its series and number: each fact is tested once per module
    (trainkit's question-writing rules warn otherwise, and the benchmark validates strictly)."""
    tag = f" (question {n + 1} du {'test' if series == 'P' else 'bilan'})"
    question: dict = {
        "id": f"question-{n + 1}",
        "type": kind,
        "objectives": objectives,
        "feedback": {"correct": "Exact.", "incorrect": f"Relisez la séquence {n + 1} : {PARAGRAPH[:80]}…"},
    }
    if kind == "choix-unique":
        question["prompt"] = f"Question {n + 1} : quel acteur accompagne les jeunes de 16 à 25 ans ?"
        question["choices"] = [{"text": actor + tag, "correct": i == 0} for i, (actor, _) in enumerate(ACTORS)]
    elif kind == "choix-multiple":
        question["prompt"] = f"Question {n + 1} : lesquels sont des dispositifs d'insertion ?"
        question["choices"] = [{"text": "Le PLIE" + tag, "correct": True}, {"text": "Le CEJ" + tag, "correct": True},
                               {"text": "La taxe foncière" + tag}, {"text": "Le permis de construire" + tag}]
    elif kind == "vrai-faux":
        question["prompt"] = f"Question {n + 1} : Pôle emploi est devenu France Travail le 1er janvier 2024."
        question["answer"] = True
    elif kind == "appariement":
        question["prompt"] = f"Question {n + 1} : associez chaque acteur à son public."
        question["pairs"] = [{"left": actor, "right": public} for actor, public in ACTORS]
    elif kind == "ordre":
        question["prompt"] = f"Question {n + 1} : remettez dans l'ordre les étapes d'une orientation."
        question["items"] = ["Recueillir la demande", "Choisir l'acteur avec la personne",
                             "Transmettre la fiche d'orientation", "Vérifier que le relais est pris"]
    else:
        question["prompt"] = f"Question {n + 1} : quel sigle désigne l'insertion par l'activité économique ?"
        question["accepted"] = ["IAE" + tag, "insertion par l'activité économique" + tag]
    return question


# Every acronym the modules use, explained (trainkit warns about the others, and the benchmarks validate strictly).
GLOSSARY = [
    ("IAE", "insertion par l'activité économique"),
    ("SIAE", "structure d'insertion par l'activité économique"),
    ("PLIE", "plan local pluriannuel pour l'insertion et l'emploi"),
    ("CEJ", "contrat d'engagement jeune"),
    ("PMSMP", "période de mise en situation en milieu professionnel"),
    ("PACEA", "parcours contractualisé d'accompagnement vers l'emploi et l'autonomie"),
    ("CAF", "caisse d'allocations familiales"),
    ("CD", "conseil départemental"),
]

# The first session of each module presents the national strategy, as in the bundled plan: the programme has one.
STRATEGY = {
    "title": "Les grands axes de la stratégie nationale de prévention et de lutte contre la pauvreté",
    "summary": "La stratégie repose sur deux priorités : **prévenir la pauvreté dès la petite enfance** et "
               "**sortir de la pauvreté par l'emploi et l'accompagnement**.",
    "engagements": ["l'égalité des chances dès les premiers pas", "un parcours de formation garanti pour tous les jeunes"],
    "levers": ["la participation des personnes concernées", "la rénovation du travail social"],
}


def write_synthetic_curriculum(root: Path, modules: int = 200, sessions_per_module: int = 100) -> Path:
    if sessions_per_module > 100:
        raise ValueError("at most 100 sessions fit in 5 days of 20-minute sessions")
    if root.exists():
        shutil.rmtree(root)
    scaffold_curriculum(root)
    (root / "modules" / "mon-module.yml").unlink()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    glossary_file = root / "glossaire.yml"
    glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))
    glossary["terms"] += [{"term": term, "expansion": expansion} for term, expansion in GLOSSARY]
    glossary_file.write_text(
        "# yaml-language-server: $schema=schemas/glossary.schema.json\n"
        + yaml.dump(glossary, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8",
    )
    with (root / "programme.yml").open("a", encoding="utf-8") as file:
        file.write("\n" + yaml.dump({"strategy": STRATEGY}, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120))
    for index in range(modules):
        data = module_data(index, sessions_per_module)
        text = "# yaml-language-server: $schema=../schemas/module.schema.json\n" + yaml.dump(
            data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120
        )
        (root / "modules" / f"{data['id']}.yml").write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write the large synthetic curriculum.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=100)
    args = parser.parse_args()
    write_synthetic_curriculum(args.root, args.modules, args.sessions)

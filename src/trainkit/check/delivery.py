"""Sessions delivered (`sessions/<id>.yml`): they name a known module, their dates fit its plan,
each participant is listed once with a buyer and a BPF category, and the attendance and results
recorded match the module and the people."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model.curriculum import Curriculum
from ..model.common import format_minutes
from ..model.offer import format_number
from ..model.delivery import Delivery, name_key
from ..model.delivery_plan import dated_plan
from .references import _did_you_mean


def _deliveries(curriculum: Curriculum) -> Iterator[tuple[str, Delivery]]:
    yield from sorted(curriculum.deliveries.items())


def _module_of(curriculum: Curriculum, delivery: Delivery):
    """The session's module; None when unknown, or read only in part this run (some of its sessions or
    evaluations set aside for a wrong value): the session's dates and results wait for its fix."""
    try:
        module = curriculum.module(delivery.module)
    except KeyError:
        return None
    return None if getattr(curriculum.module_source(module), "blind_codes", None) is not None else module


def sessions_name_a_known_module(curriculum: Curriculum) -> Iterator[Diagnostic]:
    known = [m.id for m in curriculum.modules] + sorted(curriculum.unreadable_module_ids)
    for delivery_id, delivery in _deliveries(curriculum):
        if delivery.module not in known:
            yield curriculum.delivery_source(delivery_id).diagnostic(
                ("module",), "module-inconnu", f"la session renvoie au module `{delivery.module}`, qui n'existe pas",
                hint=_did_you_mean(delivery.module, known))


def session_dates_fit_the_module(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for delivery_id, delivery in _deliveries(curriculum):
        module = _module_of(curriculum, delivery)
        if module is None:
            continue
        source = curriculum.delivery_source(delivery_id)
        for problem in dated_plan(module, delivery).problems:
            yield source.diagnostic(problem.path, "date-session", problem.message, hint=problem.hint,
                                    at_key=len(problem.path) == 1)


def provider_identifies_itself(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """Conventions and certificates carry the provider's identifiers: required once a session exists."""
    if not curriculum.deliveries:
        return
    provider = curriculum.programme.provider
    missing = [(key, why) for key, why in (
        ("nda", "le numéro de déclaration d'activité (11 chiffres), avec `nda_region`"),
        ("siret", "le SIRET de l'organisme (14 chiffres)"),
        ("signatory", "qui signe : `name`, `role`, `city`"),
    ) if getattr(provider, key) is None]
    for key, why in missing:
        yield curriculum.programme_source.diagnostic(
            ("provider",), "identifiant-organisme",
            f"des sessions sont déclarées (sessions/) mais l'organisme n'a pas `{key}` : les conventions et "
            "certificats doivent le porter", hint=f"ajoutez sous `provider` : `{key}`, {why}", at_key=True)


def participants_are_listed_once(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for delivery_id, delivery in _deliveries(curriculum):
        source = curriculum.delivery_source(delivery_id)
        seen: dict[str, int] = {}
        emails: dict[str, int] = {}
        inline = isinstance(source.data.get("participants") if isinstance(source.data, dict) else None, list)
        for index, person in enumerate(delivery.people):
            where = ("participants", index) if inline else ("participants",)
            key = name_key(person.name)
            if key in seen:
                yield source.diagnostic(where, "participant-en-double",
                                        f"{person.name} est déjà inscrit (participant n° {seen[key] + 1})",
                                        hint="supprimez le doublon. Les présences et les résultats acceptent « Prénom Nom » comme "
                                        "« Nom Prénom » : deux personnes aux mêmes mots (homonymes, ou prénom et nom "
                                        "inversés) se distinguent par un second prénom ou une initiale")
            seen.setdefault(key, index)
            if person.email:
                if person.email.lower() in emails:
                    yield source.diagnostic(where, "participant-en-double",
                                            f"l'adresse {person.email} est déjà celle du participant n° "
                                            f"{emails[person.email.lower()] + 1}",
                                            hint="chaque participant a sa propre adresse")
                emails.setdefault(person.email.lower(), index)


def participants_have_a_buyer(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for delivery_id, delivery in _deliveries(curriculum):
        source = curriculum.delivery_source(delivery_id)
        buyers = {b.id: b for b in delivery.buyers}
        inline = isinstance(source.data.get("participants"), list)
        for index, buyer in enumerate(delivery.buyers):
            if buyer.kind != "particulier" and buyer.siret is None:
                yield source.diagnostic(("buyers", index), "financeur-sans-siret",
                                        f"le financeur `{buyer.id}` n'a pas de SIRET : la convention doit le porter",
                                        hint="ajoutez `siret:` (14 chiffres), ou `kind: particulier` pour une personne")
        for index, person in enumerate(delivery.people):
            where = ("participants", index) if inline else ("participants",)
            if person.buyer is None and len(buyers) > 1:
                yield source.diagnostic(where, "participant-sans-financeur",
                                        f"{person.name} : {len(buyers)} financeurs, lequel paie pour sa formation ?",
                                        hint=f"ajoutez `buyer:` ({', '.join(buyers)})")
                continue
            buyer = buyers.get(person.buyer) if person.buyer else next(iter(buyers.values()))
            if buyer is None:
                yield source.diagnostic(where + (("buyer",) if inline else ()), "financeur-inconnu",
                                        f"{person.name} : financeur `{person.buyer}` inconnu",
                                        hint=_did_you_mean(person.buyer or "", list(buyers)))
                continue
            if person.category is None and buyer.category is None:
                yield source.diagnostic(where, "categorie-bpf",
                                        f"{person.name} : aucune catégorie pour le bilan pédagogique et financier",
                                        hint=f"ajoutez `category:` au participant, ou au financeur `{buyer.id}` "
                                        "(salarie-prive, apprenti, demandeur-emploi, particulier, autre)")
        used = {p.buyer or (next(iter(buyers)) if len(buyers) == 1 else None) for p in delivery.people}
        for index, buyer in enumerate(delivery.buyers):
            if buyer.id not in used and delivery.people:
                yield source.diagnostic(("buyers", index), "financeur-sans-participant",
                                        f"le financeur `{buyer.id}` ne finance aucun participant : aucune "
                                        "convention ne sera écrite à son nom", hint="retirez-le, ou indiquez-le dans `buyer` d'un participant",
                                        severity=Severity.WARNING)


def attendance_matches_the_session(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for delivery_id, delivery in _deliveries(curriculum):
        module = _module_of(curriculum, delivery)
        if module is None:
            continue
        source = curriculum.delivery_source(delivery_id)
        plan = dated_plan(module, delivery)
        people = {name_key(p.name): p for p in delivery.people}
        recorded: dict[str, int] = {}
        attended: set[str] = set()
        for index, record in enumerate(delivery.attendance):
            here = ("attendance", index)
            slot = plan.slot(record.half_day)
            if slot is None:
                yield source.diagnostic(here + ("half_day",), "demi-journee-inconnue",
                                        f"« {record.half_day} » n'est pas une demi-journée du module `{module.id}`",
                                        hint="demi-journées possibles : " + ", ".join(s.key for s in plan.slots))
                continue
            if slot.key in recorded:
                yield source.diagnostic(here + ("half_day",), "presence-en-double",
                                        f"les présences de « {slot.key} » sont déjà saisies (entrée n° {recorded[slot.key] + 1})",
                                        hint="réunissez-les en une seule entrée")
                continue
            recorded[slot.key] = index
            named: dict[str, str] = {}
            lists = [("absent", record.absent), ("excused", record.excused), ("partial", list(record.partial))]
            if isinstance(record.present, list):
                lists.insert(0, ("present", record.present))
            for key, names in lists:
                for position, name in enumerate(names):
                    where = here + ((key, name) if key == "partial" else (key, position))
                    person = people.get(name_key(name))
                    if person is None:
                        yield source.diagnostic(where, "participant-inconnu",
                                                f"« {name} » ({slot.key}) n'est pas un participant de la session",
                                                hint=_did_you_mean(name, [p.name for p in delivery.people]),
                                                at_key=key == "partial")
                        continue
                    if person.name in named:
                        yield source.diagnostic(where, "presence-contradictoire",
                                                f"{person.name} est cité deux fois pour {slot.key} "
                                                f"({named[person.name]} et {key})",
                                                hint="un participant est soit présent, soit absent, soit excusé, soit "
                                                "présent en partie", at_key=key == "partial")
                    named.setdefault(person.name, key)
            for name, minutes in record.partial.items():
                if minutes > slot.minutes:
                    yield source.diagnostic(here + ("partial", name), "heures-en-trop",
                                            f"{name} : {format_minutes(minutes)} pour {slot.key}, qui dure "
                                            f"{format_minutes(slot.minutes)}",
                                            hint=f"au plus {format_minutes(slot.minutes)} ; présent tout du long : "
                                            "retirez-le de `partial`")
            attended |= _attended(record, people)
            if isinstance(record.present, list):
                for person in delivery.people:
                    if person.name not in named:
                        yield source.diagnostic(here + ("present",), "presence-manquante",
                                                f"{person.name} n'apparaît pas dans les présences de {slot.key}",
                                                hint="ajoutez-le à `present`, `absent`, `excused` ou `partial`, "
                                                "ou écrivez `present: tous`")
        yield from _no_show_warnings(source, delivery, plan, recorded, attended)


def _no_show_warnings(source, delivery: Delivery, plan, recorded: dict[str, int], attended: set[str]):
    if not delivery.attendance or set(recorded) != {slot.key for slot in plan.slots}:
        return
    inline = isinstance(source.data.get("participants"), list)
    for index, person in enumerate(delivery.people):
        if name_key(person.name) not in attended:
            yield source.diagnostic(("participants", index) if inline else ("participants",), "participant-jamais-present",
                                    f"{person.name} n'a suivi aucune demi-journée : ni certificat de réalisation "
                                    "ni attestation de fin de formation ne seront écrits à son nom",
                                    hint="vérifiez les feuilles d'émargement ; une personne qui n'est pas venue peut "
                                    "rester inscrite", severity=Severity.WARNING)


def _attended(record, people: dict) -> set[str]:
    """Who was there for some of the half-day."""
    away = {name_key(n) for n in [*record.absent, *record.excused]}
    away |= {name_key(n) for n, minutes in record.partial.items() if minutes == 0}
    there = set(people) if record.present == "tous" else {name_key(n) for n in record.present}
    there |= {name_key(n) for n, minutes in record.partial.items() if minutes > 0}
    return there - away


def results_match_the_module(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for delivery_id, delivery in _deliveries(curriculum):
        module = _module_of(curriculum, delivery)
        if module is None:
            continue
        source = curriculum.delivery_source(delivery_id)
        evaluations = [e.id for e in module.evaluations]
        people = {name_key(p.name) for p in delivery.people}
        typed = source.data.get("results") if isinstance(source.data, dict) else None
        scored: dict[tuple[str, str], tuple[int, float]] = {}
        for index, entry in enumerate(delivery.results):
            if entry.evaluation not in evaluations:
                yield source.diagnostic(("results", index, "evaluation"), "evaluation-inconnue",
                                        f"le module `{module.id}` n'a pas d'évaluation `{entry.evaluation}`",
                                        hint=_did_you_mean(entry.evaluation, evaluations))
            written = (typed[index].get("scores") or {}) if isinstance(typed, list) and isinstance(typed[index], dict) else {}
            typed_names = {name_key(str(name)): str(name) for name in written}
            imported = {name_key(name): score for name, score in entry._imported.items()}
            for name in written:
                if name_key(str(name)) not in people:
                    yield source.diagnostic(("results", index, "scores", name), "participant-inconnu",
                                            f"« {name} » n'est pas un participant de la session",
                                            hint=_did_you_mean(str(name), [p.name for p in delivery.people]),
                                            at_key=True)
            for name, score in entry.scores.items():
                key = name_key(name)
                if key not in people:
                    continue
                here = (("results", index, "scores", typed_names[key]) if key in typed_names
                        else ("results", index, "moodle"))
                if key in imported and key in typed_names and imported[key] != score:
                    yield source.diagnostic(here, "resultat-en-double",
                                            f"{name} : {format_number(score)} % saisi ici, "
                                            f"{format_number(imported[key])} % dans l'export de Moodle",
                                            hint="gardez un seul résultat : retirez la note saisie, ou corrigez "
                                            "la note dans Moodle puis exportez-la de nouveau", at_key=True)
                earlier = scored.get((entry.evaluation, key))
                if earlier is not None and earlier[1] != score:
                    yield source.diagnostic(here, "resultat-en-double",
                                            f"{name} : {format_number(score)} % ici, {format_number(earlier[1])} % "
                                            f"dans l'entrée n° {earlier[0] + 1} de `results` pour `{entry.evaluation}`",
                                            hint="un résultat par participant et par évaluation : retirez celui qui "
                                            "est faux (une note saisie, ou la ligne de l'export de Moodle)",
                                            at_key=key in typed_names)
                scored.setdefault((entry.evaluation, key), (index, score))

"""The session plan: placed in days and half-days, in order, within the module's length."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model.common import format_minutes
from ..model.curriculum import Curriculum
from ..model.module import Module, Session
from ..model.profiles import profile_of

HALF_DAY_ORDER = {"matin": 0, "après-midi": 1}


def _is_placed(session: Session) -> bool:
    if session.modality == "intersession":
        return session.intersession is not None and session.day is None and session.half_day is None
    return session.day is not None and session.half_day is not None and session.intersession is None


def sessions_are_placed(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for i, s in enumerate(module.sessions):
            here = ("sessions", i)
            if s.modality == "intersession":
                if s.intersession is None:
                    yield source.diagnostic(
                        here, "placement", f"la séquence d'intersession `{s.id}` ne dit pas de quelle intersession il s'agit",
                        hint="ajoutez `intersession: 1` (la période entre la partie 1 et la partie 2)")
                for key in ("day", "half_day"):
                    if getattr(s, key) is not None:
                        yield source.diagnostic(
                            here + (key,), "placement",
                            f"une séquence d'intersession se déroule entre deux parties, pas un jour de formation : `{key}` n'a pas de sens ici",
                            hint=f"retirez `{key}`, ou changez `modality` si la séquence a lieu en salle")
            else:
                for key, example in (("day", "day: 1"), ("half_day", "half_day: matin")):
                    if getattr(s, key) is None:
                        yield source.diagnostic(
                            here, "placement", f"la séquence `{s.id}` ({s.modality}) n'est pas placée : `{key}` manque",
                            hint=f"ajoutez `{example}`")
                if s.intersession is not None:
                    yield source.diagnostic(
                        here + ("intersession",), "placement",
                        f"`intersession` ne s'emploie qu'avec `modality: intersession` (ici : {s.modality})",
                        hint="retirez `intersession`, ou mettez `modality: intersession` et retirez le jour")


def sessions_are_in_order(curriculum: Curriculum) -> Iterator[Diagnostic]:
    for module in curriculum.modules:
        yield from _order_of(module, curriculum)


def _order_of(module: Module, curriculum: Curriculum) -> Iterator[Diagnostic]:
    source = curriculum.module_source(module)
    last_key: tuple[int, int] | None = None
    last_label = ""
    period = 0  # the intersession period we are in or after
    day_before_period = 0
    open_period_index: int | None = None  # an intersession still waiting for the next day
    for i, s in enumerate(module.sessions):
        if not _is_placed(s):
            continue
        if s.modality == "intersession":
            assert s.intersession is not None
            if last_key is None:
                yield source.diagnostic(
                    ("sessions", i, "intersession"), "ordre",
                    f"l'intersession {s.intersession} ouvre le module : une intersession se place entre deux parties",
                    hint="placez d'abord les séquences de la première partie")
                continue
            if s.intersession not in (period, period + 1) or (period == 0 and s.intersession != 1):
                yield source.diagnostic(
                    ("sessions", i, "intersession"), "ordre",
                    f"intersession {s.intersession} inattendue ici : la suivante devrait être la n° {period + 1 if s.intersession != period else period}",
                    hint="numérotez les intersessions 1, 2… dans l'ordre du module")
                continue
            if s.intersession == period + 1:
                period += 1
                day_before_period = last_key[0]
                open_period_index = i
            continue
        assert s.day is not None and s.half_day is not None
        key = (s.day, HALF_DAY_ORDER[s.half_day])
        label = f"J{s.day} {s.half_day}"
        if last_key is not None and key < last_key:
            yield source.diagnostic(
                ("sessions", i, "day"), "ordre",
                f"la séquence `{s.id}` ({label}) vient après une séquence de {last_label} : les séquences doivent être rangées dans l'ordre chronologique",
                hint="déplacez-la dans la liste, ou corrigez son jour")
        elif period and s.day <= day_before_period:
            yield source.diagnostic(
                ("sessions", i, "day"), "ordre",
                f"la séquence `{s.id}` ({label}) suit l'intersession {period} mais tombe un jour de la partie précédente (J{day_before_period} au plus)",
                hint=f"une nouvelle partie commence un nouveau jour : J{day_before_period + 1} ou après")
        last_key, last_label = key, label
        open_period_index = None
    if open_period_index is not None:
        yield source.diagnostic(
            ("sessions", open_period_index, "intersession"), "ordre",
            f"l'intersession {period} termine le module : aucune journée ne la suit",
            hint="une intersession se place entre deux parties ; placez après elle les séquences de la partie suivante")


def module_fits_max_duration(curriculum: Curriculum) -> Iterator[Diagnostic]:
    day_length = curriculum.programme.day_length
    profile = profile_of(curriculum.programme.profile)
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        if profile.max_days is not None and module.max_days > profile.max_days:
            yield source.diagnostic(
                ("max_days",), "duree-plan", severity=Severity.WARNING,
                message=f"`max_days: {module.max_days}` dépasse la limite du {profile.label} "
                f"({profile.max_days} jours au plus)",
                hint=f"ramenez la durée maximale à {profile.max_days} jours")
        limit = module.max_days * day_length
        if module.room_minutes > limit:
            yield source.diagnostic(
                ("sessions",), "duree-max",
                f"le module dure {format_minutes(module.room_minutes)} en présence du formateur, au-delà de son maximum : "
                f"{module.max_days} jours × {format_minutes(day_length)} = {format_minutes(limit)}",
                hint="raccourcissez des séquences, ou passez du travail en intersession")
        for i, s in enumerate(module.sessions):
            if s.day is not None and s.day > module.max_days:
                yield source.diagnostic(
                    ("sessions", i, "day"), "duree-max",
                    f"la séquence `{s.id}` est placée au jour {s.day}, au-delà des {module.max_days} jours du module",
                    hint=f"placez-la entre J1 et J{module.max_days}")
                break


def half_days_are_not_overloaded(curriculum: Curriculum) -> Iterator[Diagnostic]:
    half_day_limit = curriculum.programme.day_length // 2
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        load: dict[tuple[int, str], int] = defaultdict(int)
        first_index: dict[tuple[int, str], int] = {}
        for i, s in enumerate(module.sessions):
            if s.modality == "intersession" or s.day is None or s.half_day is None:
                continue
            slot = (s.day, s.half_day)
            load[slot] += s.duration
            first_index.setdefault(slot, i)
        for slot, minutes in load.items():
            if minutes > half_day_limit:
                yield source.diagnostic(
                    ("sessions", first_index[slot]), "demi-journee-chargee", severity=Severity.WARNING,
                    message=f"la demi-journée J{slot[0]} {slot[1]} totalise {format_minutes(minutes)}, "
                    f"au-delà d'une demi-journée de {format_minutes(half_day_limit)}",
                    hint="répartissez ses séquences sur une autre demi-journée")


def activities_fill_their_session(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """The run sheet's clock times come from the activities' durations: they must add up to the session's."""
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for i, s in enumerate(module.sessions):
            if s.trainer_guide is None or not s.trainer_guide.activities:
                continue
            total = sum(a.duration for a in s.trainer_guide.activities)
            if total != s.duration:
                yield source.diagnostic(
                    ("sessions", i, "trainer_guide", "activities"), "deroule-minute", severity=Severity.WARNING,
                    message=f"les activités de la séquence `{s.id}` totalisent {format_minutes(total)}, "
                    f"pour une séquence de {format_minutes(s.duration)}",
                    hint="ajustez la durée d'une activité (ou `duration` de la séquence) pour que les horaires "
                    "de la fiche séance tombent juste")


def module_opens_with_strategy(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """Profile strategie-pauvrete (seed 000): « tous les modules de formation devront débuter par une présentation
    des grands axes de la stratégie »."""
    if not profile_of(curriculum.programme.profile).opens_with_strategy:
        return
    for module in curriculum.modules:
        first = module.sessions[0]
        if first.presents_strategy:
            continue
        elsewhere = next((s for s in module.sessions if s.presents_strategy), None)
        hint = (
            f"placez la séquence `{elsewhere.id}` en tête de la liste `sessions`"
            if elsewhere
            else "ajoutez en tête une séquence de présentation de la stratégie avec `presents_strategy: true`"
        )
        yield curriculum.module_source(module).diagnostic(
            ("sessions", 0), "ouverture-strategie",
            f"le module `{module.id}` doit s'ouvrir par la présentation de la stratégie nationale de prévention et de lutte contre la pauvreté",
            hint=hint)

"""Rules across fields and files that a schema cannot express.

Each rule is a function `(Curriculum) -> Iterable[Diagnostic]`; RULES lists them
in the order an author would fix things.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..diagnostics import Diagnostic
from ..model.curriculum import Curriculum
from . import coverage, evaluations, identity, objectives, references, resources, schedule
from . import contents, delivery, glossary, profile, qualiopi, question_writing, rendering

Rule = Callable[[Curriculum], Iterable[Diagnostic]]

RULES: list[Rule] = [
    identity.module_id_matches_file,
    identity.ids_are_unique,
    identity.glossary_terms_are_unique,
    profile.programme_has_the_profiles_strategy,
    profile.levels_follow_the_profile,
    profile.presented_strategy_exists,
    references.session_objectives_exist,
    references.prerequisite_modules_exist,
    references.prerequisites_have_no_cycle,
    references.expert_requires_fondamentaux,
    coverage.competences_have_objectives,
    coverage.objectives_are_covered,
    schedule.sessions_are_placed,
    schedule.sessions_are_in_order,
    schedule.module_fits_max_duration,
    schedule.half_days_are_not_overloaded,
    schedule.activities_fill_their_session,
    schedule.module_opens_with_strategy,
    objectives.objectives_are_observable,
    resources.resources_are_reachable,
    rendering.markdown_survives_rendering,
    evaluations.evaluations_are_well_formed,
    evaluations.completion_rule_is_possible,
    evaluations.evaluation_sessions_exist,
    evaluations.objectives_are_evaluated,
    question_writing.correct_option_is_not_the_longest,
    question_writing.matching_items_share_no_word,
    question_writing.no_all_or_none_of_the_above,
    question_writing.negative_stems_are_emphasised,
    question_writing.no_fact_tested_twice,
    contents.texts_name_no_curriculum_file,
    glossary.acronyms_are_in_the_glossary,
    qualiopi.modules_carry_qualiopi_mentions,
    delivery.sessions_name_a_known_module,
    delivery.session_dates_fit_the_module,
    delivery.provider_identifies_itself,
    delivery.participants_are_listed_once,
    delivery.participants_have_a_buyer,
    delivery.attendance_matches_the_session,
    delivery.results_match_the_module,
]


# Rules about one module that read other modules: blind for every file when one module is read in part.
_ACROSS_MODULES = {"expert-sans-fondamentaux", "module-inconnu", "prerequis-circulaires"}


def check_curriculum(curriculum: Curriculum) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in RULES:
        found.extend(rule(curriculum))
    return [d for d in found if not _judged_blind(d, curriculum)]


def _judged_blind(diagnostic: Diagnostic, curriculum: Curriculum) -> bool:
    """A finding a rule made without the items a module read in part set aside (their absence)."""
    for source in curriculum.sources.values():
        blind = getattr(source, "blind_codes", None)
        if blind and diagnostic.code in blind and (diagnostic.file == source.file or diagnostic.code in _ACROSS_MODULES):
            return True
    return False

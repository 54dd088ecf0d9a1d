"""The curriculum as a whole: every file read and validated against its model."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, YamlPath
from ..load.curriculum_files import CurriculumFiles
from ..load.yaml_source import YamlDocument, YamlInputError, read_yaml_file
from .errors import _data_path, model_diagnostics
from .delivery import Delivery
from .glossary import Glossary
from .module import Module
from .programme import Programme

M = TypeVar("M", bound=BaseModel)


@dataclass
class Curriculum:
    """Everything the outputs need, with the sources kept to locate later findings."""

    root: Path
    programme: Programme
    modules: list[Module]
    glossary: Glossary = field(default_factory=Glossary)
    sources: dict[str, YamlDocument] = field(default_factory=dict, repr=False)
    # Modules whose file exists but did not validate: references to them are not "unknown".
    unreadable_module_ids: set[str] = field(default_factory=set)
    # Sessions delivered (`sessions/<id>.yml`), by id (the file's name); CSV lists already read.
    deliveries: dict[str, Delivery] = field(default_factory=dict)

    def module(self, module_id: str) -> Module:
        for module in self.modules:
            if module.id == module_id:
                return module
        raise KeyError(module_id)

    def module_source(self, module: Module) -> YamlDocument:
        return self.sources[module._source_key or f"modules/{module.id}"]

    @property
    def programme_source(self) -> YamlDocument:
        return self.sources["programme"]

    def delivery_source(self, delivery_id: str) -> YamlDocument:
        return self.sources[f"sessions/{delivery_id}"]


_pause_lock = threading.Lock()
_readers = 0  # reading in several threads at once (the preview and a build) shares one pause
_collector_was_enabled = True


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Reading builds hundreds of thousands of objects and, from valid files, no garbage cycle, yet their
    number alone sets off Python's cycle collector, which went through the whole growing heap again and
    again: 30 full passes and half the reading time of a 200-module curriculum. It is paused while the
    files are read (peak memory unchanged: there is nothing for it to free; the few cycles a file in error
    leaves are collected afterwards), and restored as it was by the last reader."""
    global _readers, _collector_was_enabled
    with _pause_lock:
        if _readers == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _readers += 1
    try:
        yield
    finally:
        with _pause_lock:
            _readers -= 1
            if _readers == 0 and _collector_was_enabled:
                gc.enable()


def read_curriculum(files: CurriculumFiles) -> tuple[Curriculum | None, list[Diagnostic]]:
    """Read every file; a file with errors is left out, the others are still checked."""
    with _cycle_collector_paused():
        return _read_curriculum(files)


def _read_curriculum(files: CurriculumFiles) -> tuple[Curriculum | None, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    sources: dict[str, YamlDocument] = {}

    programme = _read(files.programme, Programme, ("programme",), diagnostics, sources, "programme")
    glossary = Glossary()
    if files.glossary is not None:
        glossary = _read(files.glossary, Glossary, ("glossaire",), diagnostics, sources, "glossaire") or Glossary()

    modules: list[Module] = []
    unreadable: set[str] = set()
    for path, parsed in _parse_module_files(files.modules):
        module = _read(path, Module, ("modules", path.stem), diagnostics, sources, f"modules/{path.stem}", parsed)
        if module is None:
            unreadable.add(path.stem)
        else:
            module._source_key = f"modules/{path.stem}"
            modules.append(module)
            # Also keyed by the module's own id, for rules that only have an id; a file named after that id
            # keeps its own entry (two files declaring one id are both reported).
            if module.id != path.stem:
                sources.setdefault(f"modules/{module.id}", sources[f"modules/{path.stem}"])

    deliveries: dict[str, Delivery] = {}
    for path in files.sessions:
        delivery = _read(path, Delivery, ("sessions", path.stem), diagnostics, sources, f"sessions/{path.stem}")
        if delivery is not None:
            delivery = read_delivery_tables(delivery, path, diagnostics, sources[f"sessions/{path.stem}"])
        if delivery is not None:
            deliveries[path.stem] = delivery

    if programme is None:
        return None, diagnostics
    return (
        Curriculum(
            root=files.root,
            programme=programme,
            modules=in_teaching_order(modules),
            glossary=glossary,
            sources=sources,
            unreadable_module_ids=unreadable,
            deliveries=deliveries,
        ),
        diagnostics,
    )


def read_delivery_tables(delivery: Delivery, path: Path, diagnostics: list[Diagnostic],
                         source: YamlDocument | None = None) -> Delivery | None:
    """The session with its CSV files read: the participants list, Moodle's grades. A file that cannot be
    read is reported (file:line) and the session left out of the rules, which would only repeat it."""
    from ..load.tables import TableError
    from .grades import moodle_scores
    from .participants import read_participants

    referenced: list[tuple[tuple[Any, ...], str]] = []  # (where the session file names it, file name)
    if isinstance(delivery.participants, str):
        referenced.append((("participants",), delivery.participants))
    referenced += [(("results", i, "moodle", "file"), e.moodle.file)
                   for i, e in enumerate(delivery.results) if e.moodle is not None]
    missing = [(key, name) for key, name in referenced if not (path.parent / name).is_file()]
    if missing and source is not None:
        for key, name in missing:
            diagnostics.append(source.diagnostic(key, "fichier-introuvable",
                                                 f"le fichier « {name} » n'existe pas à côté de {path.name}",
                                                 hint="le chemin est relatif au dossier du fichier de session ("
                                                 f"{path.parent.name}/) ; vérifiez son nom et son extension"))
        return None
    try:
        if isinstance(delivery.participants, str):
            people, table = read_participants(path.parent / delivery.participants)
            diagnostics.extend(table.notes)
            delivery = delivery.model_copy(update={"participants": people})
        results = []
        for entry in delivery.results:
            if entry.moodle is not None:
                scores, notes = moodle_scores(entry.moodle, path, delivery.people)
                diagnostics.extend(notes)
                merged = entry.model_copy(update={"scores": {**scores, **entry.scores}})
                merged._imported = scores
                entry = merged
            results.append(entry)
        return delivery.model_copy(update={"results": results})
    except TableError as exc:
        diagnostics.append(exc.diagnostic)
        return None


LEVEL_ORDER = {"fondamentaux": 0, "expert": 1}


def in_teaching_order(modules: list[Module]) -> list[Module]:
    """Prerequisites first (the order a learner follows), then fondamentaux before expert, then by id."""
    remaining = sorted(modules, key=lambda m: (LEVEL_ORDER.get(m.level, 9), m.id))
    ordered: list[Module] = []
    placed: set[str] = set()
    known = {m.id for m in modules}
    while remaining:
        ready = next(
            (m for m in remaining if all(p in placed or p not in known for p in m.prerequisites.modules)),
            remaining[0],  # a cycle (reported by the checks): keep going in the fallback order
        )
        ordered.append(ready)
        placed.add(ready.id)
        remaining.remove(ready)
    return ordered


# libyaml parses one file on one core; a large curriculum reads its module files on all of them.
PARALLEL_FROM_FILES = 16


def _parse(path: Path) -> YamlDocument | Diagnostic:
    try:
        return read_yaml_file(path)
    except YamlInputError as exc:
        return exc.diagnostic


def _parse_without_positions(path: Path) -> YamlDocument | Diagnostic:
    parsed = _parse(path)
    if isinstance(parsed, YamlDocument):
        parsed.release_positions()  # node trees don't cross processes; they are rebuilt on demand
    return parsed


def _parse_module_files(paths: list[Path]) -> Iterator[tuple[Path, YamlDocument | Diagnostic | None]]:
    workers = int(os.environ.get("TRAINKIT_JOBS") or min(os.cpu_count() or 1, 8))
    if len(paths) < PARALLEL_FROM_FILES or workers < 2:
        for path in paths:
            yield path, None  # parsed in _read, keeping positions for the model errors
        return
    context = multiprocessing.get_context("forkserver" if threading.active_count() > 1 else "fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from zip(paths, pool.map(_parse_without_positions, paths, chunksize=4))


SALVAGE_ROUNDS = 3


def salvage(model: type[M], data: dict, error: ValidationError) -> M | None:
    """The model of `data` with its faulty parts set aside, or None when that would change its meaning.

    Only repairs that cannot raise a second, derived error are made, and they keep
    every list index where the author wrote it, so the cross-file rules still point
    at the right lines: an unknown key is dropped (its value was never read), and an
    invalid last entry of a list of names (methods) is dropped. A wrong value is not
    replaced by a default: a rule would then report it missing, a problem the author
    does not have. Such a file is left out of the cross-file rules until it is fixed.
    """
    import copy

    repaired = copy.deepcopy(data)
    for _ in range(SALVAGE_ROUNDS):
        for item in error.errors(include_url=False):
            if not _set_aside(repaired, _data_path(repaired, tuple(item["loc"])), item["type"]):
                return None
        try:
            return model.model_validate(repaired)
        except ValidationError as again:
            error = again
    return None


# The lists whose items are things a rule counts (a session, an objective, a question): an item with a
# wrong value is set aside whole, deepest first (a wrong choice sets its question aside).
_ITEM_LISTS = ("sessions", "questions", "objectives", "competences", "evaluations", "resources", "content",
               "methods", "knowledge", "items", "modalities", "recommended_modalities")
# What a rule cannot judge once items of that list are set aside (it would report their absence).
_BLIND_RULES = {
    "sessions": {"objectif-non-couvert", "ouverture-strategie", "duree-plan", "sequence-inconnue",
                 "completion-sans-evaluation", "sans-evaluation", "evaluation-double"},
    "competences": {"objectif-inconnu", "objectif-non-couvert", "objectif-non-evalue", "competence-sans-objectif"},
    "objectives": {"objectif-inconnu", "objectif-non-couvert", "objectif-non-evalue", "competence-sans-objectif"},
    "evaluations": {"objectif-non-evalue", "sans-evaluation", "completion-sans-evaluation", "evaluation-reussie",
                    "evaluation-double", "sequence-inconnue"},
    "questions": {"objectif-non-evalue", "evaluation-reussie"},
    "level": {"niveau-profil", "expert-sans-fondamentaux"},
    "prerequisites": {"expert-sans-fondamentaux", "module-inconnu", "prerequis-circulaires"},
    "max_days": {"duree-max", "demi-journee-chargee"},
    "day_length": {"duree-max", "demi-journee-chargee"},
}
_SET_ASIDE = object()


@dataclass
class SalvagedSource:
    """A file read in part: rules see the module without its faulty items, and their findings are
    located back in the file as the author wrote it (item numbers included)."""

    document: YamlDocument
    kept: dict[tuple[Any, ...], list[int]]  # list path (as written) → indices of the items kept
    blind_codes: set[str]

    @property
    def data(self) -> Any:
        return self.document.data

    @property
    def file(self) -> Path:
        return self.document.file

    def as_written(self, path: tuple[Any, ...]) -> tuple[Any, ...]:
        return _as_written(path, self.kept)

    def locate(self, path: YamlPath, *, at_key: bool = False) -> tuple[int, int]:
        return self.document.locate(self.as_written(tuple(path)), at_key=at_key)

    def diagnostic(self, path: YamlPath, code: str, message: str, **options: Any) -> Diagnostic:
        return self.document.diagnostic(self.as_written(tuple(path)), code, message, **options)


def _as_written(path: tuple[Any, ...], kept: dict[tuple[Any, ...], list[int]]) -> tuple[Any, ...]:
    written: list[Any] = []
    for part in path:
        indices = kept.get(tuple(written)) if isinstance(part, int) else None
        written.append(indices[part] if indices is not None and 0 <= part < len(indices) else part)
    return tuple(written)


def _without_set_aside(data: Any, at: tuple[Any, ...], kept: dict[tuple[Any, ...], list[int]]) -> Any:
    if isinstance(data, dict):
        return {k: _without_set_aside(v, at + (k,), kept) for k, v in data.items() if v is not _SET_ASIDE}
    if isinstance(data, list):
        indices = [i for i, item in enumerate(data) if item is not _SET_ASIDE]
        if len(indices) != len(data):
            kept[at] = indices
        return [_without_set_aside(data[i], at + (i,), kept) for i in indices]
    return data


def salvage_items(model: type[M], data: dict, error: ValidationError, required: set[str]
                  ) -> tuple[M, dict[tuple[Any, ...], list[int]], set[str]] | None:
    """The model of `data` without the items (sessions, questions, objectives…) that hold a wrong value,
    and without optional keys whose value is wrong; with where the kept items were written and the
    rule codes that cannot judge a module read in part. None when a required key itself is wrong."""
    import copy

    marked = copy.deepcopy(data)
    kept: dict[tuple[Any, ...], list[int]] = {}
    blind: set[str] = set()
    for _ in range(SALVAGE_ROUNDS * 2):
        validated = _without_set_aside(marked, (), {})  # what this round's errors refer to
        for item in error.errors(include_url=False):
            path = _as_written(_data_path(validated, tuple(item["loc"])), kept)
            cut = max((i for i, part in enumerate(path) if isinstance(part, int) and i > 0
                       and path[i - 1] in _ITEM_LISTS), default=None)
            if cut is not None:
                parent = marked
                for part in path[:cut]:
                    parent = parent[part]
                parent[path[cut]] = _SET_ASIDE
                blind |= _BLIND_RULES.get(path[cut - 1], set())
            elif path and isinstance(path[0], str) and path[0] in marked and path[0] not in required:
                del marked[path[0]]
                blind |= _BLIND_RULES.get(path[0], set())
            else:
                return None
        kept = {}
        candidate = _without_set_aside(marked, (), kept)
        try:
            return model.model_validate(candidate), kept, blind
        except ValidationError as again:
            error = again
    return None


def _set_aside(data: Any, path: tuple[Any, ...], kind: str) -> bool:
    if not path:
        return False
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return True  # already removed with its parent
    last = path[-1]
    if isinstance(parent, dict) and isinstance(last, str):
        if kind == "extra_forbidden":
            parent.pop(last, None)
            return True
        return False
    if isinstance(parent, list) and isinstance(last, int) and last == len(parent) - 1 and isinstance(parent[last], str):
        parent.pop()  # the last name of a list: no index after it moves
        return True
    return False


def _read(
    path: Path,
    model: type[M],
    prefix: YamlPath,
    diagnostics: list[Diagnostic],
    sources: dict[str, YamlDocument],
    key: str,
    parsed: YamlDocument | Diagnostic | None = None,
) -> M | None:
    if parsed is None:
        parsed = _parse(path)
    if isinstance(parsed, Diagnostic):
        diagnostics.append(parsed)
        return None
    document = parsed
    document.logical_prefix = prefix
    sources[key] = document
    diagnostics.extend(document.load_diagnostics)
    if not isinstance(document.data, dict):
        diagnostics.append(
            document.diagnostic((), "racine-invalide", "le fichier doit contenir un bloc de clés (clé: valeur) à la racine")
        )
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        diagnostics.extend(model_diagnostics(exc, model, document))
        # Reported; now salvage what can be checked further, so one run shows every problem.
        repaired = salvage(model, document.data, exc)
        if repaired is None and model is Module:
            required = {name for name, info in model.model_fields.items() if info.is_required()}
            partial = salvage_items(model, document.data, exc, required)
            if partial is not None:
                repaired, kept, blind = partial
                sources[key] = SalvagedSource(document, kept, blind)  # type: ignore[assignment]
        return repaired
    finally:
        document.release_positions()

"""The curriculum as a whole: every file read and validated against its model."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
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
        return self.sources[f"modules/{module.id}"]

    @property
    def programme_source(self) -> YamlDocument:
        return self.sources["programme"]

    def delivery_source(self, delivery_id: str) -> YamlDocument:
        return self.sources[f"sessions/{delivery_id}"]


def read_curriculum(files: CurriculumFiles) -> tuple[Curriculum | None, list[Diagnostic]]:
    """Read every file; a file with errors is left out, the others are still checked."""
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
            modules.append(module)
            # Keyed by the module's own id so rules find it; the stem stays the fallback.
            if module.id != path.stem:
                sources[f"modules/{module.id}"] = sources[f"modules/{path.stem}"]

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

    missing = [(key, name) for key, name in [("participants", delivery.participants if isinstance(
        delivery.participants, str) else None)] + [(("results", i, "moodle", "file"), e.moodle.file)
        for i, e in enumerate(delivery.results) if e.moodle is not None] if name and not (path.parent / name).is_file()]
    if missing and source is not None:
        for key, name in missing:
            diagnostics.append(source.diagnostic(key if isinstance(key, tuple) else (key,), "fichier-introuvable",
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
        return salvage(model, document.data, exc)
    finally:
        document.release_positions()

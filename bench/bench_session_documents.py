"""Benchmark of the session documents: certificates, attestations and attendance sheets.

Generates N sessions (default 1,000) of the bundled fondamentaux module with 15 participants each,
attendance recorded, then writes every session's certificats de réalisation, attestations de fin
de formation and attendance sheets (31 PDFs per session). Target (issue 12): ≥ 20 documents per
second on 2 cores, peak memory quoted.

Baseline, in the same run: the same documents for the first sessions laid out one document per
render (as a template-per-file tool does), in one process. trainkit lays out each kind of document
once per session (all its people in one render) and splits the pages, on every core.

    python bench/bench_session_documents.py                  # 1,000 sessions × 15 participants
    python bench/bench_session_documents.py --sessions 100   # quicker
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from trainkit.api import validate  # noqa: E402
from trainkit.model.calendar import is_working_day  # noqa: E402
from trainkit.outputs.documents.session import _Writer, write_many_sessions  # noqa: E402
from trainkit.views.delivery import delivery_view  # noqa: E402

KINDS = ("emargement", "certificats", "attestations")
TARGET = 20.0
FIRST_NAMES = ["Léa", "Paul", "Anh", "Chloé", "Samir", "Éloïse", "Awa", "Julien", "Inès", "Tom", "Nora", "Hugo",
               "Maëlle", "Yanis", "Zoé"]
LAST_NAMES = ["Durand", "Martin", "Nguyen", "Benoît", "Haddad", "Lefèvre", "Traoré", "Moreau", "Roussel", "Garnier",
              "Petit", "Roux", "Fontaine", "Chevalier", "Mercier"]
SLOTS = ["J1 matin", "J1 après-midi", "J2 matin", "J2 après-midi", "Intersession 1", "J3 matin", "J3 après-midi",
         "J4 matin", "J4 après-midi"]


def _two_days_from(day: dt.date) -> dt.date:
    """The first day from `day` starting two working days in a row (a part of the module)."""
    while not (is_working_day(day) and is_working_day(day + dt.timedelta(days=1))):
        day += dt.timedelta(days=1)
    return day


def session_text(index: int, participants: int) -> str:
    first = _two_days_from(dt.date(2027, 1, 4) + dt.timedelta(weeks=index % 44))
    second = _two_days_from(first + dt.timedelta(weeks=4))
    people = "".join(
        f"  - {{last_name: {LAST_NAMES[p % len(LAST_NAMES)]}-{index}, first_name: {FIRST_NAMES[p % len(FIRST_NAMES)]}, "
        f"employer: \"Structure {p}\"}}\n" for p in range(participants))
    absent = f"{FIRST_NAMES[1]} {LAST_NAMES[1]}-{index}"
    records = "".join(f"  - {{half_day: {slot}, present: tous}}\n" for slot in SLOTS if slot != "J3 matin")
    return (f"module: fondamentaux\nexample: true\nparts:\n  - start: {first}\n  - start: {second}\n"
            f"place: {{name: Salle {index}, address: \"{index} rue de l'Exemple, 75000 Paris\"}}\n"
            "buyers:\n  - {id: employeur, name: \"Association d'exemple\", kind: employeur, siret: \"999 000 002 00017\", "
            "category: salarie-prive}\n"
            f"participants:\n{people}attendance:\n{records}"
            f"  - {{half_day: J3 matin, present: tous, excused: [\"{absent}\"]}}\n")


def write_sessions(root: Path, count: int, participants: int) -> None:
    shutil.copytree(REPO / "curriculum", root, ignore=shutil.ignore_patterns("schemas"))
    sessions = root / "sessions"
    shutil.rmtree(sessions)
    sessions.mkdir()
    for index in range(count):
        (sessions / f"session-{index:04d}.yml").write_text(session_text(index, participants), encoding="utf-8")


def one_per_render(curriculum, ids: list[str], out: Path) -> tuple[int, float]:
    """The baseline: each certificate and attestation laid out alone; the sheet as one document."""
    start = time.perf_counter()
    written = 0
    for delivery_id in ids:
        view = delivery_view(curriculum, delivery_id)
        folder = out / delivery_id
        folder.mkdir(parents=True)
        writer = _Writer(view, folder, None)
        writer.emargement()
        for attendee in view.attendees:
            alone = _Writer(dataclasses.replace(view, attendees=[attendee]), folder, None)
            alone.certificats()
            alone.attestations()
            written += 2
        written += 1
    return written, time.perf_counter() - start


def batched(curriculum, ids: list[str], out: Path, jobs: int) -> tuple[int, float]:
    start = time.perf_counter()
    results = write_many_sessions(curriculum, ids, out, kinds=KINDS, jobs=jobs)
    return sum(len(r.written) for r in results), time.perf_counter() - start


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest worker, in MB (ru_maxrss is in KB on Linux)."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--participants", type=int, default=15)
    parser.add_argument("--baseline-sessions", type=int, default=10)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "curriculum"
        write_sessions(root, args.sessions, args.participants)
        start = time.perf_counter()
        validation = validate(root)
        validate_seconds = time.perf_counter() - start
        assert validation.ok(), validation.report.errors[:3]
        curriculum = validation.curriculum
        ids = sorted(curriculum.deliveries)
        sample = ids[: args.baseline_sessions]

        base_docs, base_seconds = one_per_render(curriculum, sample, Path(tmp) / "baseline")
        one_docs, one_seconds = batched(curriculum, sample, Path(tmp) / "one", jobs=1)
        all_docs, all_seconds = batched(curriculum, ids, Path(tmp) / "all", jobs=cores)
        self_mb, worker_mb = peak_mb()

    rate = lambda docs, seconds: docs / seconds  # noqa: E731
    print(f"{args.sessions} sessions × {args.participants} participants, {cores} cœurs ; validation : {validate_seconds:.1f} s")
    print(f"référence, un document par rendu, 1 processus ({len(sample)} sessions) : {base_docs} documents en "
          f"{base_seconds:.1f} s = {rate(base_docs, base_seconds):.1f} documents/s")
    print(f"trainkit, un rendu par type et par session, 1 processus ({len(sample)} sessions) : {one_docs} documents en "
          f"{one_seconds:.1f} s = {rate(one_docs, one_seconds):.1f} documents/s "
          f"(×{rate(one_docs, one_seconds) / rate(base_docs, base_seconds):.2f} la référence)")
    print(f"trainkit, {cores} processus (toutes les sessions) : {all_docs} documents en {all_seconds:.1f} s = "
          f"{rate(all_docs, all_seconds):.1f} documents/s (×{rate(all_docs, all_seconds) / rate(base_docs, base_seconds):.2f} "
          f"la référence ; objectif ≥ {TARGET:g}/s : {'atteint' if rate(all_docs, all_seconds) >= TARGET else 'NON atteint'})")
    print(f"mémoire de pointe : {self_mb:.0f} Mo (processus principal), {worker_mb:.0f} Mo (le plus gros processus de travail)")


if __name__ == "__main__":
    main()

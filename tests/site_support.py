"""Build the bundled curriculum's site once per test session, with a marker planted in every trainer note."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trainkit.api import validate
from trainkit.model.curriculum import Curriculum
from trainkit.model.module import Activity, TrainerGuide
from trainkit.outputs.site import build_site, load_user_config

from conftest import CURRICULUM, REPO

TRAINER_MARKER = "MARQUEUR-FORMATEUR-7f3a"


def marked_guide(guide: TrainerGuide | None, session_id: str) -> TrainerGuide:
    """The session's run sheet with the marker in each of its fields (activity, material, question, vigilance)."""
    guide = guide or TrainerGuide()
    mark = f"{TRAINER_MARKER} {session_id}"
    return guide.model_copy(update={
        "activities": [*guide.activities, Activity(duration="5min", title=f"Activité {mark}", details=f"Consigne {mark}")],
        "materials": [*guide.materials, f"Matériel {mark}"],
        "questions": [*guide.questions, f"Question {mark} ?"],
        "vigilance": [*guide.vigilance, f"Vigilance {mark}"],
    })


def with_marked_trainer_notes(curriculum: Curriculum) -> Curriculum:
    """Every session's trainer notes and run sheet carry the marker."""
    modules = []
    for module in curriculum.modules:
        sessions = [
            s.model_copy(update={"trainer_notes": f"{s.trainer_notes or ''}\n\n{TRAINER_MARKER} {s.id}",
                                 "trainer_guide": marked_guide(s.trainer_guide, s.id)})
            for s in module.sessions
        ]
        modules.append(module.model_copy(update={"sessions": sessions}))
    return Curriculum(curriculum.root, curriculum.programme, modules, curriculum.glossary, curriculum.sources)


@dataclass
class BuiltSite:
    root: Path  # holds learner/ and trainer/
    tree: Path  # the generated source trees
    engine: str = "mkdocs"

    @property
    def learner(self) -> Path:
        return self.root / "learner"

    @property
    def trainer(self) -> Path:
        return self.root / "trainer"


def build_bundled_site(tmp: Path, packages: list[Path] | None = None, engine: str = "mkdocs") -> BuiltSite:
    curriculum = with_marked_trainer_notes(validate(CURRICULUM).curriculum)
    build_site(curriculum, tmp / "site", work_dir=tmp / "tree", user_config=load_user_config(REPO / "mkdocs.yml"),
               packages=packages, engine=engine)
    return BuiltSite(tmp / "site", tmp / "tree", engine)

"""What learners and trainers read names no file of the curriculum: they never see the YAML."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model.curriculum import Curriculum

_FILE_NAME = re.compile(
    r"[\w./-]+\.ya?ml\b|\b(?:le|du|au|dans le) fichier (?:programme|glossaire|(?:du )?module)\b",
    re.IGNORECASE,
)


def texts_name_no_curriculum_file(curriculum: Curriculum) -> Iterator[Diagnostic]:
    """« à partir du cadrage de `programme.yml` » means nothing on the site or in a SCORM package."""
    for module in curriculum.modules:
        source = curriculum.module_source(module)
        for i, session in enumerate(module.sessions):
            for key in ("content", "trainer_notes"):
                text = getattr(session, key) or ""
                # The pattern is costly on long texts; most hold none of its anchors.
                if "ml" not in text and "ML" not in text and "ichier" not in text and "ICHIER" not in text:
                    continue
                match = _FILE_NAME.search(text)
                if match:
                    reader = "les stagiaires" if key == "content" else "les formateurs"
                    yield source.diagnostic(
                        ("sessions", i, key), "nom-de-fichier", severity=Severity.WARNING,
                        message=f"la séquence `{session.id}` nomme un fichier du curriculum (« {match.group(0)} ») "
                        f"que {reader} ne voient jamais",
                        hint="nommez ce que le fichier contient (« la présentation de la stratégie », "
                        "« le glossaire ») plutôt que le fichier")

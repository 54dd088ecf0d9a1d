"""A programme published under Qualiopi carries every mention of indicator 1 (and indicator 2's results).

Public, objectives, duration, content, methods and contacts are required by the
format itself; the mentions checked here live in `offer` (programme-wide or per
module) and in the module's prerequisites and evaluations.
"""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic
from ..model.curriculum import Curriculum
from ..model.offer import missing_mentions


def modules_carry_qualiopi_mentions(curriculum: Curriculum) -> Iterator[Diagnostic]:
    if not curriculum.programme.qualiopi:
        return
    for module in curriculum.modules:
        module_file = f"modules/{module.id}.yml"
        for mention in missing_mentions(curriculum.programme, module):
            message = (f"mention Qualiopi manquante pour le module `{module.id}` : "
                       f"{mention.label} (indicateur {mention.indicator})")
            if not mention.in_offer:
                source, path = curriculum.module_source(module), (mention.key,)
                hint = mention.hint
            else:
                # Point where the author is already writing this module's offer, else at the shared one.
                in_module = module.offer is not None
                source = curriculum.module_source(module) if in_module else curriculum.programme_source
                path = ("offer", mention.key)
                hint = (f"{mention.hint} — sous `offer:` de programme.yml (pour tous les modules) "
                        f"ou de {module_file} (pour ce module seulement)")
            yield source.diagnostic(path, "mention-qualiopi-manquante", message, hint=hint)

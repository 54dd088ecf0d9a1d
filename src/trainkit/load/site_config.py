"""The training body's `mkdocs.yml`, read the way MkDocs reads it.

Unlike the curriculum, this file is configuration that MkDocs itself would run: Material's
documented set-ups use `!!python/name:` (emoji, custom fences), `!ENV` and `INHERIT`, and they
must work as they do with `mkdocs build`. Syntax errors still get trainkit's located French message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .yaml_source import YamlInputError, file_error, syntax_diagnostic


def read_site_config(file: Path) -> dict[str, Any]:
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        text = file.read_text(encoding="utf-8")
        with file.open("rb") as stream:
            data = yaml_load(stream)  # MkDocs' loader: !ENV, !!python/name, INHERIT
    except UnicodeDecodeError as exc:
        raise YamlInputError(file_error(file, "encodage", f"le fichier n'est pas encodé en UTF-8 (octet {exc.start})",
                                        hint="enregistrez-le en UTF-8")) from None
    except ConfigurationError as exc:
        cause = exc.__context__
        if isinstance(cause, yaml.MarkedYAMLError):
            raise YamlInputError(syntax_diagnostic(cause, text, file)) from None
        detail = str(cause) if cause is not None else str(exc)
        raise YamlInputError(file_error(file, "config-site", f"configuration du site illisible : {detail}",
                                        hint="corrigez-la comme pour `mkdocs build`")) from None
    except yaml.YAMLError as exc:  # a tag MkDocs does not know, an import that fails
        raise YamlInputError(file_error(file, "config-site", f"configuration du site illisible : {exc}",
                                        hint="vérifiez les étiquettes `!!python/name:` et `!ENV`")) from None
    if not isinstance(data, dict):
        raise YamlInputError(file_error(file, "config-site", "la configuration du site doit être un bloc de clés",
                                        line=1, column=1))
    return data
